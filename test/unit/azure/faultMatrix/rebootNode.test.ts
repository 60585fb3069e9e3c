/**
 * Fault matrix, column "reboot" at client level: POST …/pools/linux-small/nodes/{idle node}/reboot (202, no body)
 * under every fault. Sees = the receipt or the typed error; kept = whether the node is rebooting (the emulator holds
 * it there: one minute per transition); received = the emulator's request records. Cells: helpers/postActionCells.
 */
import { faultMatrix } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { startFaultCellFixture, type FaultCellFixture } from '../helpers/faultCellFixture';

faultMatrix.reportAtEnd('unit');

const POOL = 'linux-small';

describe('fault matrix (client): reboot', function () {
  this.timeout(20_000);
  let f: FaultCellFixture;
  let nodeId = '';

  before(async () => {
    f = await startFaultCellFixture({ nodeTransitionMs: 60_000 });
  });
  after(async () => {
    await f.stop();
  });
  beforeEach(async () => {
    await f.fresh();
    const pool = f.emulator.state.accounts.get('contosoprod')!.pools.get(POOL)!;
    nodeId = pool.nodes.find((n) => n.state === 'idle')!.id;
    f.emulator.clearRequests();
  });

  postActionCells({
    column: 'reboot',
    route: `/pools/${POOL}/nodes/[^/]+/reboot$`,
    operation: /^Reboot node \S+ of pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.nodes.rebootNode(POOL, nodeId, 'requeue', { abortSignal: signal }),
    applied: () => f.emulator.getNode('contosoprod', POOL, nodeId)?.state === 'rebooting',
    remove: () => {
      const pool = f.emulator.state.accounts.get('contosoprod')!.pools.get(POOL)!;
      pool.nodes = pool.nodes.filter((n) => n.id !== nodeId);
      pool.nodeById.delete(nodeId);
    },
    why412: 'a reboot takes no condition: the service defines no If-Match for it, so nothing can answer 412',
    notFoundCode: 'NodeNotFound',
  });
});
