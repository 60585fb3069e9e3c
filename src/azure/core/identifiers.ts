import * as l10n from '../../utils/l10n';

/**
 * Names that become URL path segments (subscription, resource group, account, pool, node, gallery and image names)
 * and every id that arrives from a webview message or from state a webview saved.
 *
 * `encodeURIComponent` leaves "." and "..", and the URL parser folds them: a gallery named ".." would turn
 * `…/galleries/../images/x` into `…/Microsoft.Compute/images/x`. Azure names never contain "/", "\", "?", "#" or "%",
 * so a name with one of them (or one that is only dots, in any spelling) is refused before any request is built.
 */
export const MAX_IDENTIFIER_LENGTH = 1024;

const FORBIDDEN_CHARACTER = /[/\\?#%\u0000-\u001f\u007f]/;

/** Thrown for a name or id that cannot be a path segment of an Azure request. */
export class InvalidIdentifierError extends Error {
  override readonly name = 'InvalidIdentifierError';
  readonly code = 'InvalidIdentifier';

  constructor(
    /** What the value names, e.g. "Pool id", "Gallery name". */
    readonly what: string,
    /** Why it was refused (a sentence fragment). */
    readonly reason: string,
    value?: unknown,
  ) {
    super(l10n.t('{0} {1} is not valid: {2}. Nothing was sent.', what, quoted(value), reason));
  }
}

/** The value as it appears in a message: quoted, escaped and short. */
function quoted(value: unknown): string {
  if (typeof value !== 'string') {
    return `(${value === null ? 'null' : typeof value})`;
  }
  const text = JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value);
  return text;
}

/** True when the text is "." or ".." once percent-decoding is undone (any number of times, any case). */
function isDotSegment(value: string): boolean {
  let text = value;
  for (let i = 0; i < 4; i++) {
    if (text === '.' || text === '..') {
      return true;
    }
    const decoded = text.replace(/%2e/gi, '.');
    if (decoded === text) {
      break;
    }
    text = decoded;
  }
  return false;
}

/** Why `value` cannot be used as a name or id, or undefined when it can. */
export function identifierProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return l10n.t('it is not text');
  }
  if (value.length === 0) {
    return l10n.t('it is empty');
  }
  if (value.length > MAX_IDENTIFIER_LENGTH) {
    return l10n.t('it is longer than {0} characters', MAX_IDENTIFIER_LENGTH);
  }
  if (isDotSegment(value)) {
    return l10n.t('"." and ".." (in any spelling, such as "%2e") would change the request path');
  }
  const forbidden = FORBIDDEN_CHARACTER.exec(value);
  if (forbidden) {
    const shown = forbidden[0] < ' ' || forbidden[0] === '\u007f' ? `U+${forbidden[0].charCodeAt(0).toString(16).padStart(4, '0')}` : forbidden[0];
    return l10n.t('it contains "{0}", which Azure names never contain', shown);
  }
  if (value.trim() !== value) {
    return l10n.t('it starts or ends with a space');
  }
  return undefined;
}

/**
 * The one id validator for values from webview messages and restored state, and for every path segment the clients
 * build: returns the value when it is a usable name, throws InvalidIdentifierError otherwise.
 */
export function requireIdentifier(value: unknown, what: string): string {
  const problem = identifierProblem(value);
  if (problem !== undefined) {
    throw new InvalidIdentifierError(what, problem, value);
  }
  return value as string;
}

/** One encoded URL path segment, refused when it would not stay one segment (see requireIdentifier). */
export function encodePathSegment(value: string, what: string): string {
  return encodeURIComponent(requireIdentifier(value, what));
}

/**
 * A safety net under every request path the clients build: refuses a path with a "." or ".." segment (in any
 * spelling), whoever built it, before the URL parser could fold it into another resource's path.
 */
export function assertNoDotSegments(path: string, what: string): void {
  const segment = path.split(/[/\\]/).find((part) => isDotSegment(part));
  if (segment !== undefined) {
    throw new InvalidIdentifierError(what, l10n.t('"." and ".." (in any spelling, such as "%2e") would change the request path'), path);
  }
}
