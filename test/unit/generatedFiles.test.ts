import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../harness/paths';
import { sourceFiles } from './architecture/importGraph';

interface GeneratedFile {
  path: string;
  text: string;
}

interface Codegen {
  generatedFiles(): GeneratedFile[];
  staleFiles(files?: GeneratedFile[]): string[];
}

/** tools/codegen/generate.mjs, run in memory: it reads the specs and returns every file's text, writing nothing. */
function codegen(): Promise<Codegen> {
  return import(pathToFileURL(path.join(repoRoot, 'tools', 'codegen', 'generate.mjs')).href) as Promise<Codegen>;
}

describe('generated files (tools/codegen, npm run generate)', function () {
  this.timeout(60_000);

  it('are what the generators make from the official specs now (stale: run npm run generate)', async () => {
    const { generatedFiles, staleFiles } = await codegen();
    const files = generatedFiles();
    assert.ok(files.length >= 4, `the generators produce the models and schemas (${files.length})`);
    assert.deepEqual(staleFiles(files), []);
  });

  it('are every *.generated.ts under src/, and only those', async () => {
    const made = (await codegen()).generatedFiles().map((f) => f.path).sort();
    const named = sourceFiles(path.join(repoRoot, 'src')).filter((f) => f.endsWith('.generated.ts')).map((f) => path.relative(repoRoot, f).split(path.sep).join('/'));
    assert.deepEqual(named.sort(), made);
  });

  it('notices a stale file (the check can fail)', async () => {
    const { generatedFiles, staleFiles } = await codegen();
    const [first] = generatedFiles();
    assert.deepEqual(staleFiles([{ ...first, text: `${first.text}// edited by hand\n` }]), [first.path]);
  });
});
