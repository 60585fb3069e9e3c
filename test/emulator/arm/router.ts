/**
 * ARM routes: bearer check (aud = the emulator's ARM endpoint, https://management.azure.com/ or
 * https://management.core.windows.net/, with or without trailing slash), api-version per provider, body conformance,
 * subscription / resource-group existence, then the handlers.
 */
import { audienceVariants, checkBearer, wwwAuthenticate } from '../auth';
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { NOT_IMPLEMENTED_HEADERS } from '../http';
import { ARM_PUBLIC_AUDIENCES } from '../tokens';
import { getAccount, listAccounts, listKeys } from './batchAccounts';
import { cloudError } from './errors';
import { getGallery, getImage, listGalleries, listImages } from './galleries';
import { getOperation, putImage } from './imagePut';
import { getImageVersion, listImageVersions } from './imageVersions';
import { findSubscription, getSubscription, listResourceGroups, listSubscriptions, listTenants, subscriptionNotFound } from './subscriptions';

type Provider = 'Microsoft.Resources' | 'Microsoft.Batch' | 'Microsoft.Compute';

export const ARM_API_VERSIONS: Record<Provider, string[]> = {
  'Microsoft.Resources': ['2016-06-01', '2018-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-01-01', '2022-12-01', '2024-11-01'],
  'Microsoft.Batch': ['2017-09-01', '2019-08-01', '2020-09-01', '2021-06-01', '2022-01-01', '2022-10-01', '2023-05-01', '2023-11-01', '2024-02-01', '2024-07-01', '2025-06-01'],
  'Microsoft.Compute': ['2019-12-01', '2020-09-30', '2021-07-01', '2021-10-01', '2022-01-03', '2022-03-03', '2022-08-03', '2023-07-03', '2024-03-03'],
};

interface Route {
  method: string;
  pattern: RegExp;
  provider: Provider;
  /** Resource type for NoRegisteredProviderFound messages. */
  type: string;
  /** Index of the subscription / resource group capture (when the route has one). */
  sub?: number;
  rg?: number;
  handle: (ctx: Ctx, env: Env, m: string[], apiVersion: string) => Reply;
}

const S = '/subscriptions/([^/]+)';
const RG = `${S}/resourceGroups/([^/]+)`;
const BATCH = '/providers/Microsoft\\.Batch/batchAccounts';
const GALLERIES = '/providers/Microsoft\\.Compute/galleries';

function r(method: string, pattern: string, provider: Provider, type: string, handle: Route['handle'], sub?: number, rg?: number): Route {
  return { method, pattern: new RegExp(`^${pattern}/?$`, 'i'), provider, type, handle, ...(sub !== undefined ? { sub } : {}), ...(rg !== undefined ? { rg } : {}) };
}

const ROUTES: Route[] = [
  r('GET', '/subscriptions', 'Microsoft.Resources', 'subscriptions', (_c, env) => listSubscriptions(env)),
  r('GET', '/tenants', 'Microsoft.Resources', 'tenants', (_c, env) => listTenants(env)),
  r('GET', S, 'Microsoft.Resources', 'subscriptions', (_c, env, m) => getSubscription(env, m[1]!)),
  r('GET', `${S}/resourcegroups`, 'Microsoft.Resources', 'resourceGroups', (_c, env, m) => listResourceGroups(env, m[1]!), 1),
  r('GET', `${S}${BATCH}`, 'Microsoft.Batch', 'batchAccounts', (c, env, m) => listAccounts(c, env, m[1]!), 1),
  r('GET', `${RG}${BATCH}`, 'Microsoft.Batch', 'batchAccounts', (c, env, m) => listAccounts(c, env, m[1]!, m[2]!), 1, 2),
  r('GET', `${RG}${BATCH}/([^/]+)`, 'Microsoft.Batch', 'batchAccounts', (_c, env, m) => getAccount(env, m[1]!, m[2]!, m[3]!), 1, 2),
  r('POST', `${RG}${BATCH}/([^/]+)/listKeys`, 'Microsoft.Batch', 'batchAccounts', (_c, env, m) => listKeys(env, m[1]!, m[2]!, m[3]!), 1, 2),
  r('GET', `${S}${GALLERIES}`, 'Microsoft.Compute', 'galleries', (c, env, m) => listGalleries(c, env, m[1]!), 1),
  r('GET', `${RG}${GALLERIES}`, 'Microsoft.Compute', 'galleries', (c, env, m) => listGalleries(c, env, m[1]!, m[2]!), 1, 2),
  r('GET', `${RG}${GALLERIES}/([^/]+)`, 'Microsoft.Compute', 'galleries', (_c, env, m) => getGallery(env, m[1]!, m[2]!, m[3]!), 1, 2),
  r('GET', `${RG}${GALLERIES}/([^/]+)/images`, 'Microsoft.Compute', 'galleries/images', (c, env, m) => listImages(c, env, m[1]!, m[2]!, m[3]!), 1, 2),
  r('GET', `${RG}${GALLERIES}/([^/]+)/images/([^/]+)`, 'Microsoft.Compute', 'galleries/images', (_c, env, m) => getImage(env, m[1]!, m[2]!, m[3]!, m[4]!), 1, 2),
  r('GET', `${RG}${GALLERIES}/([^/]+)/images/([^/]+)/versions`, 'Microsoft.Compute', 'galleries/images/versions', (c, env, m) => listImageVersions(c, env, m[1]!, m[2]!, m[3]!, m[4]!), 1, 2),
  r('GET', `${RG}${GALLERIES}/([^/]+)/images/([^/]+)/versions/([^/]+)`, 'Microsoft.Compute', 'galleries/images/versions', (_c, env, m) => getImageVersion(env, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!), 1, 2),
  r('PUT', `${RG}${GALLERIES}/([^/]+)/images/([^/]+)`, 'Microsoft.Compute', 'galleries/images', (c, env, m, v) => putImage(c, env, m[1]!, m[2]!, m[3]!, m[4]!, v), 1, 2),
  r('GET', `${S}/providers/Microsoft\\.Compute/locations/([^/]+)/capsOperations/([^/]+)`, 'Microsoft.Compute', 'locations/capsOperations', (c, env, m, v) => getOperation(c, env, m[1]!, m[3]!, v), 1),
];

function armAudiences(env: Env): string[] {
  const localhost = env.baseUrl.replace('://127.0.0.1:', '://localhost:');
  return [...audienceVariants(env.baseUrl), ...audienceVariants(localhost), ...ARM_PUBLIC_AUDIENCES.flatMap(audienceVariants)];
}

function authenticate(ctx: Ctx, env: Env): Reply | undefined {
  const allowed = armAudiences(env);
  const result = checkBearer(
    env.tokens,
    ctx.headers['authorization'],
    allowed,
    (aud) => `The access token has been obtained for wrong audience or resource '${aud}'. It should exactly match with one of the allowed audiences ${allowed.map((a) => `'${a}'`).join(',')}.`,
  );
  if (result.ok) { return undefined; }
  const code = result.kind === 'missing' || result.kind === 'scheme' ? 'AuthenticationFailed' : 'InvalidAuthenticationToken';
  const message = code === 'AuthenticationFailed' ? `Authentication failed. ${result.message}` : result.message;
  return cloudError(401, code, message, { headers: { 'www-authenticate': wwwAuthenticate(env.baseUrl, result.message) } });
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function handleArm(ctx: Ctx, env: Env): Reply {
  const denied = authenticate(ctx, env);
  if (denied) { return denied; }
  const apiVersion = ctx.query['api-version'];
  if (apiVersion === undefined || apiVersion === '') {
    return cloudError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }
  const candidates = ROUTES.filter((route) => route.pattern.test(ctx.path));
  if (candidates.length === 0) { return noRoute(ctx, apiVersion); }
  const route = candidates.find((c) => c.method === ctx.method);
  if (!route) { return cloudError(405, 'MethodNotAllowed', `The requested resource does not support http method '${ctx.method}'.`); }
  const m = (route.pattern.exec(ctx.path) ?? []).map((s) => (s === undefined ? s : decode(s)));

  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) {
    return cloudError(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${ARM_API_VERSIONS[route.provider].join(',')}'.`);
  }
  if (!ARM_API_VERSIONS[route.provider].includes(apiVersion)) {
    if (route.provider === 'Microsoft.Resources') {
      return cloudError(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${ARM_API_VERSIONS[route.provider].join(',')}'.`);
    }
    return cloudError(400, 'NoRegisteredProviderFound', `No registered resource provider found for location 'westeurope' and API version '${apiVersion}' for type '${route.type}'. The supported api-versions are '${ARM_API_VERSIONS[route.provider].join(', ')}'.`);
  }
  if (route.sub !== undefined) {
    const subscription = findSubscription(env, m[route.sub]!);
    if (!subscription) { return subscriptionNotFound(m[route.sub]!); }
    if (route.rg !== undefined && !subscription.resourceGroups.some((rg) => rg.toLowerCase() === m[route.rg!]!.toLowerCase())) {
      return cloudError(404, 'ResourceGroupNotFound', `Resource group '${m[route.rg]}' could not be found.`);
    }
  }
  const check = env.conformance.check({ surface: 'arm', method: ctx.method, path: ctx.path, fullPath: ctx.path, apiVersion, body: ctx.body });
  if (!check.ok && check.violation.kind === 'operation') {
    return noRoute(ctx, apiVersion);
  }
  if (!check.ok) {
    const details = check.violation.errors.map((e) => ({ code: 'InvalidRequestContent', message: e }));
    const missing = check.violation.errors.find((e) => e.includes('missing required property'));
    return missing
      ? cloudError(400, 'InvalidParameter', `The request body does not match the ${check.violation.definition} definition: ${missing}.`, { target: check.violation.definition, details })
      : cloudError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${check.violation.errors.join('; ')}.`, { details });
  }
  return route.handle(ctx, env, m, apiVersion);
}

function noRoute(ctx: Ctx, apiVersion: string): Reply {
  const headers = { ...NOT_IMPLEMENTED_HEADERS };
  const provider = /\/providers\/([^/]+)\/([^/?]+)/i.exec(ctx.path);
  if (provider) {
    return cloudError(404, 'InvalidResourceType', `The resource type '${provider[2]}' could not be found in the namespace '${provider[1]}' for api version '${apiVersion}'.`, { headers });
  }
  return cloudError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${ctx.baseUrl.replace(/\/$/, '')}${ctx.path}?api-version=${apiVersion}'.`, { headers });
}
