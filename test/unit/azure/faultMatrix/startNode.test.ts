/**
 * Fault matrix, column "start node" at client level: POST …/pools/linux-small/nodes/{deallocated node}/start (202, no
 * body) under every fault. Sees = the receipt or the typed error (and the notification text for refusals); kept =
 * whether the emulator accepted it (the node's last action, starting; held there one minute per transition);
 * received = the request records. Cells: helpers/postActionCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { ACCOUNT, dropNode, idleNodeId, POOL, prodNode } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): start node', function () {
  this.timeout(20_000);
  let nodeId = '';
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    nodeId = idleNodeId(f);
    f.emulator.setNodeState(ACCOUNT, POOL, nodeId, 'deallocated');
  });

  postActionCells({
    column: 'startNode',
    route: `/pools/${POOL}/nodes/[^/]+/start$`,
    operation: /^Start node \S+ of pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.nodes.startNode(POOL, nodeId, { abortSignal: signal }),
    applied: () => {
      const node = prodNode(f, nodeId);
      return node?.lastAction?.action === 'start' && node.state === 'starting';
    },
    remove: () => dropNode(f, nodeId),
    conflict: {
      arrange: () => void f.emulator.setNodeState(ACCOUNT, POOL, nodeId, 'idle'),
      code: 'OperationNotValidOnNode',
    },
    explain: { action: 'start', conflict: /^The node is idle\. Only a deallocated node can be started\./ },
    sentRequest: (assert: Asserts, sent) => {
      assert.equal(sent.body, '', 'no body');
    },
    why412: 'starting a node takes no condition: the service defines no If-Match for it, so nothing can answer 412',
    notFoundCode: 'NodeNotFound',
  });
});
