/**
 * The demo (`npm run demo`): the local Azure emulator with its `demo` data, and a real VS Code (code-server) on
 * loopback with the extension loaded and pointed at the emulator. The workbench opens with the Azure Batch view shown
 * (a throw-away helper extension, installed in the demo's profile, opens it at start-up). The console stays quiet: the URL to
 * open, the demo data in three lines, whether requests are checked against the Azure REST specs, where Open in Portal
 * goes (the emulator's stand-in portal page), and how to use desktop VS Code instead. Runs until Ctrl+C.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { startTestEnvironment } from './environment';
import { outputDir, repoRoot } from './paths';

/** What the demo data holds (the README's "demo data" paragraph says the same). */
const DEMO_DATA_LINES = [
  'Contoso Production: contosoprod (linux-small 3 nodes, win-render 250, gpu-empty 0) and contosohpc (hpc-10k, 10,000 nodes)',
  'Fabrikam Research: fabrikamresearch (ml-train 10 nodes in many states, legacy-cs 4, reimage refused); galleries contosoImages, fabrikam_ml_gallery',
  'Failing: 1 node of linux-small, 12 of win-render, 576 of hpc-10k, 2 of ml-train; image alma-hpc-9 and its version 9.3.0 failed',
];

/**
 * A helper extension, installed in the demo's profile (packaged with vsce like the test language pack), that shows
 * the Azure Batch view once the workbench has started; returns its VSIX.
 */
function viewOpener(): string {
  const dir = path.join(outputDir, 'demo-view-opener');
  const source = path.join(dir, 'source');
  const vsix = path.join(dir, 'demo-view-opener-0.0.1.vsix');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(source, { recursive: true });
  const manifest = {
    name: 'demo-view-opener', displayName: 'Demo: open the Azure Batch view', description: 'Shows the Azure Batch view when the demo starts.',
    publisher: 'azure-batch-operator-demo', version: '0.0.1', license: 'MIT',
    repository: { type: 'git', url: 'https://example.invalid/azure-batch-operator.git' },
    engines: { vscode: '^1.101.0' }, main: './extension.js', activationEvents: ['onStartupFinished'],
  };
  fs.writeFileSync(path.join(source, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(source, 'extension.js'), [
    "const vscode = require('vscode');",
    "exports.activate = () => { void vscode.commands.executeCommand('workbench.view.extension.azureBatch'); };",
    'exports.deactivate = () => undefined;',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(source, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(source, 'LICENSE'));
  execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: source, stdio: 'pipe' });
  return vsix;
}

async function main(): Promise<void> {
  const port = Number(process.env.AZB_DEMO_PORT ?? 8080);
  const emulatorPort = Number(process.env.AZB_EMULATOR_PORT ?? 0);
  // quiet: the emulator's own start-up banner (endpoints, keys, secrets) is for the emulator's CLI, not for the demo.
  const environment = await startTestEnvironment('demo', { port: emulatorPort, lroDelayMs: 3000, nodeTransitionMs: 4000, quiet: true });
  const server = await startCodeServer({ name: 'demo', port, settings: environment.settings, env: environment.env, installExtensions: [viewOpener()] });
  const url = server.workbenchUrl({ extensionDevelopmentPath: repoRoot });

  const desktopProfile = path.join(outputDir, 'vscode', 'desktop-demo');
  fs.mkdirSync(path.join(desktopProfile, 'User'), { recursive: true });
  fs.writeFileSync(path.join(desktopProfile, 'User', 'settings.json'), JSON.stringify(environment.settings, null, 2));
  const envLine = Object.entries(environment.env).map(([k, v]) => `${k}='${v}'`).join(' ');
  const info = environment.emulator;
  const checks = info?.conformance
    ? `every request is checked against the Azure REST specs in ${info.specsDir}`
    : `requests are not checked against the Azure REST specs (optional; ${info?.conformanceReason ?? 'no specs folder'}). Everything works without them.`;

  console.log('');
  console.log('Azure Batch Operator demo is running (Ctrl+C stops it).');
  console.log('');
  console.log(`  Open in a browser:  ${url}`);
  console.log('');
  console.log('  Demo data (a local Azure emulator, no Azure account needed):');
  for (const line of DEMO_DATA_LINES) {
    console.log(`    ${line}`);
  }
  console.log(`  Emulator: ${info?.baseUrl ?? '?'}; ${checks}`);
  const portal = environment.settings['azureBatch.customCloud.portalEndpoint'];
  console.log(`  Open in Portal opens the emulator's stand-in for the Azure portal: ${String(portal)}/`);
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
