/**
 * A stand-in for the `vscode` module good enough for `activate()` to run in bare Node: every property is a callable,
 * constructible value that returns another one, so registrations, tree views and output channels all "work" and cost
 * (next to) nothing. The activation bench measures the extension's own load and activate time with it.
 */
function stub(path: string): unknown {
  const target = function () {} as unknown as Record<string | symbol, unknown>;
  const cache = new Map<string | symbol, unknown>();
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') {return undefined;} // not a promise
      if (key === Symbol.toPrimitive) {return () => path;}
      if (key === Symbol.iterator) {return function* () {};}
      if (key === 'prototype') {return {};}
      if (key === 't') {return (message: string) => message;}
      if (key === 'version') {return '1.139.0';}
      if (key === 'extensionMode') {return 1;}
      if (!cache.has(key)) {cache.set(key, stub(`${path}.${String(key)}`));}
      return cache.get(key);
    },
    set(_t, key, value) {
      cache.set(key, value);
      return true;
    },
    apply: () => stub(`${path}()`),
    construct: () => stub(`new ${path}`) as object,
  });
}

/** The `vscode` namespaces and classes src/ uses (`grep -o 'vscode\.[A-Za-z0-9]*' src`), as own properties. */
const NAMES = ['l10n', 'CancellationError', 'CancellationToken', 'CancellationTokenSource', 'Command', 'ConfigurationChangeEvent', 'ConfigurationTarget', 'Disposable', 'EventEmitter', 'ExtensionContext', 'ExtensionMode', 'LogOutputChannel', 'MarkdownString', 'Memento', 'ProgressLocation', 'QuickPickItem', 'SecretStorage', 'TextDocumentContentProvider', 'ThemeColor', 'ThemeIcon', 'TreeDataProvider', 'TreeItem', 'TreeItemCollapsibleState', 'TreeView', 'Uri', 'ViewColumn', 'WebviewOptions', 'WebviewPanel', 'WebviewPanelOptions', 'authentication', 'commands', 'env', 'l', 'languages', 'postMessage', 'setState', 'version', 'window', 'workspace'];

export function vscodeStub(): unknown {
  const root = stub('vscode') as Record<string, unknown>;
  const api: Record<string, unknown> = {};
  for (const name of NAMES) {
    api[name] = root[name];
  }
  return api;
}

/** An ExtensionContext for activate(): subscriptions, state, the extension's own manifest. */
export function contextStub(extensionPath: string, globalStoragePath?: string): unknown {
  const memento = { get: (_k: string, d?: unknown) => d, update: async () => {}, keys: () => [], setKeysForSync: () => {} };
  return new Proxy(
    {
      subscriptions: [] as unknown[],
      globalState: memento,
      workspaceState: memento,
      extensionMode: 1,
      extension: { id: 'batch-operator.azure-batch-operator', packageJSON: { version: '0.0.0' } },
      extensionPath,
      globalStorageUri: globalStoragePath ? { fsPath: globalStoragePath, scheme: 'file', path: globalStoragePath } : undefined,
    },
    { get: (t, key) => (key in t ? t[key as keyof typeof t] : stub(`context.${String(key)}`)) },
  );
}
