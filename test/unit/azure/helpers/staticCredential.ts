import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** A TokenCredential returning a fixed (fake) token; records the scopes asked for. */
export class StaticCredential implements TokenCredential {
  readonly calls: Array<{ scopes: string[]; tenantId?: string }> = [];
  constructor(private readonly token = 'fake-token-value-0123456789') {}
  async getToken(scopes: string | string[], options?: { tenantId?: string }): Promise<AccessToken> {
    this.calls.push({ scopes: typeof scopes === 'string' ? [scopes] : scopes, tenantId: options?.tenantId });
    return { token: this.token, expiresOnTimestamp: Date.now() + 3600_000 };
  }
}
