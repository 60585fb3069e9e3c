// Where the generators find the official Azure REST specs (Azure/azure-rest-api-specs, MIT), and the repository they
// write into. The specs are read, never copied into the repository.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tools/codegen/specs.mjs). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The specs folder: $AZB_SPECS_DIR, or ../shared/azure-specs next to the repository. */
export function specsDir() {
  return process.env.AZB_SPECS_DIR ? resolve(process.env.AZB_SPECS_DIR) : resolve(repoRoot, '..', 'shared', 'azure-specs');
}

/** A definition file below <specs>/specification, parsed. */
export function readSpec(...segments) {
  const dir = specsDir();
  if (!existsSync(join(dir, 'specification'))) {
    throw new Error(`The Azure REST specs are not at ${dir}: put azure-rest-api-specs there, or set AZB_SPECS_DIR to its folder.`);
  }
  return JSON.parse(readFileSync(join(dir, 'specification', ...segments), 'utf8'));
}

/** The import specifier from one repository file to another module, e.g. '../poolPatch/jsonSchema'. */
export function importPath(fromFile, toModule) {
  const path = relative(dirname(fromFile), toModule).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
