/**
 * The demo (`npm run demo`): the local Azure emulator with its `demo` data, and a real VS Code (code-server) on
 * loopback with the extension loaded and pointed at the emulator. Prints the URL to open, and how to use desktop
 * VS Code instead. Runs until Ctrl+C.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { startTestEnvironment } from './environment';
import { outputDir, repoRoot } from './paths';

async function main(): Promise<void> {
  const port = Number(process.env.AZB_DEMO_PORT ?? 8080);
  const emulatorPort = Number(process.env.AZB_EMULATOR_PORT ?? 0);
  const environment = await startTestEnvironment('demo', { port: emulatorPort, lroDelayMs: 3000, nodeTransitionMs: 4000, quiet: false });
  const server = await startCodeServer({ name: 'demo', port, settings: environment.settings, env: environment.env });
  const url = server.workbenchUrl({ extensionDevelopmentPath: repoRoot });

  const desktopProfile = path.join(outputDir, 'vscode', 'desktop-demo');
  fs.mkdirSync(path.join(desktopProfile, 'User'), { recursive: true });
  fs.writeFileSync(path.join(desktopProfile, 'User', 'settings.json'), JSON.stringify(environment.settings, null, 2));
  const envLine = Object.entries(environment.env).map(([k, v]) => `${k}='${v}'`).join(' ');

  console.log('');
  console.log('Azure Batch Operator demo is running (Ctrl+C stops it).');
  console.log('');
  console.log(`  Open in a browser:  ${url}`);
  console.log('');
  console.log('  Or in desktop VS Code, against the same emulator:');
  console.log(`    ${envLine} code --extensionDevelopmentPath='${repoRoot}' --user-data-dir='${desktopProfile}'`);
  console.log('');
  const stop = async () => {
    await server.stop();
    await environment.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
