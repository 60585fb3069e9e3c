import * as assert from 'node:assert/strict';
import type { BatchNodeCounts, BatchPoolNodeCounts } from '../../src/azure/batch/batchModels.generated';
import { NODE_STATES } from '../../src/tree/nodeState';
import {
  failingCount, filterText, formatCount, loadMoreLabel, nodeDescription, nodeTotal, poolDescription, poolTooltipMarkdown,
  readableNodeState, stateGroupLabel, statePickItems,
} from '../../src/tree/rowText';

function counts(partial: Partial<BatchNodeCounts>): BatchNodeCounts {
  const zero: BatchNodeCounts = {
    creating: 0, idle: 0, offline: 0, preempted: 0, rebooting: 0, reimaging: 0, running: 0, starting: 0, startTaskFailed: 0,
    leavingPool: 0, unknown: 0, unusable: 0, waitingForStartTask: 0, deallocated: 0, deallocating: 0, total: 0, upgradingOS: 0,
  };
  const c = { ...zero, ...partial };
  c.total = Object.entries(c).filter(([k]) => k !== 'total').reduce((s, [, v]) => s + v, 0);
  return c;
}

const HPC: BatchPoolNodeCounts = {
  poolId: 'hpc-10k',
  dedicated: counts({ idle: 6400, running: 300, startTaskFailed: 250, unusable: 50 }),
  lowPriority: counts({ idle: 2900, preempted: 92, startTaskFailed: 8 }),
};
const HPC_POOL = {
  id: 'hpc-10k', displayName: 'HPC simulation (10k nodes)', vmSize: 'standard_hb120rs_v3', state: 'active' as const, allocationState: 'steady' as const,
  currentDedicatedNodes: 7000, targetDedicatedNodes: 7000, currentLowPriorityNodes: 3000, targetLowPriorityNodes: 3000,
};

describe('tree row text', () => {
  it('says every node state of the spec in words, and passes an unknown future state through', () => {
    assert.equal(readableNodeState('starttaskfailed'), 'start task failed');
    assert.equal(readableNodeState('leavingpool'), 'leaving pool');
    assert.equal(readableNodeState('waitingforstarttask'), 'waiting for start task');
    assert.equal(readableNodeState('upgradingos'), 'upgrading OS');
    assert.equal(readableNodeState(undefined), 'unknown');
    assert.equal(readableNodeState('hibernating'), 'hibernating');
    const words = NODE_STATES.map(readableNodeState);
    assert.equal(new Set(words).size, NODE_STATES.length, 'one distinct wording per state');
    assert.equal(NODE_STATES.length, 16, 'the 16 BatchNodeState values of 2025-06-01.21.0');
  });

  it('writes the pool row short: "7/7 · 3/3 spot · steady · 1 failing"', () => {
    const small = { id: 'p', state: 'active' as const, allocationState: 'steady' as const, currentDedicatedNodes: 7, targetDedicatedNodes: 7, currentLowPriorityNodes: 3, targetLowPriorityNodes: 3 };
    const oneFailing: BatchPoolNodeCounts = { poolId: 'p', dedicated: counts({ idle: 6, unusable: 1 }), lowPriority: counts({ running: 3 }) };
    assert.equal(poolDescription(small, oneFailing), '7/7 · 3/3 spot · steady · 1 failing');
    assert.equal(poolDescription(HPC_POOL, HPC), '7000/7000 · 3000/3000 spot · steady · 308 failing');
    // No spot, nothing failing, counts not loaded yet, resizing, deleting.
    assert.equal(poolDescription({ ...small, currentLowPriorityNodes: 0, targetLowPriorityNodes: 0 }, { poolId: 'p', dedicated: counts({ idle: 7 }) }), '7/7 · steady');
    assert.equal(poolDescription({ ...small, allocationState: 'resizing', currentDedicatedNodes: 2 }), '2/7 · 3/3 spot · resizing');
    assert.equal(poolDescription({ ...small, state: 'deleting' }), '7/7 · 3/3 spot · deleting');
    assert.equal(poolDescription({ id: 'empty' }), '0/0');
    assert.ok(poolDescription(HPC_POOL, HPC).length <= 50, 'fits beside the pool name in a 300 px side bar');
  });

  it('puts the full breakdown in the pool tooltip: sizes, VM size, allocation, nodes by state dedicated/spot, failing', () => {
    const tip = poolTooltipMarkdown(HPC_POOL, HPC);
    assert.match(tip, /^\*\*hpc\\-10k\*\* \(HPC simulation \\\(10k nodes\\\)\)\n/);
    assert.match(tip, /\| Dedicated \| 7,000 \| 7,000 \|/);
    assert.match(tip, /\| Spot \| 3,000 \| 3,000 \|/);
    assert.match(tip, /VM size: standard\\_hb120rs\\_v3 · Allocation: steady/);
    assert.match(tip, /\| idle \| 6,400 \| 2,900 \|\n\| running \| 300 \| 0 \|\n\| \*\*start task failed\*\* \| 250 \| 8 \|\n\| \*\*unusable\*\* \| 50 \| 0 \|\n\| preempted \| 0 \| 92 \|\n\| Total \| 7,000 \| 3,000 \|/);
    assert.match(tip, /\n\n308 failing: unusable or start task failed\\\. Their errors are in each node’s tooltip\\\.$/);
    assert.match(poolTooltipMarkdown(HPC_POOL, HPC, 'de'), /\| Dedicated \| 7\.000 \| 7\.000 \|/);
    const noCounts = poolTooltipMarkdown({ ...HPC_POOL, enableAutoScale: true });
    assert.doesNotMatch(noCounts, /\| Nodes \|/);
    assert.match(noCounts, /auto\\-scale on/);
    assert.match(poolTooltipMarkdown({ id: 'gpu-empty' }, { poolId: 'gpu-empty', dedicated: counts({}), lowPriority: counts({}) }), /\| Spot \| 0 \| 0 \|\n\nNo nodes\\\.$/);
  });

  it('writes the node row as state · dedicated/spot · IP, with the VM size only when it differs from the pool’s', () => {
    const node = { state: 'starttaskfailed' as const, isDedicated: false, ipAddress: '10.4.0.17', vmSize: 'standard_hb120rs_v3' };
    assert.equal(nodeDescription(node, 'Standard_HB120rs_v3'), 'start task failed · spot · 10.4.0.17');
    assert.equal(nodeDescription({ ...node, state: 'leavingpool', isDedicated: true }, 'standard_d2s_v3'), 'leaving pool · dedicated · 10.4.0.17 · standard_hb120rs_v3');
    assert.equal(nodeDescription({ state: 'idle' }, undefined), 'idle');
    assert.equal(nodeDescription(node, node.vmSize, 'Reimaging…'), 'Reimaging… · spot · 10.4.0.17');
  });

  it('says "Load more… (1,000 of 10,000)" with the locale’s digits grouping when the total is known', () => {
    assert.equal(loadMoreLabel(1000, 10_000), 'Load more… (1,000 of 10,000)');
    assert.equal(loadMoreLabel(1000, 10_000, 'de'), 'Load more… (1.000 of 10.000)');
    assert.equal(loadMoreLabel(1000, 10_000, 'ru'), 'Load more… (1\u00a0000 of 10\u00a0000)');
    assert.equal(loadMoreLabel(1000, undefined), 'Load more… (1,000 loaded)');
    assert.equal(loadMoreLabel(2000, 1500), 'Load more… (2,000 loaded)', 'stale counts never say "2,000 of 1,500"');
    assert.equal(formatCount(12345, 'not a locale!'), '12,345');
    assert.equal(formatCount(12345, 'zh-cn'), '12,345');
  });

  it('totals nodes, the nodes of a filter and the failing ones from the node counts', () => {
    assert.equal(nodeTotal(HPC), 10_000);
    assert.equal(nodeTotal(HPC, ['starttaskfailed', 'unusable']), 308);
    assert.equal(nodeTotal(HPC, ['idle']), 9300);
    assert.equal(failingCount(HPC), 308);
    assert.equal(nodeTotal(undefined), undefined);
    assert.equal(failingCount(undefined), undefined);
  });

  it('lists the filter picker’s states in words with their counts, and labels state groups "Start task failed (308)"', () => {
    const items = statePickItems(HPC);
    assert.equal(items.length, 16);
    assert.deepEqual(items.find((i) => i.state === 'starttaskfailed'), { state: 'starttaskfailed', label: 'start task failed', description: '258 nodes' });
    assert.equal(items.find((i) => i.state === 'idle')!.description, '9,300 nodes');
    assert.equal(items.find((i) => i.state === 'creating')!.description, '0 nodes');
    const one: BatchPoolNodeCounts = { poolId: 'p', dedicated: counts({ unusable: 1 }) };
    assert.equal(statePickItems(one).find((i) => i.state === 'unusable')!.description, '1 node');
    assert.equal(statePickItems(undefined)[0]!.description, undefined, 'no counts: no numbers');
    assert.equal(stateGroupLabel('starttaskfailed', 308), 'Start task failed (308)');
    assert.equal(stateGroupLabel('idle', 9300, 'ru'), 'Idle (9\u00a0300)');
    assert.equal(filterText(['idle', 'leavingpool']), 'idle, leaving pool');
  });
});
