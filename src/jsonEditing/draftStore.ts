/**
 * Where an editor's unsaved draft is kept between sessions (closing the panel, reloading the window): one slot per
 * (viewType, key) in the extension's storage. Pure: the storage is anything with get/update (vscode.Memento is).
 */
import type { FieldValues, LoadedDocument } from './editorModel';
import { isJsonObject } from './jsonValue';

/** Key-value storage of JSON values (vscode.Memento has this shape). */
export interface DraftStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface StoredDraft {
  text: string;
  fields: FieldValues;
  /** The version the draft is based on. */
  based: LoadedDocument;
  savedAt: number;
}

/** The storage key of a draft (unchanged since the first release: drafts kept by older versions are found). */
export const draftKey = (viewType: string, key: string): string => `azureBatch.jsonEditor.draft:${viewType}:${key}`;

/** The draft slot of one edited resource. */
export class DraftStore {
  private readonly key: string;

  constructor(private readonly storage: DraftStorage, viewType: string, resourceKey: string) {
    this.key = draftKey(viewType, resourceKey);
  }

  /** The kept draft, when there is a well-formed one. */
  read(): StoredDraft | undefined {
    const value = this.storage.get<StoredDraft>(this.key);
    return value && typeof value.text === 'string' && isJsonObject(value.based) ? value : undefined;
  }

  async write(draft: StoredDraft): Promise<void> {
    await this.storage.update(this.key, draft);
  }

  async forget(): Promise<void> {
    await this.storage.update(this.key, undefined);
  }
}
