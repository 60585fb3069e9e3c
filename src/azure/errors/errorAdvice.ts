/**
 * "What to do" for the common failures, appended to the one-line error text shown to people.
 */
const SIGN_IN_AGAIN =
  'Sign in to Azure again (or, for an attached account, check its shared key), then retry.';
const ROLE_ASSIGNMENT =
  'Your identity lacks a role assignment for this action: ask an owner for a role such as Contributor on the resource (Batch account or gallery).';
const REFRESH_TREE = 'It may have been deleted or renamed: refresh the tree.';
const STATE_CONFLICT =
  'The resource is in a state that does not allow this right now (busy, resizing, reimaging or being deleted): refresh, wait for it to settle, then try again.';
const PRECONDITION =
  'The resource was changed by someone else since it was loaded: refresh it and apply your change again.';
const RETRY_LATER = 'The service had a problem: try again later.';
const NETWORK =
  'Check the network connection and the proxy settings (http.proxy, HTTPS_PROXY/NO_PROXY), then retry.';

const AUTH_CODES = new Set([
  'authenticationfailed',
  'invalidauthenticationtoken',
  'invalidauthenticationtokentenant',
  'invalidauthenticationtokenaudience',
  'expiredauthenticationtoken',
  'authenticationerror',
  'unauthorized',
]);
const AUTHORIZATION_CODES = new Set([
  'authorizationfailed',
  'linkedauthorizationfailed',
  'insufficientaccountpermissions',
  'forbidden',
  'authorizationpermissionmismatch',
]);
const API_VERSION_CODES = new Set([
  'invalidapiversionparameter',
  'noregisteredproviderfound',
  'unsupportedapiversion',
  'invalidapiversion',
]);

export interface AdviceInput {
  code: string;
  status?: number;
  /** Milliseconds the service asked to wait (429/503), when known. */
  retryAfterMs?: number;
  /** True when the request never got an HTTP response (DNS, connect, reset, timeout). */
  network?: boolean;
}

export function adviceFor({ code, status, retryAfterMs, network }: AdviceInput): string | undefined {
  const c = code.toLowerCase();
  if (network) {
    return NETWORK;
  }
  if (AUTH_CODES.has(c) || status === 401) {
    return SIGN_IN_AGAIN;
  }
  if (AUTHORIZATION_CODES.has(c) || status === 403) {
    return ROLE_ASSIGNMENT;
  }
  if (API_VERSION_CODES.has(c)) {
    return 'The API version is not supported here: pick a supported one in the azureBatch.apiVersion.* settings.';
  }
  if (status === 412 || c === 'conditionnotmet') {
    return PRECONDITION;
  }
  if (status === 429 || c === 'toomanyrequests' || c.includes('throttl')) {
    const wait = retryAfterMs !== undefined ? ` (the service asked for ${Math.ceil(retryAfterMs / 1000)} s)` : '';
    return `Azure is throttling requests: wait a moment${wait} and try again.`;
  }
  if (status === 404 || c.endsWith('notfound')) {
    return REFRESH_TREE;
  }
  if (status === 409) {
    return STATE_CONFLICT;
  }
  if (status === 408 || (status !== undefined && status >= 500)) {
    return RETRY_LATER;
  }
  if (c === 'malformedresponse') {
    return 'The service sent a response that could not be read: try again.';
  }
  if (status === 400) {
    return 'Check the values you entered.';
  }
  return undefined;
}
