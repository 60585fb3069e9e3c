/**
 * Fault matrix, column "stop resize" at client level: POST …/pools/linux-small/stopresize (202, no body) while the
 * pool resizes from 3 to 6 dedicated nodes (a real resize, held by the emulator: one minute per transition), under
 * every fault. Sees = the receipt or the typed error (and the notification text for refusals); kept = whether the
 * emulator accepted it (allocation state stopping); received = the request records. Cells: helpers/postActionCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { dropPool, POOL, prodPool } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

describe('fault matrix (client): stop resize', function () {
  this.timeout(20_000);
  const f = useFaultCellFixture(HELD_TRANSITIONS, async () => {
    await f.prod.poolResize.resizePool(POOL, { targetDedicatedNodes: 6, targetLowPriorityNodes: 0 });
  });

  postActionCells({
    column: 'stopResize',
    route: `/pools/${POOL}/stopresize$`,
    operation: /^Stop resizing pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.poolResize.stopPoolResize(POOL, {}, { abortSignal: signal }),
    applied: () => f.emulator.state.accounts.get('contosoprod')!.pools.get(POOL)?.allocationState === 'stopping',
    remove: () => dropPool(f),
    conflict: {
      arrange: () => {
        prodPool(f).allocationState = 'steady';
      },
      code: 'OperationInvalidForCurrentState',
    },
    explain: { action: 'stopResize', conflict: /^The pool is not resizing \(it is steady\); there is nothing to stop\./ },
    sentRequest: (assert: Asserts, sent) => {
      assert.equal(sent.body, '', 'no body');
      assert.equal(sent.headers['if-match'], undefined);
    },
    why412: 'Stop Resize sends no If-Match (stopping is what the user wants whatever changed); a pool that is not resizing any more is refused with 409 (the 409 row), so nothing can answer 412',
    notFoundCode: 'PoolNotFound',
  });
});
