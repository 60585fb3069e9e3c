/**
 * Fault matrix, column "remove nodes" at client level: POST …/pools/linux-small/removenodes with one idle node (202,
 * no body) under every fault. Sees = the receipt or the typed error; kept = whether the pool started removing (its
 * allocationState leaves steady; the emulator holds it: one minute per transition); received = the request records.
 */
import { faultMatrix } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { dropPool, idleNodeId, POOL } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): remove nodes', function () {
  this.timeout(20_000);
  let nodeId = '';
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    nodeId = idleNodeId(f);
  });

  postActionCells({
    column: 'removeNodes',
    route: `/pools/${POOL}/removenodes$`,
    operation: /^Remove node \S+ from pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.poolResize.removeNodes(POOL, { nodeList: [nodeId], nodeDeallocationOption: 'requeue' }, {}, { abortSignal: signal }),
    applied: () => {
      const pool = f.emulator.getPool('contosoprod', POOL);
      return pool !== undefined && pool['allocationState'] !== 'steady';
    },
    remove: () => dropPool(f),
    why412: 'Remove from Pool… sends no If-Match (the runner re-reads the pool’s allocation state instead), so nothing can answer 412',
    notFoundCode: 'PoolNotFound',
  });
});
