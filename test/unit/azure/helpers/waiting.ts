import * as assert from 'node:assert/strict';
import type { CancellationTokenLike } from '../../../../src/azure/core/cancellation';

/** A cancellation token (vscode.CancellationToken's shape) that the test cancels by hand. */
export function manualToken(): CancellationTokenLike & { cancel(): void } {
  const listeners = new Set<() => void>();
  let cancelled = false;
  return {
    get isCancellationRequested() {
      return cancelled;
    },
    onCancellationRequested: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    cancel() {
      cancelled = true;
      listeners.forEach((l) => l());
    },
  };
}

/** A cancellation token that cancels itself after `ms`. */
export function cancelAfter(ms: number): CancellationTokenLike {
  const token = manualToken();
  setTimeout(() => token.cancel(), ms);
  return token;
}

/** Polls `read` until it returns something; gives up (fails) after 10 s, a bound for a broken run, not a speed target. */
export async function waitForRecord<T>(read: () => T[]): Promise<T[]> {
  for (const deadline = Date.now() + 10_000; ; ) {
    const found = read();
    if (found.length > 0) {
      return found;
    }
    assert.ok(Date.now() < deadline, 'gave up waiting for the emulator to record the request');
    await new Promise((r) => setTimeout(r, 20));
  }
}
