/** Node action rules: the contextValue tokens per state, the reasons, the remedies, and that the emulator agrees. */
import * as assert from 'node:assert/strict';
import { NODE_STATES } from '../../../src/tree/nodeState';
import {
  followLabel,
  isActionSettled,
  isNodeActionAllowed,
  nodeActionTokens,
  nodeFacts,
  poolActionTokens,
  remediesFor,
  remedyHint,
  whyNotAllowed,
  type NodeAction,
} from '../../../src/nodeActions/nodeActionRules';
import { useEmulator } from '../emulator/fixture';
import { JSON_BATCH, V } from '../emulator/batchTestParts';
import type { NodeState } from '../../emulator/state';

describe('node actions: rules', () => {
  it('gives each state the tokens of the actions the service allows', () => {
    const tokens = (state: string, schedulingState = 'enabled', hasStartTask = true) => nodeActionTokens({ state, schedulingState, hasStartTask });
    assert.deepEqual(tokens('idle'), ['rebootable', 'removable', 'schedulingEnabled', 'deallocatable', 'remoteLogin', 'addUser', 'hasFiles', 'hasStartTaskOutput', 'uploadLogs']);
    assert.deepEqual(tokens('starttaskfailed'), ['rebootable', 'removable', 'schedulingEnabled', 'remoteLogin', 'addUser', 'hasFiles', 'hasStartTaskOutput', 'uploadLogs']);
    assert.deepEqual(tokens('unusable'), ['removable', 'remoteLogin', 'hasFiles', 'hasStartTaskOutput', 'uploadLogs']);
    assert.deepEqual(tokens('offline', 'disabled'), ['removable', 'schedulingDisabled', 'remoteLogin', 'addUser', 'hasFiles', 'hasStartTaskOutput', 'uploadLogs']);
    assert.deepEqual(tokens('deallocated'), ['removable', 'startable']);
    assert.deepEqual(tokens('rebooting'), ['removable']);
    assert.deepEqual(tokens('leavingpool'), ['hasFiles', 'hasStartTaskOutput', 'uploadLogs']);
    assert.deepEqual(tokens('idle', 'enabled', false).filter((t) => t.startsWith('has')), ['hasFiles'], 'no start task, no start task output');
  });

  it('keeps only the read-only tokens while the tree follows the node', () => {
    assert.deepEqual(nodeActionTokens({ state: 'idle', schedulingState: 'enabled', hasStartTask: true }, { transient: true }), ['hasFiles', 'hasStartTaskOutput']);
  });

  it('reads the facts from a BatchNode', () => {
    assert.deepEqual(nodeFacts({ id: 'n1', state: 'idle', schedulingState: 'enabled', startTaskInfo: { state: 'completed' } }), { id: 'n1', state: 'idle', schedulingState: 'enabled', hasStartTask: true });
    assert.equal(nodeFacts({ id: 'n1', state: 'idle' }).hasStartTask, false);
  });

  it('gives pool tokens for resize, stop resize and remove nodes', () => {
    assert.deepEqual(poolActionTokens({ allocationState: 'steady' }), ['resizable', 'nodesRemovable']);
    assert.deepEqual(poolActionTokens({ allocationState: 'steady', enableAutoScale: true }), ['nodesRemovable']);
    assert.deepEqual(poolActionTokens({ allocationState: 'resizing' }), ['resizing']);
    assert.deepEqual(poolActionTokens({ allocationState: 'stopping' }), []);
  });

  it('never leaves a start-task-failed or unusable node with nothing to do', () => {
    assert.deepEqual(remediesFor({ state: 'starttaskfailed', hasStartTask: true }), ['openStartTaskOutput', 'reboot', 'remove']);
    assert.deepEqual(remediesFor({ state: 'unusable', hasStartTask: true }), ['openStartTaskOutput', 'remove']);
    assert.deepEqual(remediesFor({ state: 'unusable', hasStartTask: false }), ['remove']);
    assert.deepEqual(remediesFor({ state: 'idle' }), []);
    for (const state of ['starttaskfailed', 'unusable']) {
      for (const action of remediesFor({ state, hasStartTask: true })) {
        assert.ok(isNodeActionAllowed(action, { state, hasStartTask: true }), `${action} on ${state}`);
      }
    }
    assert.match(remedyHint({ state: 'starttaskfailed' })!, /Open Start Task Output.*Reboot….*Remove from Pool…/);
    assert.equal(remedyHint({ state: 'idle' }), undefined);
  });

  it('tells the follower when an action has run its course', () => {
    assert.equal(isActionSettled('reboot', 'running'), false, 'tasks still finishing before the reboot');
    assert.equal(isActionSettled('reboot', 'rebooting'), false);
    assert.equal(isActionSettled('reboot', 'idle'), true);
    assert.equal(isActionSettled('reboot', 'starttaskfailed'), true);
    assert.equal(isActionSettled('deallocate', 'deallocated'), true);
    assert.equal(isActionSettled('disableScheduling', 'running'), false);
    assert.equal(isActionSettled('remove', 'leavingpool'), false);
    assert.equal(followLabel('reboot'), 'Rebooting…');
  });

  it('says why an action is not allowed, naming the node and its state', () => {
    assert.equal(whyNotAllowed('reboot', { id: 'n1', state: 'idle' }), undefined);
    assert.match(whyNotAllowed('reboot', { id: 'n1', state: 'unusable' })!, /n1 is unusable: the service reboots a node only while it is idle or running/);
    assert.match(whyNotAllowed('disableScheduling', { id: 'n1', state: 'offline', schedulingState: 'disabled' })!, /already disabled/);
    assert.match(whyNotAllowed('start', { id: 'n1', state: 'idle' })!, /only a deallocated node/);
    assert.match(whyNotAllowed('openStartTaskOutput', { id: 'n1', state: 'idle', hasStartTask: false })!, /no start task/);
  });
});

describe('node actions: the emulator (modelling the service) agrees with the rules', function () {
  this.timeout(30_000);
  const f = useEmulator({ data: 'small', nodeTransitionMs: 5_000 });

  const cases: [NodeAction, string, unknown][] = [
    ['reboot', 'reboot', { nodeRebootOption: 'requeue' }],
    ['deallocate', 'deallocate', {}],
    ['start', 'start', undefined],
    ['disableScheduling', 'disablescheduling', {}],
    ['addUser', 'users', { name: 'ops', password: 'Pa55-word!' }],
  ];

  it('accepts each action in exactly the states where the rules allow it', async () => {
    const prod = f.url('contosoprod');
    const pool = f.emulator.state.accounts.get('contosoprod')!.pools.get('linux-small')!;
    const node = pool.nodes[0]!;
    const mismatches: string[] = [];
    for (const state of NODE_STATES) {
      for (const [action, path, body] of cases) {
        f.emulator.reset();
        const fresh = f.emulator.state.accounts.get('contosoprod')!.pools.get('linux-small')!.nodeById.get(node.id)!;
        f.emulator.setNodeState('contosoprod', 'linux-small', node.id, state as NodeState);
        const facts = nodeFacts({ id: node.id, state: fresh.state, schedulingState: fresh.schedulingState, startTask: {} });
        const res = await f.http.send('POST', `${prod}/pools/linux-small/nodes/${node.id}/${path}?${V}`, {
          headers: { ...f.auth, ...JSON_BATCH },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const accepted = res.status >= 200 && res.status < 300;
        if (accepted !== isNodeActionAllowed(action, facts)) { mismatches.push(`${action} on ${state}: service ${res.status}, rules ${!accepted}`); }
      }
      const files = await f.http.send('GET', `${prod}/pools/linux-small/nodes/${node.id}/files?${V}`, { headers: f.auth });
      const facts = nodeFacts({ id: node.id, state, startTask: {} });
      if ((files.status === 200) !== isNodeActionAllowed('browseFiles', facts)) { mismatches.push(`files on ${state}: service ${files.status}`); }
    }
    assert.deepEqual(mismatches, []);
  });
});
