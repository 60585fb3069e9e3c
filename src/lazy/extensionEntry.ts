/**
 * The extension's entry (`main`: dist/extension.js, a few KiB): loads the real bundle (dist/extensionMain.js) with a
 * V8 code cache kept in the extension's global storage, so that a start after the first skips compiling it (issue 13;
 * half of a cold `require` + `activate` in bare Node is compiling the bundle). Only this extension's bundle is cached:
 * unlike `module.enableCompileCache`, nothing changes for the other extensions of the host.
 *
 * The bundle is a CommonJS module in `require.cache` like any other (same `require`, `__dirname`, `vscode`): only its
 * compilation takes the cached data. A missing, stale (another build) or rejected cache compiles as usual and is
 * rewritten after activation, off the activation path. Any failure of the cache falls back to a plain `require`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type * as vscode from 'vscode';

const loadStart = performance.now();
const cpuStart = process.cpuUsage();

/** What the entry tells the bundle's `activate`: when loading started, and how the bundle was compiled. */
export interface EntryInfo {
  loadStart: number;
  /** The process's CPU time then: activation's CPU time does not depend on how busy the machine is. */
  cpuStart: NodeJS.CpuUsage;
  codeCache: CodeCacheStatus;
}

interface Bundle {
  activate(context: vscode.ExtensionContext, entry?: EntryInfo): unknown;
}

interface CjsModule {
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
}

type ModuleClass = (new (id: string, parent?: unknown) => CjsModule) & {
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
  createRequire(file: string): NodeJS.Require;
};

/** How the bundle was compiled: for the log and the bench. */
export interface CodeCacheStatus {
  /** 'used': compiled from the cache; 'rejected': V8 refused it (other build or V8); 'none': no cache yet; 'off': plain require. */
  cache: 'used' | 'rejected' | 'none' | 'off';
  /** Milliseconds to read and compile (or require) the bundle, before it runs. */
  compileMs: number;
}

/** Requires `file` compiled with `cacheFile`'s code cache; returns its exports and a function that saves a new cache. */
export function requireWithCodeCache(file: string, cacheFile: string | undefined): { exports: unknown; status: CodeCacheStatus; save: () => void } {
  const started = performance.now();
  // The CommonJS Module class itself (an ES namespace import of it cannot be constructed).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('node:module') as ModuleClass;
  if (!cacheFile || typeof Module.wrap !== 'function' || typeof Module._nodeModulePaths !== 'function') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is loaded here by design
    return { exports: require(file), status: { cache: 'off', compileMs: performance.now() - started }, save: () => {} };
  }
  const source = fs.readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const cache: CodeCacheStatus['cache'] = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const compileMs = performance.now() - started;
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod as unknown as NodeJS.Module;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: CjsModule, filename: string, dirname: string) => void;
  try {
    wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  const save = () => {
    if (cache === 'used') {
      return;
    }
    try {
      const dir = path.dirname(cacheFile);
      fs.mkdirSync(dir, { recursive: true });
      // After the bundle ran: the data then holds the functions activation compiled, not only the top level.
      fs.writeFileSync(cacheFile, script.createCachedData());
      // The caches of earlier builds can never match again.
      for (const name of fs.readdirSync(dir)) {
        if (name !== path.basename(cacheFile) && name.startsWith('extensionMain-')) {
          fs.rmSync(path.join(dir, name), { force: true });
        }
      }
    } catch {
      // A read-only or full disk: the next start compiles as this one did.
    }
  };
  return { exports: mod.exports, status: { cache, compileMs }, save };
}

/** The cache file of this build of the bundle (size and time in the name: a new build never meets an old cache). */
function cacheFileFor(bundle: string, storageDir: string | undefined): string | undefined {
  try {
    const stat = fs.statSync(bundle);
    return storageDir ? path.join(storageDir, 'code-cache', `extensionMain-${stat.size}-${Math.round(stat.mtimeMs)}-${process.versions.v8}.bin`) : undefined;
  } catch {
    return undefined;
  }
}

export function activate(context: vscode.ExtensionContext): unknown {
  const file = path.join(__dirname, 'extensionMain.js');
  let loaded: ReturnType<typeof requireWithCodeCache>;
  try {
    loaded = requireWithCodeCache(file, cacheFileFor(file, context.globalStorageUri?.fsPath));
  } catch {
    loaded = requireWithCodeCache(file, undefined);
  }
  const api = (loaded.exports as Bundle).activate(context, { loadStart, cpuStart, codeCache: loaded.status });
  if (loaded.status.cache !== 'used' && loaded.status.cache !== 'off') {
    setTimeout(loaded.save, 1000);
  }
  return api;
}

/** Nothing to undo: everything the bundle holds is in `context.subscriptions`. */
export function deactivate(): void {}
