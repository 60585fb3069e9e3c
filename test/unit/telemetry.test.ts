/**
 * The positive control of "telemetry sends nothing" (test/integration/telemetry.test.ts, real VS Code with its level
 * off): with a connection string and the same recording sender, events that VS Code lets through do reach it. Inside
 * code-server's extension-test mode VS Code only logs extension telemetry, so this runs here, with a stand-in for
 * the `vscode` module whose telemetry logger forwards to the sender when telemetry is on, as VS Code's does.
 */
import * as assert from 'node:assert/strict';
import Module from 'node:module';
import type * as Telemetry from '../../src/telemetry/telemetry';

class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  readonly event = (listener: (value: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    this.listeners.forEach((l) => l(value));
  }
  dispose(): void {
    this.listeners.clear();
  }
}

interface Sender {
  sendEventData(name: string, data?: Record<string, unknown>): void;
  sendErrorData(error: Error, data?: Record<string, unknown>): void;
  flush?(): void | Thenable<void>;
}

interface FakeState {
  /** VS Code's telemetry setting. */
  enabled: boolean;
  /** The reporter's sender, as VS Code's telemetry logger holds it. */
  sender?: Sender;
}

/** The `vscode` API the telemetry reporter uses. */
function fakeVscode(state: FakeState) {
  return {
    EventEmitter: Emitter,
    TelemetryTrustedValue: class {
      constructor(readonly value: unknown) {}
    },
    env: {
      machineId: 'machine', sessionId: 'session', language: 'en', appName: 'Code', appHost: 'desktop', uiKind: 1, remoteName: undefined, version: '1.139.1',
      get isTelemetryEnabled() {
        return state.enabled;
      },
      onDidChangeTelemetryEnabled: new Emitter<boolean>().event,
      createTelemetryLogger(sender: Sender) {
        state.sender = sender;
        return {
          get isUsageEnabled() {
            return state.enabled;
          },
          get isErrorsEnabled() {
            return state.enabled;
          },
          onDidChangeEnableStates: new Emitter<unknown>().event,
          logUsage: (name: string, data?: Record<string, unknown>) => state.enabled && sender.sendEventData(`batch-operator.azure-batch-operator/${name}`, data),
          logError: (name: string, data?: Record<string, unknown>) => state.enabled && sender.sendEventData(`batch-operator.azure-batch-operator/${name}`, data),
          dispose: () => sender.flush?.(),
        };
      },
    },
  };
}

/**
 * Loads src/telemetry/telemetry with `vscode` resolved to the stand-in. The stand-in stays installed until `restore`:
 * telemetry.ts loads @vscode/extension-telemetry (which imports `vscode`) lazily, at its first event, not with itself.
 */
function loadTelemetry(state: FakeState): { telemetry: typeof Telemetry; restore: () => void } {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const fake = fakeVscode(state);
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fake : original.call(this, request, ...rest);
  };
  const restore = () => {
    loader._load = original;
  };
  try {
    for (const id of Object.keys(require.cache).filter((k) => /telemetry[\\/]telemetry\.js$|@vscode[\\/]extension-telemetry/.test(k))) {
      delete require.cache[id];
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { telemetry: require('../../src/telemetry/telemetry') as typeof Telemetry, restore };
  } catch (error) {
    restore();
    throw error;
  }
}

const CONNECTION_STRING = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/';

async function sendThrough(enabled: boolean): Promise<{ enabled: boolean; posts: string[] }> {
  const state: FakeState = { enabled };
  const { telemetry, restore } = loadTelemetry(state);
  try {
    return await sendWith(telemetry, state);
  } finally {
    restore();
  }
}

async function sendWith({ createTelemetry }: typeof Telemetry, state: FakeState): Promise<{ enabled: boolean; posts: string[] }> {
  const enabled = state.enabled;
  const posts: string[] = [];
  const sink = createTelemetry(CONNECTION_STRING, async (_url, init) => {
    posts.push(init?.body ?? '');
    return { status: 200, text: async () => '{}', headers: [] };
  });
  sink.sendEvent('command', { commandId: 'azureBatch.refresh', result: 'Succeeded' }, { durationMs: 1 });
  sink.sendErrorEvent('command', { commandId: 'azureBatch.refresh', result: 'Failed', errorCode: 'X' }, { durationMs: 1 });
  // The sender loads its client asynchronously and batches: flush until the batch goes out (or give up after 5 s).
  for (const deadline = Date.now() + 5000; enabled && posts.length === 0 && Date.now() < deadline; ) {
    await state.sender?.flush?.();
    await new Promise((r) => setTimeout(r, 20));
  }
  const wasEnabled = sink.enabled;
  await sink.dispose();
  return { enabled: wasEnabled, posts };
}

describe('telemetry: the recording sender (positive control)', () => {
  it('receives the allowed command events when telemetry is on', async () => {
    const { enabled, posts } = await sendThrough(true);
    assert.equal(enabled, true);
    const sent = posts.join('\n');
    assert.match(sent, /batch-operator\.azure-batch-operator\/command/);
    assert.match(sent, /"commandId":"azureBatch\.refresh"/);
    assert.match(sent, /"result":"Succeeded"/);
    assert.match(sent, /"errorCode":"X"/);
  });

  it('receives nothing through the same path when telemetry is off', async () => {
    const { enabled, posts } = await sendThrough(false);
    assert.equal(enabled, false);
    assert.deepEqual(posts, []);
  });
});
