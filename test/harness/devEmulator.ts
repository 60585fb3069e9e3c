/**
 * F5 in VS Code (.vscode/launch.json, "Run Extension (emulator)"): its pre-launch task runs this. It starts the local
 * Azure emulator with the demo data on a fixed port, writes the settings that point the extension at it into the
 * Extension Development Host's own profile (test-output/vscode/f5), and prints "[F5] emulator ready" (the task's
 * end-of-start-up signal). The launch configuration sets the environment (certificate, test identity) from
 * `F5_EMULATOR` below; test/unit/devSetup.test.ts keeps the two in step. Runs until the debug session ends.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestEnvironment } from './environment';
import { outputDir } from './paths';

/** What .vscode/launch.json assumes: the port, and the Extension Development Host's profile folder. */
export const F5_EMULATOR = {
  port: 10443,
  profileDir: path.join(outputDir, 'vscode', 'f5'),
} as const;

function writeProfile(settings: Record<string, unknown>): void {
  const user = path.join(F5_EMULATOR.profileDir, 'User');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(path.join(user, 'settings.json'), `${JSON.stringify({ ...settings, 'workbench.startupEditor': 'none' }, null, 2)}\n`);
}

async function main(): Promise<void> {
  console.log(`[F5] starting the Azure emulator on port ${F5_EMULATOR.port}`);
  const environment = await startTestEnvironment('demo', { port: F5_EMULATOR.port, lroDelayMs: 3000, nodeTransitionMs: 4000, quiet: false });
  writeProfile(environment.settings);
  console.log(`[F5] emulator ready at ${environment.emulator?.baseUrl}; profile ${F5_EMULATOR.profileDir}`);
  const stop = () => void environment.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const inUse = (error as { code?: string })?.code === 'EADDRINUSE';
    console.error(`[F5] emulator error: ${inUse ? `port ${F5_EMULATOR.port} is in use (an emulator from an earlier run? stop the task "emulator (F5)")` : String((error as Error)?.stack ?? error)}`);
    process.exit(1);
  });
}
