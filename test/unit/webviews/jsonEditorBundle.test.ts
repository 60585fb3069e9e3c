import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';

/** The editor page's bundle as esbuild wrote it (the unit layer builds first). Top-level code runs in text order. */
const bundle = () => fs.readFileSync(path.join(repoRoot, 'dist', 'webview', 'jsonEditorMain.js'), 'utf8');

describe('the JSON editor page bundle: what runs before the page says ready (issue 13)', () => {
  it('posts ready before CodeMirror\'s modules evaluate (the host\'s init travels meanwhile)', () => {
    const text = bundle();
    const ready = text.indexOf('type:"ready"');
    // @codemirror/view's base theme: a module-level constant, evaluated when its module is.
    const codeMirror = text.indexOf('"&.cm-focused"');
    assert.ok(ready > 0, 'the bundle posts ready');
    assert.ok(codeMirror > 0, 'CodeMirror\'s base theme is in the bundle (update the marker if it moved)');
    assert.ok(ready < codeMirror, `ready is posted at ${ready}, after CodeMirror's view module (at ${codeMirror})`);
  });

  it('builds @sagold/json-query\'s EBNF parser at its first use, not when the bundle evaluates', () => {
    const text = bundle();
    assert.match(text, /\?\?=new [\w$]+(\.default)?\.Parser\(/, 'the lazy parser (esbuild.mjs lazyJsonQueryParser)');
    assert.doesNotMatch(text, /(var|let|const) [\w$]+=new [\w$]+(\.default)?\.Parser\([\w$]+\)/, 'no parser built at module level');
  });
});
