import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { F5_EMULATOR } from '../harness/devEmulator';
import { extensionEnvFor } from '../harness/environment';
import { repoRoot } from '../harness/paths';
import type { EmulatorInfo } from '../emulator/api';
import { defaultCertDir } from '../emulator/paths';
import { TEST_IDENTITY } from '../emulator/tokens';

const json = (file: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
const inWorkspace = (absolute: string) => `\${workspaceFolder}/${path.relative(repoRoot, absolute).split(path.sep).join('/')}`;

describe('developer setup: F5 against the emulator, npm scripts', () => {
  const launch = json('.vscode/launch.json').configurations.find((c: { name: string }) => c.name === 'Run Extension (emulator)');
  const tasks: { label: string; command?: string }[] = json('.vscode/tasks.json').tasks;

  it('F5 gives the extension host the environment the test harness gives it for the same emulator', () => {
    assert.ok(launch, 'the launch configuration exists');
    const baseUrl = `https://127.0.0.1:${F5_EMULATOR.port}/`;
    const info = {
      baseUrl, authorityHost: baseUrl, tenantId: TEST_IDENTITY.tenantId, clientId: TEST_IDENTITY.clientId, clientSecret: TEST_IDENTITY.clientSecret,
      certificatePath: inWorkspace(path.join(defaultCertDir(), 'emulator-cert.pem')),
    } as EmulatorInfo;
    assert.deepEqual(launch.env, extensionEnvFor(info));
  });

  it('F5 opens its own profile, where the pre-launch task writes the settings, and starts and stops the emulator task', () => {
    const profile = process.env.AZB_OUTPUT_DIR ? path.join(repoRoot, 'test-output', 'vscode', 'f5') : F5_EMULATOR.profileDir;
    assert.ok(launch.args.includes(`--user-data-dir=${inWorkspace(profile)}`), launch.args.join(' '));
    const labels = tasks.map((t) => t.label);
    assert.ok(labels.includes(launch.preLaunchTask) && labels.includes(launch.postDebugTask), labels.join(', '));
    const start = tasks.find((t) => t.label === launch.preLaunchTask)!;
    const script = start.command?.match(/^node (out\/test\/harness\/\w+)\.js$/)?.[1];
    assert.ok(script && fs.existsSync(path.join(repoRoot, `${script.replace(/^out\//, '')}.ts`)), `the task runs a harness script built from the sources: ${start.command}`);
  });

  it('npm run test:unit builds and runs the unit layer without the code-server and Chromium setup', () => {
    const scripts = json('package.json').scripts;
    assert.match(scripts['test:unit'], /runLayer\.js unit$/);
    assert.doesNotMatch(scripts['test:unit'], /setup\.sh|\.ci\//);
    assert.match(scripts.generate, /tools\/codegen\/generate\.mjs/);
    assert.equal(scripts.lint, 'eslint src test', 'the root eslint.config.mjs is found without -c');
    assert.ok(fs.existsSync(path.join(repoRoot, 'eslint.config.mjs')));
  });
});
