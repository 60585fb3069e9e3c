import * as assert from 'node:assert/strict';
import type { BatchNodeCounts, BatchPoolNodeCounts } from '../../src/azure/batch/batchModels.generated';
import { NODE_STATES } from '../../src/tree/nodeState';
import {
  failingCount, filterText, formatCount, loadMoreLabel, nodeDescription, nodeTotal, poolAccessibleLabel, poolDescription,
  poolTooltipMarkdown, readableNodeState, stateGroupLabel, statePickItems,
} from '../../src/tree/rowText';
import { compactCount } from '../../src/tree/compactCount';

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

  it('writes the pool row short, only what departs from normal: "3 · 1 failing", "200 · 50 spot", "5/7 · resizing"', () => {
    const small = { id: 'p', state: 'active' as const, allocationState: 'steady' as const, currentDedicatedNodes: 3, targetDedicatedNodes: 3 };
    const oneFailing: BatchPoolNodeCounts = { poolId: 'p', dedicated: counts({ idle: 1, running: 1, startTaskFailed: 1 }) };
    // Dedicated current = target: one number; steady is left out; "N failing" only when N > 0.
    assert.equal(poolDescription(small, oneFailing), '3 · 1 failing');
    assert.equal(poolDescription(small, { poolId: 'p', dedicated: counts({ idle: 3 }) }), '3');
    assert.equal(poolDescription(small), '3', 'counts not read yet: nothing about failing');
    // Spot when the pool has or wants spot nodes: "{n} spot", or current/target while they differ.
    const render = { ...small, currentDedicatedNodes: 200, targetDedicatedNodes: 200, currentLowPriorityNodes: 50, targetLowPriorityNodes: 50 };
    assert.equal(poolDescription(render), '200 · 50 spot');
    assert.equal(poolDescription({ ...render, currentLowPriorityNodes: 0 }), '200 · 0/50 spot');
    assert.equal(poolDescription({ ...render, targetLowPriorityNodes: 0 }), '200 · 50/0 spot', 'spot nodes still there, none wanted');
    // Dedicated current ≠ target (a resize in progress or stuck), and every allocation state but steady, in words.
    assert.equal(poolDescription({ ...small, allocationState: 'resizing', currentDedicatedNodes: 5, targetDedicatedNodes: 7 }), '5/7 · resizing');
    assert.equal(poolDescription({ ...small, allocationState: 'stopping', currentDedicatedNodes: 5, targetDedicatedNodes: 7 }), '5/7 · stopping resize');
    assert.equal(poolDescription({ ...small, currentDedicatedNodes: 2 }, oneFailing), '2/3 · 1 failing', 'steady but short of its target');
    assert.equal(poolDescription({ ...small, state: 'deleting' }), '3 · deleting');
    assert.equal(poolDescription({ ...small, allocationState: 'hibernating' as never }), '3 · hibernating', 'a state this version does not know, as sent');
    // A spot-only pool: dedicated 0 = 0 is left out.
    const spotOnly = { ...small, currentDedicatedNodes: 0, targetDedicatedNodes: 0, currentLowPriorityNodes: 20, targetLowPriorityNodes: 20 };
    assert.equal(poolDescription(spotOnly), '20 spot');
    assert.equal(poolDescription({ ...spotOnly, currentLowPriorityNodes: 0, allocationState: 'resizing' }), '0/20 spot · resizing');
    assert.equal(poolDescription({ ...spotOnly, targetDedicatedNodes: 2, allocationState: 'resizing' }), '0/2 · 20 spot · resizing', 'dedicated wanted: shown');
    // No nodes and none wanted, of either kind.
    const empty = { ...small, currentDedicatedNodes: 0, targetDedicatedNodes: 0 };
    assert.equal(poolDescription(empty, { poolId: 'e', dedicated: counts({}), lowPriority: counts({}) }), 'no nodes');
    assert.equal(poolDescription({ id: 'empty' }), 'no nodes');
    assert.equal(poolDescription({ ...empty, state: 'deleting' }), 'no nodes · deleting');
    assert.equal(poolDescription({ ...empty, currentDedicatedNodes: 2, allocationState: 'resizing' }), '2/0 · resizing', 'shrinking to nothing');
  });

  it('writes the pool row\'s counts compact when exact and shorter: "7K · 3K spot · 308 failing" in en, "1万" in zh-cn', () => {
    assert.equal(poolDescription(HPC_POOL, HPC), '7K · 3K spot · 308 failing');
    assert.equal(poolDescription(HPC_POOL, HPC, 'en'), '7K · 3K spot · 308 failing');
    assert.equal(poolDescription({ ...HPC_POOL, currentDedicatedNodes: 7012, targetDedicatedNodes: 7012, currentLowPriorityNodes: 2500, targetLowPriorityNodes: 3000, allocationState: 'resizing' }, HPC),
      '7012 · 2500/3K spot · resizing · 308 failing');
    // ru: "7 тыс." is longer than "7000"; zh-cn: thousands are not compact, ten thousands are (万).
    assert.equal(poolDescription(HPC_POOL, HPC, 'ru'), '7000 · 3000 spot · 308 failing');
    assert.equal(poolDescription({ ...HPC_POOL, currentLowPriorityNodes: 10_000, targetLowPriorityNodes: 10_000 }, undefined, 'zh-cn'), '7000 · 1万 spot');
    assert.equal(poolDescription({ ...HPC_POOL, currentDedicatedNodes: 10_000, targetDedicatedNodes: 20_000, allocationState: 'resizing' }, undefined, 'en'), '10K/20K · 3K spot · resizing');
  });

  it('compacts a count only when the locale\'s compact form shows it exactly and is shorter than the digits', () => {
    for (const [n, want] of [[0, '0'], [999, '999'], [1000, '1K'], [7000, '7K'], [7012, '7012'], [7500, '7500'], [10_000, '10K'], [12_000, '12K'], [999_999, '999999'],
      [1_000_000, '1M'], [1_500_000, '1500000'], [2_000_000_000, '2B'], [1.5, '1.5'], [-7000, '-7K'], [2 ** 53, '9007199254740992']] as const) {
      assert.equal(compactCount(n, 'en'), want, `en ${n}`);
    }
    for (const [n, want] of [[7000, '7000'], [10_000, '10000'], [1_000_000, '1\u00a0млн'], [1_500_000, '1500000']] as const) {
      assert.equal(compactCount(n, 'ru'), want, `ru ${n}`);
    }
    for (const [n, want] of [[7000, '7000'], [10_000, '1万'], [15_000, '15000'], [300_000, '30万'], [1_500_000, '150万'], [12_345_678, '12345678']] as const) {
      assert.equal(compactCount(n, 'zh-cn'), want, `zh-cn ${n}`);
    }
    assert.equal(compactCount(10_000, 'de'), '10000', 'de "10.000" is not shorter');
    assert.equal(compactCount(7000, 'not a locale!'), '7K', 'a tag Intl refuses: English');
    // Parsed back, every compact English count is the count itself: the whole thousands and millions, and their
    // neighbours (where a rounded "7K" would slip in), from 1,000 to 300,000 and from 1,000,000 to 30,000,000.
    const unit: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9 };
    let compacted = 0;
    for (const step of [1000, 1_000_000]) {
      for (let k = 1; k <= (step === 1000 ? 300 : 30); k++) {
        for (const n of [k * step - 1, k * step, k * step + 1, k * step + step / 2]) {
          const text = compactCount(n, 'en');
          if (text !== String(n)) {
            const m = /^(\d+)([KMB])$/.exec(text);
            assert.ok(m && Number(m[1]) * unit[m[2]!]! === n, `${n} → "${text}"`);
            compacted++;
          }
        }
      }
    }
    assert.equal(compacted, 330, 'the 300 whole thousands and 30 whole millions, and nothing else');
  });

  it('gives the pool row a complete screen-reader label in words: "Pool linux-small, 3 of 3 dedicated nodes, steady, 1 failing"', () => {
    const small = { id: 'linux-small', state: 'active' as const, allocationState: 'steady' as const, currentDedicatedNodes: 3, targetDedicatedNodes: 3 };
    const oneFailing: BatchPoolNodeCounts = { poolId: 'p', dedicated: counts({ idle: 1, running: 1, startTaskFailed: 1 }) };
    assert.equal(poolAccessibleLabel(small, oneFailing), 'Pool linux-small, 3 of 3 dedicated nodes, steady, 1 failing');
    assert.equal(poolAccessibleLabel({ ...small, currentDedicatedNodes: 0, targetDedicatedNodes: 1, allocationState: 'resizing' }), 'Pool linux-small, 0 of 1 dedicated node, resizing');
    assert.equal(poolAccessibleLabel(HPC_POOL, HPC), 'Pool hpc-10k, 7,000 of 7,000 dedicated nodes, 3,000 of 3,000 spot nodes, steady, 308 failing');
    assert.equal(poolAccessibleLabel(HPC_POOL, HPC, 'ru'), 'Pool hpc-10k, 7\u00a0000 of 7\u00a0000 dedicated nodes, 3\u00a0000 of 3\u00a0000 spot nodes, steady, 308 failing');
    assert.equal(poolAccessibleLabel({ ...small, currentDedicatedNodes: 0, targetDedicatedNodes: 0, currentLowPriorityNodes: 1, targetLowPriorityNodes: 1 }),
      'Pool linux-small, 0 of 0 dedicated nodes, 1 of 1 spot node, steady');
    assert.equal(poolAccessibleLabel({ id: 'gpu-empty', allocationState: 'steady' }, { poolId: 'gpu-empty', dedicated: counts({}) }), 'Pool gpu-empty, no nodes, steady');
    assert.equal(poolAccessibleLabel({ ...small, state: 'deleting' }), 'Pool linux-small, 3 of 3 dedicated nodes, deleting');
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
