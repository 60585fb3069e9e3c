// `npm run generate`: writes every generated file of src/ (each named *.generated.ts) from the official Azure REST specs
// (tools/codegen/specs.mjs says where they are). `node tools/codegen/generate.mjs --check` writes nothing and exits 1
// when a committed file differs from what the generators make now; test/unit/generatedFiles.test.ts does the same.
//   src/azure/batch/batchModels.generated.ts            TypeScript models, Batch data plane     typescriptModels.mjs
//   src/azure/arm/galleryModels.generated.ts            TypeScript models, Compute Gallery      typescriptModels.mjs
//   src/poolPatch/poolPatchSchema.generated.ts          JSON schema of a pool PATCH body        poolPatchSchema.mjs
//   src/gallery/imageDefinitionSchema.generated.ts      JSON schema of an image definition PUT  imageDefinitionSchema.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageDefinitionSchema } from './imageDefinitionSchema.mjs';
import { poolPatchSchema } from './poolPatchSchema.mjs';
import { repoRoot } from './specs.mjs';
import { typescriptModels } from './typescriptModels.mjs';

/** Every generated file: `path` relative to the repository root, `text` its whole content. */
export function generatedFiles() {
  return [...typescriptModels(), poolPatchSchema(), imageDefinitionSchema()];
}

/** The generated files whose committed content differs from `text` (or that are missing). */
export function staleFiles(files = generatedFiles()) {
  const read = (path) => {
    try {
      return readFileSync(join(repoRoot, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  return files.filter((file) => read(file.path) !== file.text).map((file) => file.path);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = generatedFiles();
  if (process.argv.includes('--check')) {
    const stale = staleFiles(files);
    for (const path of stale) {
      console.error(`stale: ${path}`);
    }
    console.log(stale.length ? `${stale.length} generated file(s) are stale: run npm run generate` : `${files.length} generated files are up to date`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const file of files) {
    writeFileSync(join(repoRoot, file.path), file.text);
    console.log(`wrote ${file.path}`);
  }
}
