/**
 * Fault matrix, column "deallocate node" at client level: POST …/pools/linux-small/nodes/{idle node}/deallocate (202,
 * no body) under every fault. Sees = the receipt or the typed error (and the notification text for refusals); kept =
 * whether the emulator accepted it (the node's last action; the emulator holds it there, one minute per transition);
 * received = the request records. Cells: helpers/postActionCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { ACCOUNT, dropNode, idleNodeId, POOL, prodNode } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): deallocate node', function () {
  this.timeout(20_000);
  let nodeId = '';
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    nodeId = idleNodeId(f);
  });

  postActionCells({
    column: 'deallocateNode',
    route: `/pools/${POOL}/nodes/[^/]+/deallocate$`,
    operation: /^Deallocate node \S+ of pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.nodes.deallocateNode(POOL, nodeId, 'retaineddata', { abortSignal: signal }),
    applied: () => {
      const node = prodNode(f, nodeId);
      return node?.lastAction?.action === 'deallocate' && node.state === 'deallocating';
    },
    remove: () => dropNode(f, nodeId),
    conflict: {
      arrange: () => void f.emulator.setNodeState(ACCOUNT, POOL, nodeId, 'rebooting'),
      code: 'NodeBeingRebooted',
    },
    explain: { action: 'deallocate', conflict: /^The node is busy \(rebooting\)\. Wait until it is idle or running/ },
    sentRequest: (assert: Asserts, sent) => {
      assert.deepEqual(JSON.parse(sent.body), { nodeDeallocateOption: 'retaineddata' });
    },
    why412: 'a deallocation takes no condition: the service defines no If-Match for it, so nothing can answer 412',
    notFoundCode: 'NodeNotFound',
  });
});
