import * as vscode from 'vscode';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { SignInRequiredError } from './authenticationErrors';
import { jwtExpiresOnTimestamp } from './jwtExpiry';

export type VsCodeAuthProviderId = 'microsoft' | 'microsoft-sovereign-cloud';

/**
 * "microsoft-sovereign-cloud" when VS Code's `microsoft-sovereign-cloud.environment` setting is
 * set (ChinaCloud, USGovernment or custom), otherwise "microsoft".
 */
export function vscodeAuthProviderId(): VsCodeAuthProviderId {
  const environment = vscode.workspace.getConfiguration('microsoft-sovereign-cloud').get<string>('environment');
  return environment && environment.trim() ? 'microsoft-sovereign-cloud' : 'microsoft';
}

/** Scopes for getSession: the resource scope plus `VSCODE_TENANT:<id>` when a tenant is chosen. */
export function sessionScopes(scopes: string | readonly string[], tenantId: string | undefined): string[] {
  const list = typeof scopes === 'string' ? [scopes] : [...scopes];
  return tenantId ? [...list, `VSCODE_TENANT:${tenantId}`] : list;
}

/**
 * @azure/core-auth TokenCredential over VS Code's built-in Microsoft sign-in. getToken never
 * prompts (silent lookup); without a session it throws SignInRequiredError and the UI offers
 * "Sign in to Azure", which calls signIn() (createIfNone: true).
 */
export class VsCodeSessionCredential implements TokenCredential {
  constructor(
    private readonly options: { providerId?: VsCodeAuthProviderId; tenantId?: string } = {},
  ) {}

  get providerId(): VsCodeAuthProviderId {
    return this.options.providerId ?? vscodeAuthProviderId();
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const tenantId = options?.tenantId || this.options.tenantId || undefined;
    const session = await vscode.authentication.getSession(this.providerId, sessionScopes(scopes, tenantId), { silent: true });
    if (!session) {
      throw new SignInRequiredError(this.providerId);
    }
    return {
      token: session.accessToken,
      // VS Code does not expose the expiry; read it from the token, else assume a short lifetime.
      expiresOnTimestamp: jwtExpiresOnTimestamp(session.accessToken) ?? Date.now() + 10 * 60_000,
    };
  }

  /** Explicit sign-in (prompts); returns the account label. */
  async signIn(scopes: string | readonly string[], tenantId?: string): Promise<string> {
    const session = await vscode.authentication.getSession(
      this.providerId,
      sessionScopes(scopes, tenantId || this.options.tenantId || undefined),
      { createIfNone: true },
    );
    return session.account.label;
  }

  /** Whether a session exists without prompting. */
  async isSignedIn(scopes: string | readonly string[], tenantId?: string): Promise<boolean> {
    const session = await vscode.authentication.getSession(
      this.providerId,
      sessionScopes(scopes, tenantId || this.options.tenantId || undefined),
      { silent: true },
    );
    return session !== undefined;
  }
}
