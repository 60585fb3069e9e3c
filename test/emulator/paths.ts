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

/** The official specs: ../shared/azure-specs beside the repository, or AZB_SPECS_DIR (e.g. in a git worktree elsewhere). */
export function defaultSpecsDir(): string {
  const override = process.env['AZB_SPECS_DIR'];
  return override ? resolve(override) : resolve(repoRoot(), '..', 'shared', 'azure-specs');
}
