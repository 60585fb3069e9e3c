/**
 * Token service: enough of Entra ID's v2.0 endpoints for MSAL Node (and so @azure/identity's ClientSecretCredential /
 * EnvironmentCredential with authorityHost = the emulator) to get client-credential tokens.
 *
 *   GET  /{tenant}/v2.0/.well-known/openid-configuration   (also /{tenant}/.well-known/openid-configuration)
 *   GET  /common/discovery/instance                         (instance discovery, when not disabled)
 *   GET  /{tenant}/discovery/v2.0/keys                      (empty key set: tokens are HS256 with an emulator secret)
 *   POST /{tenant}/oauth2/v2.0/token                        (grant_type=client_credentials)
 *
 * Errors follow Entra ID's shape: {error, error_description: "AADSTS…", error_codes, timestamp, trace_id, correlation_id}.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Ctx, Reply } from './http';
import { decodePathSegments, jsonReply } from './http';
import { signJwt, verifyJwt, type AccessTokenClaims, type VerifyResult } from './jwt';

/** The emulator's fixed test identity. Test data, not secrets. */
export const TEST_IDENTITY = {
  tenantId: '5f1c9a2e-3b4d-4e6f-8a9b-0c1d2e3f4a5b',
  tenantDomain: 'contosoemulator.onmicrosoft.com',
  clientId: '0d9e8f7a-6b5c-4d3e-9f2a-1b0c9d8e7f6a',
  clientSecret: 'emulator-test-secret~not-a-real-credential',
  servicePrincipalObjectId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
} as const;

export const BATCH_RESOURCE_ID = 'https://batch.core.windows.net/';
export const ARM_PUBLIC_AUDIENCES = ['https://management.azure.com/', 'https://management.core.windows.net/'];
const OTHER_KNOWN_RESOURCES = ['https://graph.microsoft.com/', 'https://storage.azure.com/'];
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const TOKEN_LIFETIME_SECONDS = 3599;

export class TokenService {
  private readonly secret = randomBytes(32);

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => number = Date.now,
    private readonly clockSkewSeconds = 300,
  ) {}

  issuer(): string {
    return `${this.baseUrl()}${TEST_IDENTITY.tenantId}/v2.0`;
  }

  /** Issues an access token for `aud` (exposed for tests that need e.g. an expired or wrong-audience token). */
  issue(aud: string, options: { lifetimeSeconds?: number; issuedAt?: number } = {}): string {
    const iat = options.issuedAt ?? Math.floor(this.now() / 1000);
    const claims: AccessTokenClaims = {
      aud,
      iss: this.issuer(),
      iat,
      nbf: iat,
      exp: iat + (options.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS),
      tid: TEST_IDENTITY.tenantId,
      oid: TEST_IDENTITY.servicePrincipalObjectId,
      sub: TEST_IDENTITY.servicePrincipalObjectId,
      appid: TEST_IDENTITY.clientId,
      azp: TEST_IDENTITY.clientId,
      appidacr: '1',
      idtyp: 'app',
      ver: '1.0',
      uti: randomBytes(16).toString('base64url'),
    };
    return signJwt(claims, this.secret);
  }

  verify(token: string): VerifyResult {
    return verifyJwt(token, this.secret, Math.floor(this.now() / 1000), this.clockSkewSeconds);
  }

  /** True when the path belongs to the token service. */
  static matches(path: string): boolean {
    const seg = decodePathSegments(path);
    if (seg.length === 3 && seg[0] === 'common' && seg[1] === 'discovery' && seg[2] === 'instance') { return true; }
    if (seg.length === 3 && seg[1] === 'oauth2' && seg[2] === 'token') { return true; }
    if (seg.length === 4 && seg[1] === 'oauth2' && seg[2] === 'v2.0' && seg[3] === 'token') { return true; }
    if (seg.length === 4 && seg[1] === 'discovery' && seg[2] === 'v2.0' && seg[3] === 'keys') { return true; }
    if (seg.length >= 3 && seg[seg.length - 2] === '.well-known' && seg[seg.length - 1] === 'openid-configuration') { return true; }
    return false;
  }

  handle(ctx: Ctx): Reply {
    const seg = decodePathSegments(ctx.path);
    const tenant = seg[0] ?? '';
    if (seg[0] === 'common' && seg[1] === 'discovery') { return this.instanceDiscovery(ctx); }
    if (seg[seg.length - 1] === 'openid-configuration') { return this.openIdConfiguration(ctx, tenant); }
    if (seg[1] === 'discovery') { return jsonReply(200, { keys: [] }); }
    if (ctx.method !== 'POST') {
      return this.error(ctx, 400, 'invalid_request', 900561, 'The endpoint only accepts POST requests. Received a GET request.');
    }
    return this.token(ctx, tenant, seg[2] === 'v2.0');
  }

  private knownTenant(tenant: string): boolean {
    return tenant === TEST_IDENTITY.tenantId || tenant.toLowerCase() === TEST_IDENTITY.tenantDomain;
  }

  private openIdConfiguration(ctx: Ctx, tenant: string): Reply {
    const generic = tenant === 'common' || tenant === 'organizations';
    if (!generic && !this.knownTenant(tenant)) {
      return this.error(ctx, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    // Answer with the host the client used (127.0.0.1 or localhost): MSAL checks that the issuer has the authority's host.
    const host = ctx.headers['host'];
    const base = host && /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host) ? `https://${host}/` : this.baseUrl();
    const t = generic ? '{tenantid}' : TEST_IDENTITY.tenantId;
    const cloudHost = new URL(base).host;
    return jsonReply(200, {
      token_endpoint: `${base}${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}${t}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}${t}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}oidc/userinfo`,
      authorization_endpoint: `${base}${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}${t}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'oid'],
      kerberos_endpoint: `${base}${t}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: cloudHost,
      cloud_graph_host_name: cloudHost,
      msgraph_host: cloudHost,
      rbac_url: base,
    });
  }

  private instanceDiscovery(_ctx: Ctx): Reply {
    const base = this.baseUrl();
    const host = new URL(base).host;
    return jsonReply(200, {
      tenant_discovery_endpoint: `${base}${TEST_IDENTITY.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  }

  private token(ctx: Ctx, tenant: string, v2: boolean): Reply {
    if (!this.knownTenant(tenant)) {
      if (tenant === 'common' || tenant === 'organizations' || tenant === 'consumers') {
        return this.error(ctx, 400, 'invalid_request', 50059, 'No tenant-identifying information found in either the request or implied by any provided credentials.');
      }
      return this.error(ctx, 400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    const form = new URLSearchParams(ctx.body);
    let clientId = form.get('client_id') ?? undefined;
    let clientSecret = form.get('client_secret') ?? undefined;
    const basic = /^Basic\s+(.+)$/i.exec(ctx.headers['authorization'] ?? '');
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        clientId ??= decodeURIComponent(decoded.slice(0, colon));
        clientSecret ??= decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    const grantType = form.get('grant_type');
    if (!grantType) { return this.error(ctx, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'."); }
    if (grantType !== 'client_credentials') {
      return this.error(ctx, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'. The emulator supports client_credentials only.`);
    }
    if (!clientId) { return this.error(ctx, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'."); }
    if (clientId !== TEST_IDENTITY.clientId) {
      return this.error(ctx, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${TEST_IDENTITY.tenantDomain}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }
    if (form.has('client_assertion')) {
      return this.error(ctx, 401, 'invalid_client', 700027, 'Client assertion failed signature validation. The emulator accepts client secrets only.');
    }
    if (!clientSecret) {
      return this.error(ctx, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    if (clientSecret !== TEST_IDENTITY.clientSecret) {
      return this.error(ctx, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    }
    let aud: string;
    if (v2) {
      const scopes = (form.get('scope') ?? '').split(/\s+/).filter((s) => s.length > 0 && !OIDC_SCOPES.has(s));
      if (scopes.length === 0) { return this.error(ctx, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'."); }
      const resourceScopes = scopes.filter((s) => s.endsWith('/.default'));
      if (resourceScopes.length !== scopes.length) {
        return this.error(ctx, 400, 'invalid_scope', 1002012, `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
      }
      if (resourceScopes.length > 1) {
        return this.error(ctx, 400, 'invalid_scope', 70011, `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scopes.join(' ')} is not valid. .default scope can't be combined with resource-specific scopes.`);
      }
      aud = resourceScopes[0]!.slice(0, -'/.default'.length);
    } else {
      aud = form.get('resource') ?? '';
      if (!aud) { return this.error(ctx, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'resource'."); }
    }
    if (!this.knownResource(aud)) {
      return this.error(ctx, 400, 'invalid_resource', 500011, `The resource principal named ${aud} was not found in the tenant named ${TEST_IDENTITY.tenantDomain}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
    }
    return jsonReply(200, {
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: this.issue(aud),
    });
  }

  private knownResource(aud: string): boolean {
    const withSlash = aud.endsWith('/') ? aud : `${aud}/`;
    const base = this.baseUrl();
    const known = [BATCH_RESOURCE_ID, ...ARM_PUBLIC_AUDIENCES, ...OTHER_KNOWN_RESOURCES, base, base.replace('://127.0.0.1:', '://localhost:')];
    return known.includes(withSlash.toLowerCase()) || known.includes(withSlash);
  }

  private error(ctx: Ctx, status: number, error: string, code: number, message: string): Reply {
    const traceId = randomUUID();
    const correlationId = ctx.headers['client-request-id'] ?? randomUUID();
    const timestamp = new Date(ctx.now).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    return jsonReply(status, {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${this.baseUrl()}error?code=${code}`,
    });
  }
}
