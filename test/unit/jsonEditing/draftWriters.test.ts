import * as assert from 'node:assert/strict';
import { DraftStore, type DraftSecrets, type DraftStorage } from '../../../src/jsonEditing/draftStore';

/** One window's view of the shared global state: its own copy, which the other window's writes reach later. */
class WindowState implements DraftStorage {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    const value = this.values.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
  }
  /** The other window's state arrives (VS Code broadcasts the global state to the other windows after it is stored). */
  receive(from: WindowState): void {
    for (const [key, value] of from.values) {
      this.values.set(key, structuredClone(value));
    }
  }
}

const secrets: DraftSecrets = { get: async () => undefined, store: async () => undefined, delete: async () => undefined };
const draft = (owner: string) => ({ text: JSON.stringify({ metadata: [{ name: 'owner', value: owner }] }), fields: {}, savedAt: 0 });

/** Two windows write the first revision of one draft before either saw the other's; then A's state gets B's. */
async function crossedWrites(writerA: string, writerB: string) {
  const stateA = new WindowState();
  const stateB = new WindowState();
  const store = (state: WindowState, writer: string) => new DraftStore(state, 'azureBatch.poolPatch', 'acct/pools/p', { secrets, writer, retentionDays: () => 30 });
  const a = store(stateA, writerA);
  const b = store(stateB, writerB);
  await a.read();
  await b.read();
  assert.equal((await a.write(draft('a'))).kind, 'written');
  assert.equal((await b.write(draft('b'))).kind, 'written');
  stateA.receive(stateB);
  return (await a.write(draft('a, again'))).kind;
}

describe('draft writers: the id a window writes into its drafts tells the windows apart', () => {
  it('writes that crossed (same revision, two windows) are caught when the windows have different writer ids', async () => {
    assert.equal(await crossedWrites('session/window-a', 'session/window-b'), 'changedElsewhere');
  });

  it('with one id for both windows (vscode.env.sessionId where telemetry is unavailable) the second write would go over the other window\'s draft', async () => {
    // Why the editors add a random part per window to vscode.env.sessionId (src/webviews/editors.ts).
    assert.equal(await crossedWrites('someValue.sessionId', 'someValue.sessionId'), 'written');
  });
});
