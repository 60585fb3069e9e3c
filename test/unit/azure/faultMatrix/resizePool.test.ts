/**
 * Fault matrix, column "resize pool" at client level: POST …/pools/linux-small/resize (202, no body) from 3 to 5
 * dedicated nodes under every fault. Sees = the receipt or the typed error (and the notification text for refusals);
 * kept = whether the emulator accepted it (new targets, allocation state resizing; held there, one minute per
 * transition); received = the request records. Cells: helpers/postActionCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { dropPool, POOL, prodPool } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): resize pool', function () {
  this.timeout(20_000);
  const f = useFaultCellFixture(HELD_TRANSITIONS);

  postActionCells({
    column: 'resizePool',
    route: `/pools/${POOL}/resize$`,
    operation: /^Resize pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.poolResize.resizePool(POOL, { targetDedicatedNodes: 5, targetLowPriorityNodes: 0, nodeDeallocationOption: 'taskcompletion' }, {}, { abortSignal: signal }),
    applied: () => {
      const pool = f.emulator.state.accounts.get('contosoprod')!.pools.get(POOL);
      return pool?.spec['targetDedicatedNodes'] === 5 && pool.allocationState === 'resizing';
    },
    remove: () => dropPool(f),
    conflict: {
      arrange: () => {
        prodPool(f).allocationState = 'stopping';
      },
      code: 'PoolBeingResized',
    },
    explain: { action: 'resize', conflict: /^The pool is stopping: it can be resized only while it is steady\./ },
    sentRequest: (assert: Asserts, sent) => {
      assert.deepEqual(JSON.parse(sent.body), { targetDedicatedNodes: 5, targetLowPriorityNodes: 0, nodeDeallocationOption: 'taskcompletion' });
      assert.equal(sent.headers['if-match'], undefined);
    },
    why412: 'Resize… sends no If-Match: it reads the pool just before and sends the new targets; a pool that changed meanwhile is refused with 409 PoolBeingResized (the 409 row), so nothing can answer 412',
    notFoundCode: 'PoolNotFound',
  });
});
