/** Values of the setting azureBatch.authentication.method. */
export type AuthenticationMethod = 'vscode' | 'azureCli' | 'environment' | 'managedIdentity' | 'visualStudioCode';

export const AUTHENTICATION_METHODS: readonly AuthenticationMethod[] = [
  'vscode',
  'azureCli',
  'environment',
  'managedIdentity',
  'visualStudioCode',
];

export function isAuthenticationMethod(value: unknown): value is AuthenticationMethod {
  return typeof value === 'string' && (AUTHENTICATION_METHODS as readonly string[]).includes(value);
}
