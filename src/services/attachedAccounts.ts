import * as vscode from 'vscode';
import { environmentBatchAccount, normalizeBatchAccountUrl } from '../azure/auth/environmentBatchAccount';
import { clearDrafts, type DraftOwner } from '../jsonEditing/draftStore';
import type { BatchAccountInfo } from './azureGateway';

const LIST_KEY = 'azureBatch.attachedAccounts';
const secretKey = (url: string) => `azureBatch.sharedKey:${url}`;

interface StoredAccount {
  url: string;
  name: string;
  auth: 'entraId' | 'sharedKey';
}

/**
 * Accounts attached by URL (kept in global state; shared keys in SecretStorage, never in settings) plus the account
 * the AZURE_BATCH_ENDPOINT / AZURE_BATCH_ACCOUNT / AZURE_BATCH_ACCESS_KEY variables describe, as the Azure CLI does.
 */
export class AttachedAccounts {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly draftsCleared = new vscode.EventEmitter<DraftOwner>();
  /** Detach cleared the account's drafts: its open editors close (they would write them again). */
  readonly onDidClearDrafts = this.draftsCleared.event;

  constructor(private readonly state: vscode.Memento, private readonly secrets: vscode.SecretStorage, private readonly log?: vscode.LogOutputChannel) {}

  list(): BatchAccountInfo[] {
    const stored = this.state.get<StoredAccount[]>(LIST_KEY, []).map<BatchAccountInfo>((a) => ({
      key: a.url, name: a.name, url: a.url, source: 'attached', auth: a.auth,
    }));
    const env = environmentBatchAccount();
    if (env && !stored.some((a) => a.url === env.url)) {
      stored.push({ key: `env:${env.url}`, name: env.name, url: env.url, source: 'environment', auth: 'sharedKey' });
    }
    return stored;
  }

  /** The shared key of an attached account: SecretStorage, or the environment for the AZURE_BATCH_* account. */
  async key(account: BatchAccountInfo): Promise<string> {
    if (account.source === 'environment') {
      const env = environmentBatchAccount();
      if (env) {
        return env.key;
      }
    }
    const key = await this.secrets.get(secretKey(account.url));
    if (!key) {
      throw Object.assign(
        new Error(vscode.l10n.t('No shared key is stored for {0}. Detach the account and attach it again with its key.', account.name)),
        { code: 'SharedKeyMissing' },
      );
    }
    return key;
  }

  async attach(url: string, name: string, auth: 'entraId' | 'sharedKey', key?: string): Promise<BatchAccountInfo> {
    const normalized = normalizeBatchAccountUrl(url);
    const list = this.state.get<StoredAccount[]>(LIST_KEY, []).filter((a) => a.url !== normalized);
    list.push({ url: normalized, name, auth });
    if (auth === 'sharedKey' && key) {
      await this.secrets.store(secretKey(normalized), key);
    } else {
      await this.secrets.delete(secretKey(normalized));
    }
    await this.state.update(LIST_KEY, list);
    this.changed.fire();
    return { key: normalized, name, url: normalized, source: 'attached', auth };
  }

  async detach(url: string): Promise<void> {
    await this.state.update(LIST_KEY, this.state.get<StoredAccount[]>(LIST_KEY, []).filter((a) => a.url !== url));
    await this.secrets.delete(secretKey(url));
    // Its editors' drafts go with it (they may hold values of its pools).
    const drafts = await clearDrafts(this.state, this.secrets, { accountUrl: url });
    this.log?.info(`Detached ${url}: cleared ${drafts.length} editor draft(s) of its pools${drafts.length ? ` (${drafts.join(', ')})` : ''}`);
    this.draftsCleared.fire({ accountUrl: url });
    this.changed.fire();
  }
}
