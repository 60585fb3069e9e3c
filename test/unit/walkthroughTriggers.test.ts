import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkthroughTriggers } from '../../src/utils/walkthroughTriggers';
import { repoRoot } from '../harness/paths';

const ID = 'batch-operator.azure-batch-operator';
const step = (name: string) => `${ID}#getStarted#${name}`;

describe('walkthrough triggers (issue 16)', () => {
  it('maps every completion event of the manifest’s walkthrough the extension can observe to its step', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const triggers = walkthroughTriggers(ID, manifest);
    assert.deepEqual(Object.fromEntries(triggers.commands), {
      'azureBatch.signIn': [step('signIn')],
      'azureBatch.attachAccount': [step('signIn')],
      'azureBatch.chooseCloud': [step('chooseCloud')],
      'workbench.view.extension.azureBatch': [step('browse')],
      'azureBatch.reimage': [step('reimage')],
    });
    assert.deepEqual(Object.fromEntries(triggers.contexts), { 'azureBatch.signedIn': [step('signIn')] });
    assert.deepEqual(Object.fromEntries(triggers.views), { 'azureBatch.explorer': [step('browse')] });
  });

  it('skips context expressions, unknown kinds and malformed entries, and strips toSide:', () => {
    const triggers = walkthroughTriggers('p.x', {
      contributes: {
        walkthroughs: [
          { id: 'w', steps: [
            { id: 'a', completionEvents: ['onContext:a && b', 'onContext:ready', 'onLink:https://example.invalid', 'onCommand:toSide:x.run', 42] },
            { id: 'b', completionEvents: 'onCommand:x.run' },
            { completionEvents: ['onCommand:x.run'] },
          ] },
          { steps: [] },
          'nonsense',
        ],
      },
    });
    assert.deepEqual(Object.fromEntries(triggers.commands), { 'x.run': ['p.x#w#a'] });
    assert.deepEqual(Object.fromEntries(triggers.contexts), { ready: ['p.x#w#a'] });
    assert.equal(triggers.views.size, 0);
    assert.equal(walkthroughTriggers('p.x', undefined).commands.size, 0);
  });
});
