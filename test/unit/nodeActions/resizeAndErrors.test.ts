/** Resize… inputs and request, and the explanations of the service's refusals. */
import * as assert from 'node:assert/strict';
import { explainNodeActionError } from '../../../src/nodeActions/explainNodeActionError';
import { isResizing, planResize, resizeRefusal, resizeRequest, validateNodeCount } from '../../../src/nodeActions/resizeInput';

const steadyPool = { allocationState: 'steady', currentDedicatedNodes: 3, currentLowPriorityNodes: 2, targetDedicatedNodes: 3, targetLowPriorityNodes: 2 };

describe('node actions: resize input', () => {
  it('validates node counts: whole numbers from 0', () => {
    assert.equal(validateNodeCount('0'), undefined);
    assert.equal(validateNodeCount(' 12 '), undefined);
    for (const bad of ['', '-1', '1.5', 'ten', '1e3', '100001']) { assert.ok(validateNodeCount(bad), bad); }
  });

  it('needs one target to change and asks for the deallocation option only when shrinking', () => {
    const same = planResize(steadyPool, { dedicated: '3', spot: '2' });
    assert.equal(same.ok, false);
    assert.match((same as { message: string }).message, /already targets 3 dedicated and 2 Spot/);
    const bad = planResize(steadyPool, { dedicated: 'x', spot: '2' });
    assert.match((bad as { message: string }).message, /^Dedicated nodes: /);
    const grow = planResize(steadyPool, { dedicated: '5', spot: '2' });
    assert.deepEqual(grow, { ok: true, targets: { dedicated: 5, spot: 2 }, shrinking: false });
    assert.deepEqual(resizeRequest(grow as { targets: { dedicated: number; spot: number }; shrinking: boolean }, 'taskcompletion'), { targetDedicatedNodes: 5, targetLowPriorityNodes: 2 });
    const shrink = planResize(steadyPool, { dedicated: '5', spot: '0' });
    assert.deepEqual(shrink, { ok: true, targets: { dedicated: 5, spot: 0 }, shrinking: true });
    assert.deepEqual(resizeRequest(shrink as { targets: { dedicated: number; spot: number }; shrinking: boolean }, 'taskcompletion'), { targetDedicatedNodes: 5, targetLowPriorityNodes: 0, nodeDeallocationOption: 'taskcompletion' });
  });

  it('refuses while resizing or under autoscale, and knows a resizing or stopping pool from a steady one', () => {
    assert.equal(resizeRefusal(steadyPool), undefined);
    assert.match(resizeRefusal({ ...steadyPool, allocationState: 'resizing' })!, /resizing: a resize can start only once it is steady/);
    assert.match(resizeRefusal({ ...steadyPool, enableAutoScale: true })!, /autoscale/);
    const resizing = { allocationState: 'resizing', currentDedicatedNodes: 4, targetDedicatedNodes: 6, currentLowPriorityNodes: 0, targetLowPriorityNodes: 2 };
    assert.equal(isResizing(resizing), true);
    assert.equal(isResizing({ ...resizing, allocationState: 'stopping' }), true);
    assert.equal(isResizing(steadyPool), false);
  });
});

describe('node actions: explaining refusals', () => {
  const batchError = (code: string, status: number, values: Record<string, string> = {}) => ({
    code,
    status,
    serviceMessage: `${code} message.\nRequestId:abc\nTime:2025-03-10T08:00:00.0000000Z`,
    values: Object.entries(values).map(([key, value]) => ({ key, value })),
  });

  it('says what the refusal means and what to do, and keeps the service code, message and reason', () => {
    const notSteady = explainNodeActionError('remove', batchError('PoolBeingResized', 409, { AllocationState: 'resizing', Reason: 'Nodes can be removed only while steady.' }));
    assert.equal(
      notSteady,
      'The pool is resizing: nodes can be removed only while it is steady. Wait until the current resize ends (or stop it), then try again. Service: PoolBeingResized: PoolBeingResized message (Nodes can be removed only while steady).',
    );
    assert.match(explainNodeActionError('reboot', batchError('OperationNotValidOnNode', 409, { NodeState: 'offline' })), /^The node is offline\. The service reboots a node only while it is idle or running, or after its start task failed\./);
    assert.match(explainNodeActionError('reboot', batchError('NodeStateUnusable', 409)), /Remove it from the pool/);
    assert.match(explainNodeActionError('disableScheduling', batchError('NodeAlreadyInTargetSchedulingState', 409)), /already disabled/);
    assert.match(explainNodeActionError('addUser', batchError('NodeUserExists', 409, { UserName: 'ops' })), /A user named ops already exists/);
    assert.match(explainNodeActionError('stopResize', batchError('OperationInvalidForCurrentState', 409, { AllocationState: 'steady' })), /not resizing \(it is steady\)/);
    assert.match(explainNodeActionError('readFile', batchError('FileNotFound', 404)), /not on the node/);
    assert.match(explainNodeActionError('resize', batchError('ConditionNotMet', 412)), /changed by someone else/);
    assert.equal(explainNodeActionError('reboot', { code: 'Weird', status: 500, message: 'Reboot node n failed: Weird (HTTP 500).' }), 'Reboot node n failed: Weird (HTTP 500).');
  });
});
