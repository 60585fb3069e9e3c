import { AUTHENTICATION_METHODS, type AuthenticationMethod } from './authenticationMethods';

/**
 * The configured authentication method cannot be used here (package missing, no Azure CLI login,
 * environment variables not set, no managed identity...). The message says why and names the
 * other values of azureBatch.authentication.method.
 */
export class AuthenticationUnavailableError extends Error {
  override readonly name = 'AuthenticationUnavailableError';
  readonly alternatives: readonly AuthenticationMethod[];

  constructor(
    readonly method: AuthenticationMethod,
    reason: string,
    options?: { cause?: unknown },
  ) {
    const alternatives = AUTHENTICATION_METHODS.filter((m) => m !== method);
    super(
      `Authentication method "${method}" is not available: ${reason} ` +
        `Set azureBatch.authentication.method to one of: ${alternatives.map((m) => `"${m}"`).join(', ')}.`,
      options,
    );
    this.alternatives = alternatives;
  }
}

/** No VS Code Microsoft session exists yet (silent lookup found none): the user has to sign in. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
  constructor(readonly providerId: string) {
    super(`Not signed in to Azure: use "Sign in to Azure" (VS Code ${providerId} account) and try again.`);
  }
}
