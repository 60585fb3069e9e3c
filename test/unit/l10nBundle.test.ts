import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

describe('localization bundle', function () {
  this.timeout(60_000);

  it('l10n/bundle.l10n.json holds every string the code passes to l10n.t (run `npm run l10n` after adding one)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'azb-l10n-'));
    execFileSync(process.execPath, [path.join(root, '.ci', 'l10n-export.mjs'), out], { stdio: 'pipe' });
    const fresh = Object.keys(JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8'))).sort();
    const committed = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'))).sort();
    fs.rmSync(out, { recursive: true, force: true });
    assert.ok(fresh.length > 300, `the export finds the strings (${fresh.length})`);
    // The vscode-free modules' strings (src/utils/l10n.ts) are exported too, not only vscode.l10n.t's.
    assert.ok(fresh.includes('Must match the schema.') && fresh.includes('Terminate running tasks; they complete with a failureInfo and never run again.'));
    assert.deepEqual(committed, fresh);
  });
});
