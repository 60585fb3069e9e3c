/**
 * Fault matrix, column "disable scheduling" at client level: POST …/pools/linux-small/nodes/{idle node}/disablescheduling
 * (200, no body) under every fault. Sees = the receipt or the typed error (and the notification text for refusals);
 * kept = whether the emulator accepted the action (the node's last action, scheduling disabled); received = the
 * emulator's request records. Cells: helpers/postActionCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { dropNode, idleNodeId, POOL, prodNode } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): disable scheduling', function () {
  this.timeout(20_000);
  let nodeId = '';
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    nodeId = idleNodeId(f);
  });

  postActionCells({
    column: 'disableScheduling',
    route: `/pools/${POOL}/nodes/[^/]+/disablescheduling$`,
    operation: /^Disable scheduling on node \S+ of pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.nodes.disableNodeScheduling(POOL, nodeId, 'taskcompletion', { abortSignal: signal }),
    acceptedStatus: 200,
    applied: () => {
      const node = prodNode(f, nodeId);
      return node?.lastAction?.action === 'disablescheduling' && node.schedulingState === 'disabled';
    },
    remove: () => dropNode(f, nodeId),
    conflict: {
      arrange: () => {
        prodNode(f, nodeId)!.schedulingState = 'disabled';
      },
      code: 'NodeAlreadyInTargetSchedulingState',
    },
    explain: { action: 'disableScheduling', conflict: /^Scheduling is already disabled on this node\. Refresh the tree/ },
    sentRequest: (assert: Asserts, sent) => {
      assert.deepEqual(JSON.parse(sent.body), { nodeDisableSchedulingOption: 'taskcompletion' });
    },
    why412: 'disabling scheduling takes no condition: the service defines no If-Match for it, so nothing can answer 412',
    notFoundCode: 'NodeNotFound',
  });
});
