import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { buildLanguagePack, writeLanguagePacks } from './languagePack';
import { codeServerDir, logsDir, outputDir } from './paths';

export interface CodeServerOptions {
  /** A name for this run's folders under test-output/ (profiles are thrown away and recreated). */
  name: string;
  /** User settings written before start. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and so for the extension host it starts. */
  env?: Record<string, string>;
  /** VSIX files to install before start (tests the packaged artifact). */
  installExtensions?: string[];
  /** Display language ("zh-cn", "ru"): installs the harness's minimal language pack and starts with `--locale`. */
  locale?: string;
  port?: number;
}

export interface CodeServer {
  readonly port: number;
  readonly baseUrl: string;
  /** The folder opened as workspace. */
  readonly workspace: string;
  /** VS Code version of the bundled workbench, read from its package.json. */
  readonly vscodeVersion: string;
  readonly logFile: string;
  /**
   * `http://127.0.0.1:PORT/?folder=...&payload=...` for the extension under development (and tests, if given);
   * without a payload, the workbench with the installed extensions only.
   */
  workbenchUrl(payload?: { extensionDevelopmentPath: string; extensionTestsPath?: string }): string;
  /** Undefined while the server runs; how it ended once it has exited. */
  exitStatus(): string | undefined;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode} before it listened`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

/** Starts code-server (VS Code server + web workbench) on loopback with a fresh, throw-away profile. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const root = path.join(outputDir, 'vscode', options.name);
  fs.rmSync(root, { recursive: true, force: true });
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const workspace = path.join(root, 'workspace');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspace, logsDir]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.openRepositoryInParentFolders': 'never',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...options.settings,
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  fs.writeFileSync(path.join(root, 'config.yaml'), 'auth: none\ncert: false\n');

  const csDir = codeServerDir();
  const vscodeVersion = JSON.parse(fs.readFileSync(path.join(csDir, 'lib', 'vscode', 'package.json'), 'utf8')).version as string;
  const entry = path.join(csDir, 'out', 'node', 'entry.js');
  const env = { ...process.env, ...options.env };
  const installs = [...(options.installExtensions ?? []), ...(options.locale ? [buildLanguagePack()] : [])];
  for (const vsix of installs) {
    await new Promise<void>((resolve, reject) => {
      const install = spawn(process.execPath, [entry, '--config', path.join(root, 'config.yaml'), '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir, '--install-extension', vsix], { env, stdio: 'ignore' });
      install.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`installing ${vsix} failed with ${code}`))));
    });
  }

  if (options.locale) {
    writeLanguagePacks(userDataDir, extensionsDir, options.locale);
  }
  const port = options.port ?? (await freePort());
  const logFile = path.join(logsDir, `code-server-${options.name}.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--config', path.join(root, 'config.yaml'),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--vscode-option', 'enable-smoke-test-driver',
      ...(options.locale ? ['--locale', options.locale] : []),
      workspace,
    ],
    { env, stdio: ['ignore', log, log], detached: false },
  );
  const baseUrl = `http://127.0.0.1:${port}/`;
  let exitStatus: string | undefined;
  let logOpen = true;
  child.once('exit', (code, signal) => {
    exitStatus = `code-server exited (code ${code}, signal ${signal})`;
  });
  try {
    await waitForHttp(baseUrl, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
  return {
    port,
    baseUrl,
    workspace,
    vscodeVersion,
    logFile,
    workbenchUrl(payload) {
      if (!payload) {
        return `${baseUrl}?folder=${encodeURIComponent(workspace)}`;
      }
      const entries: [string, string][] = [['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]];
      if (payload.extensionTestsPath) {
        entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
      }
      return `${baseUrl}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
    },
    exitStatus: () => exitStatus,
    async stop() {
      if (exitStatus === undefined) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (logOpen) {
        logOpen = false;
        fs.closeSync(log);
      }
    },
  };
}
