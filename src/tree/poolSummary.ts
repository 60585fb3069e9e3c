/** Text for a pool row: sizes and node counts by state. Pure, unit-tested on Node. */
import { formatNumber } from '../utils/format';
import * as l10n from '../utils/l10n';

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

/** "12 idle · 3 running · 1 unusable" (REST state names; states with zero nodes left out); "no nodes" when empty. */
export function formatCounts(counts: CountsByState, locale = 'en'): string {
  const parts = ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => `${formatNumber(counts[s] ?? 0, locale)} ${DISPLAY[s] ?? s.toLowerCase()}`);
  return parts.length ? parts.join(' · ') : l10n.t('no nodes');
}

/** "dedicated 3/5" and "spot 0/2": current vs target, numbers formatted for `locale` ("7,000/7,000"). */
export function formatSizes(pool: {
  currentDedicatedNodes?: number; targetDedicatedNodes?: number; currentLowPriorityNodes?: number; targetLowPriorityNodes?: number;
}, locale = 'en'): { dedicated: string; spot: string } {
  const n = (value: number | undefined) => formatNumber(value ?? 0, locale);
  return {
    dedicated: `${n(pool.currentDedicatedNodes)}/${n(pool.targetDedicatedNodes)}`,
    spot: `${n(pool.currentLowPriorityNodes)}/${n(pool.targetLowPriorityNodes)}`,
  };
}
