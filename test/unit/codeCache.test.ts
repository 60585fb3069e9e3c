import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireWithCodeCache } from '../../src/lazy/extensionEntry';
import { heapUsedAfterGc } from '../../src/lazy/heap';

/** A CommonJS module like the main bundle: its own `require`, `__dirname`, `module.exports`. */
function writeBundle(dir: string, name: string, value: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `const path = require('node:path');\nmodule.exports = { value: ${JSON.stringify(value)}, dir: __dirname, base: path.basename(__filename), twice: (n) => n * 2 };\n`);
  return file;
}

describe('the entry that loads the main bundle with a V8 code cache (issue 13)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azb-code-cache-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('compiles without a cache, saves one, and the next load compiles from it with the same exports', () => {
    const file = writeBundle(dir, 'bundle-a.js', 'first');
    const cacheFile = path.join(dir, 'storage', 'code-cache', 'extensionMain-a.bin');
    const first = requireWithCodeCache(file, cacheFile);
    assert.equal(first.status.cache, 'none');
    const exports = first.exports as { value: string; dir: string; base: string; twice: (n: number) => number };
    assert.deepEqual([exports.value, exports.dir, exports.base, exports.twice(21)], ['first', dir, 'bundle-a.js', 42]);
    assert.equal(require.cache[file]?.exports, first.exports, 'the bundle is a module in require.cache like any other');
    first.save();
    assert.ok(fs.statSync(cacheFile).size > 0, 'the cache was written');

    delete require.cache[file];
    const second = requireWithCodeCache(file, cacheFile);
    assert.equal(second.status.cache, 'used');
    assert.equal((second.exports as { twice: (n: number) => number }).twice(4), 8);
  });

  it('compiles as usual when the cache belongs to another build (V8 rejects it), and replaces it', () => {
    const cacheFile = path.join(dir, 'code-cache', 'extensionMain-b.bin');
    const old = writeBundle(dir, 'old.js', 'old');
    const saved = requireWithCodeCache(old, cacheFile);
    saved.save();
    const stale = path.join(dir, 'code-cache', 'extensionMain-old-build.bin');
    fs.writeFileSync(stale, 'left by an earlier build');
    const file = writeBundle(dir, 'new.js', 'a different source of another length');
    const loaded = requireWithCodeCache(file, cacheFile);
    assert.equal(loaded.status.cache, 'rejected');
    assert.equal((loaded.exports as { value: string }).value, 'a different source of another length');
    loaded.save();
    assert.deepEqual(fs.readdirSync(path.join(dir, 'code-cache')), ['extensionMain-b.bin'], 'the earlier builds\' caches are removed');
  });

  it('falls back to a plain require without a cache location', () => {
    const file = writeBundle(dir, 'plain.js', 'plain');
    const loaded = requireWithCodeCache(file, undefined);
    assert.equal(loaded.status.cache, 'off');
    assert.equal((loaded.exports as { value: string }).value, 'plain');
  });

  it('reads the heap after a full garbage collection, exposing gc at run time', () => {
    const heap = heapUsedAfterGc();
    assert.equal(heap.gc, true, 'V8 let the test API collect');
    assert.ok(heap.bytes > 1_000_000 && heap.bytes < process.memoryUsage().heapTotal + 1, `a plausible heap in use (${heap.bytes} bytes)`);
  });
});
