import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';
import { findCycles, importGraph, sourceFiles } from './importGraph';

const src = path.join(repoRoot, 'src');
const relative = (file: string) => path.relative(repoRoot, file).split(path.sep).join('/');
const MAX_LINES = 350; // also in the test title, which must be a literal

/**
 * Hand-written files still over the limit, each until the change that splits it lands (the editor half of issue 10).
 * A listed file that is gone or back under the limit fails the test: take it off the list.
 */
const KNOWN_OVERSIZE = new Set<string>();

describe('architecture of src/', () => {
  it('has no import cycle (import type included)', () => {
    const cycles = findCycles(importGraph(sourceFiles(src)));
    const described = cycles.map((c) => `${c.path.map(relative).join(' -> ')} (files in the cycle: ${c.members.map(relative).join(', ')})`);
    assert.deepEqual(described, []);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const files = ['/r/a.ts', '/r/b.ts', '/r/c.ts', '/r/d.ts'];
    const text: Record<string, string> = {
      '/r/a.ts': "import { b } from './b';\n// import { d } from './d';\n",
      '/r/b.ts': "import type { C } from './c';\nexport const b = 1;\n",
      '/r/c.ts': "export { a } from './a';\nconst s = \"import './d'\";\n",
      '/r/d.ts': "import './d';\n",
    };
    const cycles = findCycles(importGraph(files, (f) => text[f]));
    assert.deepEqual(cycles.map((c) => c.path.join(' -> ')).sort(), ['/r/a.ts -> /r/b.ts -> /r/c.ts -> /r/a.ts', '/r/d.ts -> /r/d.ts']);
    assert.deepEqual(cycles.map((c) => c.members.length).sort(), [1, 3]);
  });

  it('has no hand-written file over 350 lines (*.generated.ts aside)', () => {
    const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').length - 1;
    const handWritten = sourceFiles(src).filter((f) => !f.endsWith('.generated.ts'));
    const over = handWritten.filter((f) => lines(f) > MAX_LINES).map(relative);
    assert.deepEqual(over.filter((f) => !KNOWN_OVERSIZE.has(f)), [], 'files over the limit');
    assert.deepEqual([...KNOWN_OVERSIZE].filter((f) => !over.includes(f)), [], 'listed as over the limit but no longer are: take them off KNOWN_OVERSIZE');
  });
});
