/**
 * Fault matrix, column "reboot" at client level: POST …/pools/linux-small/nodes/{idle node}/reboot (202, no body)
 * under every fault. Sees = the receipt or the typed error; kept = whether the node is rebooting (the emulator holds
 * it there: one minute per transition); received = the emulator's request records. Cells: helpers/postActionCells.
 */
import { faultMatrix } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { dropNode, idleNodeId, POOL } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): reboot', function () {
  this.timeout(20_000);
  let nodeId = '';
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    nodeId = idleNodeId(f);
  });

  postActionCells({
    column: 'reboot',
    route: `/pools/${POOL}/nodes/[^/]+/reboot$`,
    operation: /^Reboot node \S+ of pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.nodes.rebootNode(POOL, nodeId, 'requeue', { abortSignal: signal }),
    applied: () => f.emulator.getNode('contosoprod', POOL, nodeId)?.state === 'rebooting',
    remove: () => dropNode(f, nodeId),
    why412: 'a reboot takes no condition: the service defines no If-Match for it, so nothing can answer 412',
    notFoundCode: 'NodeNotFound',
  });
});
