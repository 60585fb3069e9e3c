/** Default locations: the repository root (holding package.json "azure-batch-operator"), the cert dir and the specs folder. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PACKAGE_NAME = 'azure-batch-operator';

function isRepoRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) { return false; }
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function walkUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (isRepoRoot(dir)) { return dir; }
    const parent = dirname(dir);
    if (parent === dir) { return undefined; }
    dir = parent;
  }
}

export function repoRoot(): string {
  return walkUp(process.cwd()) ?? walkUp(__dirname) ?? process.cwd();
}

export function defaultCertDir(): string {
  return join(repoRoot(), 'out', 'emulator-cert');
}

/**
 * The official specs: AZB_SPECS_DIR, else `shared/azure-specs` next to the repository (`../shared`) or next to one of
 * its ancestors (a git worktree such as /work/wt/branch finds /work/shared). Falls back to `../shared/azure-specs`
 * (reported as missing by Conformance).
 */
export function defaultSpecsDir(): string {
  const override = process.env['AZB_SPECS_DIR'];
  if (override) { return resolve(override); }
  const preferred = resolve(repoRoot(), '..', 'shared', 'azure-specs');
  for (let dir = resolve(repoRoot(), '..'); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'azure-specs');
    if (existsSync(join(candidate, 'specification'))) { return candidate; }
    if (dirname(dir) === dir) { return preferred; }
  }
}
