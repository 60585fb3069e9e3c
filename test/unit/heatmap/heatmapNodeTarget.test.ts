import * as assert from 'node:assert/strict';
import { isHeatmapNodeTarget } from '../../../src/heatmap/heatmapProtocol';

const target = { webviewSection: 'heatmapNode', preventDefaultContextMenuItems: true, accountKey: '/subscriptions/s/.../contosohpc', poolId: 'hpc-10k', nodeIds: ['tvm-1', 'tvm-2'], nodeCount: 2 };

describe('the heatmap context-menu argument of the node commands', () => {
  it('is recognised with its account, pool and nodes', () => {
    assert.equal(isHeatmapNodeTarget(target), true);
  });

  it('is not: a tree row, the grid outside a cell, no account, an empty or non-string node id, nothing', () => {
    for (const value of [
      { id: 'row', parent: {} },
      { ...target, webviewSection: 'heatmap' },
      { ...target, accountKey: undefined },
      { ...target, accountKey: '' },
      { ...target, poolId: '' },
      { ...target, nodeIds: ['tvm-1', ''] },
      { ...target, nodeIds: [1] },
      { ...target, nodeIds: 'tvm-1' },
      undefined,
      null,
      'heatmapNode',
    ]) {
      assert.equal(isHeatmapNodeTarget(value), false, JSON.stringify(value));
    }
  });
});
