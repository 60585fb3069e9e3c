/**
 * Fault matrix, column "enable scheduling" at client level: POST …/pools/linux-small/nodes/{node}/enablescheduling
 * (200, no body) on a node taken out of scheduling (offline, scheduling disabled) under every fault. Sees = the
 * receipt or the typed error (and the notification text for refusals); kept = whether the emulator accepted it (the
 * node's last action, scheduling enabled); received = the request records. Cells: helpers/postActionCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { ACCOUNT, dropNode, idleNodeId, POOL, prodNode } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): enable scheduling', function () {
  this.timeout(20_000);
  let nodeId = '';
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    nodeId = idleNodeId(f);
    f.emulator.setNodeState(ACCOUNT, POOL, nodeId, 'offline');
    prodNode(f, nodeId)!.schedulingState = 'disabled';
  });

  postActionCells({
    column: 'enableScheduling',
    route: `/pools/${POOL}/nodes/[^/]+/enablescheduling$`,
    operation: /^Enable scheduling on node \S+ of pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.nodes.enableNodeScheduling(POOL, nodeId, { abortSignal: signal }),
    acceptedStatus: 200,
    applied: () => {
      const node = prodNode(f, nodeId);
      return node?.lastAction?.action === 'enablescheduling' && node.schedulingState === 'enabled' && node.state === 'idle';
    },
    remove: () => dropNode(f, nodeId),
    conflict: {
      arrange: () => {
        prodNode(f, nodeId)!.schedulingState = 'enabled';
      },
      code: 'NodeAlreadyInTargetSchedulingState',
    },
    explain: { action: 'enableScheduling', conflict: /^Scheduling is already enabled on this node\. Refresh the tree/ },
    sentRequest: (assert: Asserts, sent) => {
      assert.equal(sent.body, '', 'no body');
      assert.equal(sent.headers['content-type'], undefined);
    },
    why412: 'enabling scheduling takes no condition: the service defines no If-Match for it, so nothing can answer 412',
    notFoundCode: 'NodeNotFound',
  });
});
