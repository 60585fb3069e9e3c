import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REIMAGE_OPTIONS, reimageOptionEffect } from '../../src/reimage/reimageOptions';
import { SAFE_PROPERTIES } from '../../src/telemetry/commandEvent';
import { repoRoot } from '../harness/paths';

describe('reimage options: declared once', () => {
  it('the setting azureBatch.reimage.defaultOption offers exactly REIMAGE_OPTIONS, each described', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['azureBatch.reimage.defaultOption'];
    assert.deepEqual(setting.enum, [...REIMAGE_OPTIONS]);
    assert.equal(setting.markdownEnumDescriptions.length, REIMAGE_OPTIONS.length);
    assert.ok(REIMAGE_OPTIONS.includes(setting.default));
  });

  it('telemetry records the same values, and every option has its effect text', () => {
    assert.equal(SAFE_PROPERTIES.reimageOption, REIMAGE_OPTIONS);
    for (const option of REIMAGE_OPTIONS) {
      assert.ok(reimageOptionEffect(option).length > 20, option);
    }
  });
});
