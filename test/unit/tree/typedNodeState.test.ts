import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NODE_STATES } from '../../../src/tree/nodeState';
import { readableNodeState } from '../../../src/tree/rowText';
import { typedNodeState } from '../../../src/tree/typedNodeState';
import { setTranslator, type Translate } from '../../../src/utils/l10n';

const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => String(args[Number(i)] ?? whole));

/** The translator the extension plugs in, from a real bundle of the repository (as `vscode.l10n.t` would read it). */
function bundle(language: string): Translate {
  const file = path.join(path.resolve(__dirname, '..', '..', '..', '..'), 'l10n', `bundle.l10n.${language}.json`);
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return (message, ...args) => english(messages[message] ?? message, ...args);
}

describe('the state typed into a node picker', () => {
  afterEach(() => setTranslator(english));

  it('names a state by its words or its REST value, in any case and spacing', () => {
    assert.equal(typedNodeState('start task failed'), 'starttaskfailed');
    assert.equal(typedNodeState('starttaskfailed'), 'starttaskfailed');
    assert.equal(typedNodeState('Running'), 'running');
    assert.equal(typedNodeState('  RUNNING '), 'running');
    assert.equal(typedNodeState('Start  Task   Failed'), 'starttaskfailed');
    assert.equal(typedNodeState('waiting for start task'), 'waitingforstarttask');
    assert.equal(typedNodeState('upgrading os'), 'upgradingos');
    assert.equal(typedNodeState('leavingpool'), 'leavingpool');
    for (const state of NODE_STATES) {
      assert.equal(typedNodeState(state), state, `the REST value ${state}`);
      assert.equal(typedNodeState(readableNodeState(state).toUpperCase()), state, `the words of ${state}`);
    }
  });

  it('names no state for ids, IPs, part of a state or an empty text', () => {
    assert.equal(typedNodeState(''), undefined);
    assert.equal(typedNodeState('   '), undefined);
    assert.equal(typedNodeState('run'), undefined);
    assert.equal(typedNodeState('start task'), undefined);
    assert.equal(typedNodeState('tvm-1234567890_1-20260101t000000z'), undefined);
    assert.equal(typedNodeState('10.0.0.4'), undefined);
    assert.equal(typedNodeState('start-task-failed'), undefined);
  });

  it('keeps to the states a picker lists when it is given them', () => {
    assert.equal(typedNodeState('running', 'en', ['idle', 'running']), 'running');
    assert.equal(typedNodeState('start task failed', 'en', ['idle', 'running']), undefined);
    assert.equal(typedNodeState('starttaskfailed', 'en', []), 'starttaskfailed');
  });

  it('reads the display language’s words (zh-cn, ru) and still the REST values', () => {
    setTranslator(bundle('zh-cn'));
    assert.equal(typedNodeState(readableNodeState('starttaskfailed'), 'zh-cn'), 'starttaskfailed');
    assert.notEqual(readableNodeState('running'), 'running', 'the zh-cn bundle words the state');
    assert.equal(typedNodeState(readableNodeState('running'), 'zh-cn'), 'running');
    assert.equal(typedNodeState('Running', 'zh-cn'), 'running');
    setTranslator(bundle('ru'));
    assert.equal(typedNodeState(readableNodeState('running').toUpperCase(), 'ru'), 'running');
    assert.equal(typedNodeState(readableNodeState('starttaskfailed'), 'ru'), 'starttaskfailed');
    assert.equal(typedNodeState('starttaskfailed', 'ru'), 'starttaskfailed');
  });
});
