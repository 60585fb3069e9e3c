/**
 * The default sign-in method ("vscode": VS Code's Microsoft accounts) through VS Code's real authentication API. The
 * test registers the "microsoft" authentication provider itself (the built-in one needs the network) and records what
 * VS Code asks it. What the extension host cannot do is give the extension access to an account: VS Code asks the
 * person with a dialog, and refuses to show dialogs in extension-test mode. So the signed-in half (a session the
 * extension may use) is out of this layer's reach; the other methods' signed-in paths are covered (environment).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, emulator, labels, waitFor } from './helpers';

/** A Microsoft account provider without accounts; records the scopes VS Code asks it for. */
class NoAccounts implements vscode.AuthenticationProvider {
  private readonly changes = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changes.event;
  readonly asked: string[][] = [];
  readonly created: string[][] = [];

  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    this.asked.push([...(scopes ?? [])]);
    return [];
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    this.created.push([...scopes]);
    throw new Error('this test provider creates no session');
  }

  async removeSession(): Promise<void> {}

  dispose(): void {
    this.changes.dispose();
  }
}

describe('the default sign-in method: VS Code accounts', function () {
  this.timeout(120_000);

  it('asks VS Code’s Microsoft account provider, silently, and stays signed out without a session; Sign in to Azure… asks VS Code to create one', async () => {
    const accounts = new NoAccounts();
    const registration = vscode.authentication.registerAuthenticationProvider('microsoft', 'Microsoft', accounts);
    const config = vscode.workspace.getConfiguration('azureBatch');
    const previous = config.inspect<string>('authentication.method')?.globalValue;
    try {
      await config.update('authentication.method', 'vscode', vscode.ConfigurationTarget.Global);
      api().tree.refresh();
      // No session: the tree is empty (the welcome view shows) and nothing was sent to Azure with a token.
      await emulator().clearRequests();
      await waitFor(async () => accounts.asked.length > 0 && (await labels()).length === 0, 'the signed-out tree');
      assert.ok(accounts.asked.some((s) => s.some((scope) => scope.endsWith('/.default'))), `asked for: ${JSON.stringify(accounts.asked)}`);
      assert.equal((await emulator().requests({ path: '^/subscriptions' })).length, 0);

      // "Sign in to Azure…" asks VS Code to create a session (createIfNone). VS Code first asks the person to allow
      // the extension to use the account, with a dialog it refuses to show in extension-test mode: the sign-in ends
      // there, and the provider is never asked to create a session without that consent.
      await vscode.commands.executeCommand('azureBatch.signIn');
      const signIn = api().lastCommandResult('azureBatch.signIn');
      assert.equal(signIn?.result, 'Failed');
      assert.match(signIn?.message ?? '', /wants to sign in using Microsoft/);
      assert.deepEqual(accounts.created, []);
      assert.equal((await emulator().requests({ path: '^/subscriptions' })).length, 0, 'still nothing sent');
    } finally {
      await config.update('authentication.method', previous, vscode.ConfigurationTarget.Global);
      registration.dispose();
      accounts.dispose();
      api().tree.refresh();
    }
  });
});
