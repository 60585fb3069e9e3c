/** Text for a pool row: sizes and node counts by state. Pure, unit-tested on Node. */

export type CountsByState = Partial<Record<string, number>>;

const ORDER = ['idle', 'running', 'starting', 'waitingForStartTask', 'startTaskFailed', 'unusable', 'creating', 'rebooting',
  'reimaging', 'offline', 'preempted', 'leavingPool', 'upgradingOS', 'deallocating', 'deallocated', 'unknown'];

/** Lower-case display names for the node-counts API's camel-case fields. */
const DISPLAY: Record<string, string> = {
  waitingForStartTask: 'waiting for start task', startTaskFailed: 'start task failed', leavingPool: 'leaving pool',
  upgradingOS: 'upgrading OS',
};

/** Adds dedicated and spot counts per state. */
export function addCounts(...counts: (CountsByState | undefined)[]): CountsByState {
  const sum: CountsByState = {};
  for (const c of counts) {
    for (const [state, n] of Object.entries(c ?? {})) {
      if (state !== 'total' && typeof n === 'number') {
        sum[state] = (sum[state] ?? 0) + n;
      }
    }
  }
  return sum;
}

/** "12 idle · 3 running · 1 unusable" (states with zero nodes left out); "no nodes" when empty. */
export function formatCounts(counts: CountsByState): string {
  const parts = ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${counts[s]} ${DISPLAY[s] ?? s.toLowerCase()}`);
  return parts.length ? parts.join(' · ') : 'no nodes';
}

/** "dedicated 3/5" and "spot 0/2": current vs target. */
export function formatSizes(pool: {
  currentDedicatedNodes?: number; targetDedicatedNodes?: number; currentLowPriorityNodes?: number; targetLowPriorityNodes?: number;
}): { dedicated: string; spot: string } {
  return {
    dedicated: `${pool.currentDedicatedNodes ?? 0}/${pool.targetDedicatedNodes ?? 0}`,
    spot: `${pool.currentLowPriorityNodes ?? 0}/${pool.targetLowPriorityNodes ?? 0}`,
  };
}
