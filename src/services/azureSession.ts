import * as vscode from 'vscode';
import type { TokenCredential } from '@azure/core-auth';
import { affectsAzureClients, createAzureClients, createBatchHostConfirmation, onDidChangeAzureSessions, readAzureSettings, signInToAzure } from '../azure/azureClients';
import { transportOptionsFrom } from '../azure/azureClientFactory';
import { createCredential } from '../azure/auth/credentialFactory';
import type { AzureClients } from '../azure/azureClientFactory';
import { armScope, resolveCloud } from '../azure/auth/clouds';
import type { BatchAccountClient } from '../azure/batch/batchAccountClient';
import type { ThrottleInfo } from '../azure/http/requestTypes';
import { clearDrafts, type DraftOwner } from '../jsonEditing/draftStore';
import type { BatchAccountInfo } from './azureGateway';
import type { AttachedAccounts } from './attachedAccounts';

const SIGNED_OUT_KEY = 'azureBatch.signedOut';

/** Thrown for any token request after "Sign out" (the tree offers "Sign in…"). */
export class SignedOutError extends Error {
  override readonly name = 'SignedOutError';
  readonly code = 'SignedOut';
  constructor() {
    super(vscode.l10n.t('You signed out of Azure in Azure Batch: use "Sign in to Azure…" to continue.'));
  }
}

/**
 * The signed-in state and the Azure clients built from the settings. Clients are rebuilt when a setting that
 * shapes them changes, or VS Code's Microsoft sessions change.
 */
export class AzureSession implements vscode.Disposable {
  private clientsPromise: Promise<AzureClients> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the clients were rebuilt or the sign-in state changed: the tree reloads. */
  readonly onDidChange = this.changed.event;
  private readonly throttled = new vscode.EventEmitter<ThrottleInfo>();
  /** Every 429 any request saw (bulk operations slow down on it). */
  readonly onDidThrottle = this.throttled.event;
  private readonly draftsCleared = new vscode.EventEmitter<DraftOwner>();
  /** Sign out cleared the drafts reached with the sign-in: their open editors close (they would write them again). */
  readonly onDidClearDrafts = this.draftsCleared.event;
  /** Asked before a Batch token goes to a host outside the cloud's Batch domains: once per host for the session. */
  private readonly confirmBatchHost = createBatchHostConfirmation();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly attached: AttachedAccounts,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsAzureClients(event)) {
          this.reset();
        }
      }),
      onDidChangeAzureSessions(() => this.reset()),
      this.changed,
      this.throttled,
      this.draftsCleared,
    );
  }

  get method(): 'vscode' | 'azureCli' | 'environment' | 'managedIdentity' | 'visualStudioCode' {
    return readAzureSettings().authentication.method;
  }

  private reset(): void {
    this.clientsPromise = undefined;
    this.changed.fire();
  }

  private get signedOut(): boolean {
    return this.context.globalState.get<boolean>(SIGNED_OUT_KEY) === true;
  }

  clients(): Promise<AzureClients> {
    this.clientsPromise ??= this.buildClients().catch((error: unknown) => {
      this.clientsPromise = undefined;
      throw error;
    });
    return this.clientsPromise;
  }

  /**
   * The clients, with a credential that refuses while the user is signed out: after "Sign out" nothing (tree, editors,
   * attached Entra ID accounts) gets a token until "Sign in". Shared-key accounts need no token and keep working.
   */
  private async buildClients(): Promise<AzureClients> {
    const settings = readAzureSettings();
    const cloud = resolveCloud(settings.cloud, settings.customCloud);
    let inner: Promise<TokenCredential> | undefined;
    const credential: TokenCredential = {
      getToken: async (scopes, options) => {
        if (this.signedOut) {
          throw new SignedOutError();
        }
        inner ??= createCredential(settings.authentication, cloud, transportOptionsFrom(settings));
        return (await inner).getToken(scopes, options);
      },
    };
    return createAzureClients({
      extensionName: this.context.extension.packageJSON.name,
      extensionVersion: this.context.extension.packageJSON.version,
      logger: this.log,
      onThrottled: (info) => this.throttled.fire(info),
      credential,
      settings,
      confirmBatchHost: this.confirmBatchHost,
    });
  }

  /** True when the configured method yields an ARM token without prompting (and the user did not sign out). */
  async isSignedIn(): Promise<boolean> {
    if (this.signedOut) {
      return false;
    }
    try {
      const clients = await this.clients();
      const token = await clients.credential.getToken(armScope(clients.cloud));
      return Boolean(token?.token);
    } catch (error) {
      this.log.info(`Not signed in (${this.method}): ${(error as Error)?.message ?? String(error)}`);
      return false;
    }
  }

  /** Explicit sign-in: prompts for VS Code's Microsoft account; for other methods checks that a token comes. */
  async signIn(): Promise<void> {
    await this.context.globalState.update(SIGNED_OUT_KEY, undefined);
    if (this.method === 'vscode') {
      await signInToAzure();
    }
    this.clientsPromise = undefined;
    const clients = await this.clients();
    await clients.credential.getToken(armScope(clients.cloud));
    this.changed.fire();
  }

  /** Stops using the account; returns a note on what else the user may want to do. */
  async signOut(): Promise<string | undefined> {
    await this.context.globalState.update(SIGNED_OUT_KEY, true);
    // The editors' drafts of resources reached with the sign-in go too (shared-key accounts' drafts stay).
    const drafts = await clearDrafts(this.context.globalState, this.context.secrets, { signIn: true });
    this.log.info(`Sign out: cleared ${drafts.length} editor draft(s) of resources reached with the Azure sign-in${drafts.length ? ` (${drafts.join(', ')})` : ''}`);
    this.draftsCleared.fire({ signIn: true });
    this.clientsPromise = undefined;
    this.changed.fire();
    return this.method === 'vscode'
      ? vscode.l10n.t('Azure Batch no longer uses your Microsoft account. To remove the account from VS Code, use the Accounts menu.')
      : vscode.l10n.t('Azure Batch no longer uses the "{0}" sign-in. Sign in again to use it.', this.method);
  }

  /** The data-plane client of a Batch account: Entra ID or shared key. */
  async batchClient(account: BatchAccountInfo): Promise<BatchAccountClient> {
    const clients = await this.clients();
    if (account.auth === 'sharedKey') {
      return clients.batchAccountWithSharedKey({ name: account.name, url: account.url }, () => this.attached.key(account));
    }
    const tenantId = account.subscriptionId ? clients.arm.tenantOfSubscription(account.subscriptionId) : undefined;
    return clients.batchAccount({ url: account.url, tenantId });
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
