/**
 * Where an editor's unsaved draft is kept between sessions (closing the panel, reloading the window): one record per
 * (viewType, key) in the extension's global state, which every window of the profile shares. Secret-bearing values
 * never go there (draftRedaction.ts): the service's are replaced by a placeholder, the typed ones go to SecretStorage.
 * A record carries a revision and the id of the window that wrote it: a write over a record this store did not see
 * (another window wrote it) is refused and reported, never done silently. Records older than the retention are dropped.
 * Pure: the storage is anything with get/update/keys (vscode.Memento is), the secrets anything like SecretStorage.
 */
import type { FieldValues, LoadedDocument } from './editorModel';
import { redact, resolveRedacted } from './draftRedaction';
import { isJsonObject } from './jsonValue';

/** Key-value storage of JSON values (vscode.Memento has this shape). */
export interface DraftStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
  keys?(): readonly string[];
}

/** Encrypted string storage (vscode.SecretStorage has this shape). */
export interface DraftSecrets {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** What a draft depends on: `signIn` = it is reached with the Azure sign-in (cleared on Sign out). */
export interface DraftScope {
  signIn: boolean;
}

/** A draft as the session keeps and restores it. */
export interface StoredDraft {
  text: string;
  fields: FieldValues;
  /** The version the draft is based on; absent when no load had succeeded when it was typed. */
  based?: LoadedDocument;
  savedAt: number;
}

/** The record in global state. */
export interface DraftRecord extends StoredDraft {
  revision: number;
  /** The id of the window (store) that wrote it. */
  writer: string;
  scope?: DraftScope;
  /** Typed secret-bearing values in SecretStorage: 'text' = the whole text (it did not parse), 'values' = by path. */
  secrets?: 'text' | 'values';
}

export type WriteResult = { kind: 'written' } | { kind: 'changedElsewhere'; theirs: StoredDraft };

const PREFIX = 'azureBatch.jsonEditor.draft:';
const DAY_MS = 86_400_000;

/** The storage key of a draft (unchanged since the first release: drafts kept by older versions are found). */
export const draftKey = (viewType: string, key: string): string => `${PREFIX}${viewType}:${key}`;
const secretKeyOf = (recordKey: string): string => `${recordKey}#secrets`;

/** The record under `key`, when it is a well-formed one (older records have no revision: revision 0). */
function recordAt(storage: DraftStorage, key: string): DraftRecord | undefined {
  const value = storage.get<DraftRecord>(key);
  if (!isJsonObject(value) || typeof value.text !== 'string' || (value.based !== undefined && !isJsonObject(value.based))) {
    return undefined;
  }
  return { ...value, fields: isJsonObject(value.fields) ? value.fields : {}, savedAt: Number(value.savedAt) || 0, revision: Number(value.revision) || 0, writer: String(value.writer ?? '') };
}

const isExpired = (record: DraftRecord, now: number, retentionDays: number): boolean => now - record.savedAt > retentionDays * DAY_MS;

async function remove(storage: DraftStorage, secrets: DraftSecrets, key: string): Promise<void> {
  await storage.update(key, undefined);
  await secrets.delete(secretKeyOf(key));
}

const format = (value: unknown): string => JSON.stringify(value, null, 2);

export interface DraftStoreOptions {
  secrets: DraftSecrets;
  /** This window's id (written into each record, to tell another window's writes). */
  writer: string;
  scope?: DraftScope;
  retentionDays(): number;
  now?(): number;
  log?(line: string): void;
}

/** The draft slot of one edited resource. */
export class DraftStore {
  readonly key: string;
  /** The revision and writer of the record this store last read or wrote (undefined: none). */
  private seen: { revision: number; writer: string } | undefined;

  constructor(private readonly storage: DraftStorage, viewType: string, resourceKey: string, private readonly options: DraftStoreOptions) {
    this.key = draftKey(viewType, resourceKey);
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The record as it is now (no secrets read, nothing dropped). */
  peek(): DraftRecord | undefined {
    return recordAt(this.storage, this.key);
  }

  /** The kept draft (typed secrets put back), or undefined; an expired one is dropped (and logged). */
  async read(): Promise<StoredDraft | undefined> {
    const record = this.peek();
    if (record && isExpired(record, this.now(), this.options.retentionDays())) {
      this.options.log?.(`Dropped the draft ${this.key}: saved ${new Date(record.savedAt).toISOString()}, older than ${this.options.retentionDays()} days (azureBatch.editors.draftRetentionDays)`);
      await remove(this.storage, this.options.secrets, this.key);
      this.seen = undefined;
      return undefined;
    }
    this.seen = record && { revision: record.revision, writer: record.writer };
    return record && this.decode(record);
  }

  private async decode(record: DraftRecord): Promise<StoredDraft> {
    let text = record.text;
    if (record.secrets) {
      const kept = await this.options.secrets.get(secretKeyOf(this.key));
      if (record.secrets === 'text') {
        text = kept ?? '';
      } else {
        const typed = kept ? (JSON.parse(kept) as Record<string, string>) : {};
        text = format(resolveRedacted(JSON.parse(record.text), undefined, typed).value);
      }
    }
    return { text, fields: record.fields, based: record.based, savedAt: record.savedAt };
  }

  /** Whether the stored record is the one this store last read or wrote (or there is none). */
  private isSeen(record: DraftRecord | undefined): boolean {
    return !record || (this.seen !== undefined && record.revision === this.seen.revision && record.writer === this.seen.writer);
  }

  /**
   * Keeps `draft` (saved now, by this store's clock). When the stored record was written by another window since this store saw it, nothing is written
   * and its draft comes back (`changedElsewhere`), unless `force` (the user chose to keep theirs… or mine).
   */
  async write(draft: StoredDraft, force = false): Promise<WriteResult> {
    const current = this.peek();
    if (!force && !this.isSeen(current)) {
      return { kind: 'changedElsewhere', theirs: await this.decode(current!) };
    }
    const secretKey = secretKeyOf(this.key);
    const based = draft.based && {
      ...draft.based,
      current: redact(draft.based.current).value as LoadedDocument['current'],
      initial: redact(draft.based.initial).value,
      ...(draft.based.context === undefined ? {} : { context: redact(draft.based.context).value }),
    };
    let text = draft.text;
    let secrets: DraftRecord['secrets'];
    let parsed: unknown;
    let parses = true;
    try {
      parsed = JSON.parse(draft.text);
    } catch {
      parses = false;
    }
    if (!parses) {
      // Text that does not parse cannot be searched for secrets value by value: all of it goes to SecretStorage.
      await this.options.secrets.store(secretKey, draft.text);
      text = '';
      secrets = 'text';
    } else {
      const redaction = redact(parsed, draft.based?.initial);
      if (redaction.count > 0) {
        text = format(redaction.value);
      }
      if (Object.keys(redaction.typed).length > 0) {
        await this.options.secrets.store(secretKey, JSON.stringify(redaction.typed));
        secrets = 'values';
      } else {
        await this.options.secrets.delete(secretKey);
      }
    }
    const record: DraftRecord = {
      text, fields: draft.fields, ...(based ? { based } : {}), savedAt: this.now(),
      revision: (current?.revision ?? 0) + 1, writer: this.options.writer, ...(this.options.scope ? { scope: this.options.scope } : {}), ...(secrets ? { secrets } : {}),
    };
    await this.storage.update(this.key, record);
    this.seen = { revision: record.revision, writer: record.writer };
    return { kind: 'written' };
  }

  /** Forgets the draft, unless another window wrote it since this store saw it (then it is theirs: kept) and not `force`. */
  async forget(force = false): Promise<boolean> {
    const current = this.peek();
    if (!force && !this.isSeen(current)) {
      this.options.log?.(`Kept the draft ${this.key}: another window changed it since this one saw it`);
      return false;
    }
    this.seen = undefined;
    if (current) {
      await remove(this.storage, this.options.secrets, this.key);
    }
    return true;
  }
}

/** Every draft record in `storage` with its key. */
function allRecords(storage: DraftStorage): { key: string; record: DraftRecord }[] {
  return (storage.keys?.() ?? [])
    .filter((key) => key.startsWith(PREFIX))
    .flatMap((key) => {
      const record = recordAt(storage, key);
      return record ? [{ key, record }] : [];
    });
}

/** Drops the drafts older than `retentionDays` (at activation); one log line each. Returns how many. */
export async function dropExpiredDrafts(storage: DraftStorage, secrets: DraftSecrets, retentionDays: number, now: number, log: (line: string) => void): Promise<number> {
  let dropped = 0;
  for (const { key, record } of allRecords(storage)) {
    if (isExpired(record, now, retentionDays)) {
      log(`Dropped the draft ${key}: saved ${new Date(record.savedAt).toISOString()}, older than ${retentionDays} days (azureBatch.editors.draftRetentionDays)`);
      await remove(storage, secrets, key);
      dropped++;
    }
  }
  return dropped;
}

/** Which drafts go with an attached account (`accountUrl`, its pools) or with the Azure sign-in. */
export type DraftOwner = { accountUrl: string } | { signIn: true };

/** Whether the draft at `key` (with its `scope`) goes with `owner`: also asked of an open editor, whose draft may not exist yet. */
export function draftOwnedBy(owner: DraftOwner, key: string, scope: DraftScope | undefined): boolean {
  return ownedBy(owner, key, { scope } as DraftRecord);
}

function ownedBy(owner: DraftOwner, key: string, record: DraftRecord): boolean {
  if ('accountUrl' in owner) {
    return key.startsWith(draftKey('azureBatch.poolPatch', `${owner.accountUrl}/pools/`));
  }
  // Records without a scope (older versions) are treated as reached with the sign-in.
  return record.scope?.signIn ?? true;
}

/** Deletes the drafts (and their secrets) of `owner`; returns their keys. */
export async function clearDrafts(storage: DraftStorage, secrets: DraftSecrets, owner: DraftOwner): Promise<string[]> {
  const cleared: string[] = [];
  for (const { key, record } of allRecords(storage)) {
    if (ownedBy(owner, key, record)) {
      await remove(storage, secrets, key);
      cleared.push(key);
    }
  }
  return cleared;
}
