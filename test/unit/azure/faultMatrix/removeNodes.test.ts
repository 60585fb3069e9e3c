/**
 * Fault matrix, column "remove nodes" at client level: POST …/pools/linux-small/removenodes with one idle node (202,
 * no body) under every fault. Sees = the receipt or the typed error; kept = whether the pool started removing (its
 * allocationState leaves steady; the emulator holds it: one minute per transition); received = the request records.
 */
import { faultMatrix } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { startFaultCellFixture, type FaultCellFixture } from '../helpers/faultCellFixture';

faultMatrix.reportAtEnd('unit');

const POOL = 'linux-small';

describe('fault matrix (client): remove nodes', function () {
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
    column: 'removeNodes',
    route: `/pools/${POOL}/removenodes$`,
    operation: /^Remove node \S+ from pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.poolResize.removeNodes(POOL, { nodeList: [nodeId], nodeDeallocationOption: 'requeue' }, {}, { abortSignal: signal }),
    applied: () => {
      const pool = f.emulator.getPool('contosoprod', POOL);
      return pool !== undefined && pool['allocationState'] !== 'steady';
    },
    remove: () => {
      f.emulator.state.accounts.get('contosoprod')!.pools.delete(POOL);
    },
    why412: 'Remove from Pool… sends no If-Match (the runner re-reads the pool’s allocation state instead), so nothing can answer 412',
    notFoundCode: 'PoolNotFound',
  });
});
