import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { PreparedRequest, RequestAuthorizer } from './requestAuthorizer';

export interface BearerTokenAuthorizerOptions {
  /** Tenant to request the token for (per-subscription tenant or azureBatch.authentication.tenant). */
  tenantId?: string;
  /** Refresh this long before expiry (default 5 minutes). */
  refreshMarginMs?: number;
  /** The clock the cached token's expiry is checked against (default Date.now; tests pass a fake clock). */
  now?: () => number;
}

/**
 * Adds `Authorization: Bearer <token>` for one scope, caching the token until shortly before it
 * expires and sharing one in-flight token request between concurrent callers.
 */
export class BearerTokenAuthorizer implements RequestAuthorizer {
  readonly scheme = 'bearer' as const;
  private cached: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;
  private readonly scopes: string[];

  constructor(
    private readonly credential: TokenCredential,
    scopes: string | readonly string[],
    private readonly options: BearerTokenAuthorizerOptions = {},
  ) {
    this.scopes = typeof scopes === 'string' ? [scopes] : [...scopes];
  }

  async authorize(request: PreparedRequest, signal?: AbortSignal): Promise<void> {
    const token = await abortable(this.getToken(), signal);
    request.headers['authorization'] = `Bearer ${token.token}`;
  }

  invalidate(): boolean {
    this.cached = undefined;
    return true;
  }

  private async getToken(): Promise<AccessToken> {
    const margin = this.options.refreshMarginMs ?? 5 * 60_000;
    const now = this.options.now ?? Date.now;
    if (this.cached && this.cached.expiresOnTimestamp - margin > now()) {
      return this.cached;
    }
    if (!this.pending) {
      this.pending = this.credential
        .getToken(this.scopes, { tenantId: this.options.tenantId || undefined })
        .then((token) => {
          if (!token) {
            throw new Error(`No access token was returned for ${this.scopes.join(' ')}`);
          }
          this.cached = token;
          return token;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (the shared token request keeps running). */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(new DOMException('Aborted', 'AbortError'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
