/**
 * Text of the tree rows, read at a glance: the pool row's short description and its full breakdown (tooltip), node
 * states in words, the node row's description, "Load more… (1,000 of 10,000)", and the node filter's picker items
 * and group rows with counts. Pure (no `vscode`), unit-tested on Node; words go through `l10n.t`, numbers through
 * `Intl.NumberFormat` of the given locale (VS Code's display language, e.g. "en", "zh-cn", "ru").
 *
 * REST values ("starttaskfailed", "leavingpool") stay in JSON (View Properties, requests); people read the words.
 *
 * "Failing" nodes = unusable + start task failed: the two states in which a node will not run tasks until someone
 * acts (reimage, fix the start task, resize). Preempted (normal for spot) and offline (taken out by an operator) are
 * not failures and are not counted.
 */
import type { BatchNode, BatchNodeCounts, BatchNodeState, BatchPool, BatchPoolNodeCounts } from '../azure/batch/batchModels.generated';
import { plural } from '../utils/format';
import * as l10n from '../utils/l10n';
import { compactCount } from './compactCount';
import { md } from './markdown';
import { NODE_STATES } from './nodeState';

export type NodeStateValue = (typeof NODE_STATES)[number];

/** The node-counts API's field for each REST node state (typed by the spec's enum: a new state fails to compile). */
const COUNT_FIELD: Record<BatchNodeState, keyof BatchNodeCounts> = {
  idle: 'idle', running: 'running', starting: 'starting', waitingforstarttask: 'waitingForStartTask',
  starttaskfailed: 'startTaskFailed', unusable: 'unusable', creating: 'creating', rebooting: 'rebooting',
  reimaging: 'reimaging', offline: 'offline', preempted: 'preempted', leavingpool: 'leavingPool',
  upgradingos: 'upgradingOS', deallocating: 'deallocating', deallocated: 'deallocated', unknown: 'unknown',
};

const FAILING: readonly NodeStateValue[] = ['unusable', 'starttaskfailed'];

/** A node state in words ("start task failed", "leaving pool"); a state this version does not know, as sent. */
export function readableNodeState(state: string | undefined): string {
  switch (state) {
    case 'idle': return l10n.t('idle');
    case 'running': return l10n.t('running');
    case 'starting': return l10n.t('starting');
    case 'waitingforstarttask': return l10n.t('waiting for start task');
    case 'starttaskfailed': return l10n.t('start task failed');
    case 'unusable': return l10n.t('unusable');
    case 'creating': return l10n.t('creating');
    case 'rebooting': return l10n.t('rebooting');
    case 'reimaging': return l10n.t('reimaging');
    case 'offline': return l10n.t('offline');
    case 'preempted': return l10n.t('preempted');
    case 'leavingpool': return l10n.t('leaving pool');
    case 'upgradingos': return l10n.t('upgrading OS');
    case 'deallocating': return l10n.t('deallocating');
    case 'deallocated': return l10n.t('deallocated');
    case 'unknown': case undefined: return l10n.t('unknown');
    default: return state;
  }
}

function readableAllocationState(pool: Pick<BatchPool, 'state' | 'allocationState'>): string {
  if (pool.state === 'deleting') {
    return l10n.t('deleting');
  }
  switch (pool.allocationState) {
    case 'steady': return l10n.t('steady');
    case 'resizing': return l10n.t('resizing');
    case 'stopping': return l10n.t('stopping resize');
    default: return pool.allocationState ?? '';
  }
}

/** Formats a count for `locale` ("10,000" in en, "10 000" in ru); an unknown locale falls back to English. */
export function formatCount(n: number, locale = 'en'): string {
  try {
    return new Intl.NumberFormat(locale).format(n);
  } catch {
    return new Intl.NumberFormat('en').format(n);
  }
}

/** Nodes in `state` (dedicated + spot), or undefined without counts. */
export function countInState(counts: BatchPoolNodeCounts | undefined, state: string): number | undefined {
  const field = COUNT_FIELD[state as NodeStateValue];
  if (!counts || !field) {
    return undefined;
  }
  return (counts.dedicated?.[field] ?? 0) + (counts.lowPriority?.[field] ?? 0);
}

/** Nodes of the pool, or of the given states only (a filter); undefined without counts. */
export function nodeTotal(counts: BatchPoolNodeCounts | undefined, states: readonly string[] = []): number | undefined {
  if (!counts) {
    return undefined;
  }
  if (states.length === 0) {
    return (counts.dedicated?.total ?? 0) + (counts.lowPriority?.total ?? 0);
  }
  return states.reduce((sum, s) => sum + (countInState(counts, s) ?? 0), 0);
}

/** Unusable + start task failed nodes (see the module comment); undefined without counts. */
export function failingCount(counts: BatchPoolNodeCounts | undefined): number | undefined {
  return counts ? FAILING.reduce((sum, s) => sum + (countInState(counts, s) ?? 0), 0) : undefined;
}

export type PoolRowPool = Pick<BatchPool, 'id' | 'displayName' | 'vmSize' | 'state' | 'allocationState' | 'enableAutoScale'
  | 'currentDedicatedNodes' | 'targetDedicatedNodes' | 'currentLowPriorityNodes' | 'targetLowPriorityNodes'>;

/** Current and target sizes; `hasSpot` when the pool has or wants spot nodes, `empty` when it has and wants none. */
function poolSizes(pool: PoolRowPool) {
  const [dedicated, dedicatedTarget] = [pool.currentDedicatedNodes ?? 0, pool.targetDedicatedNodes ?? 0];
  const [spot, spotTarget] = [pool.currentLowPriorityNodes ?? 0, pool.targetLowPriorityNodes ?? 0];
  const hasSpot = spot > 0 || spotTarget > 0;
  return { dedicated, dedicatedTarget, spot, spotTarget, hasSpot, empty: !hasSpot && dedicated === 0 && dedicatedTarget === 0 };
}

/**
 * The pool row's description, only what departs from normal, in this order: dedicated nodes ("7", or "5/7" while
 * current ≠ target; left out for a spot-only pool), spot nodes ("3 spot", "0/3 spot", only when the pool has or wants
 * some), the allocation state unless steady ("resizing", "stopping resize", "deleting"), "N failing" when N > 0 (and
 * the counts are known); "no nodes" for a pool with none and none wanted. Counts through `compactCount` ("7K" in en):
 * at a 300 px side bar "linux-small  3 · 1 failing" fits whole. Steady is in the tooltip and the accessible label.
 */
export function poolDescription(pool: PoolRowPool, counts?: BatchPoolNodeCounts, locale = 'en'): string {
  const n = (value: number) => compactCount(value, locale);
  const { dedicated, dedicatedTarget, spot, spotTarget, hasSpot, empty } = poolSizes(pool);
  const parts: string[] = [];
  if (empty) {
    parts.push(l10n.t('no nodes'));
  } else if (!hasSpot || dedicated > 0 || dedicatedTarget > 0) {
    parts.push(dedicated === dedicatedTarget ? n(dedicated) : `${n(dedicated)}/${n(dedicatedTarget)}`);
  }
  if (hasSpot) {
    parts.push(spot === spotTarget ? l10n.t('{0} spot', n(spot)) : l10n.t('{0}/{1} spot', n(spot), n(spotTarget)));
  }
  if (pool.state === 'deleting' || pool.allocationState !== 'steady') {
    parts.push(readableAllocationState(pool));
  }
  const failing = failingCount(counts) ?? 0;
  if (failing > 0) {
    parts.push(l10n.t('{0} failing', n(failing)));
  }
  return parts.filter(Boolean).join(' · ');
}

/**
 * The pool row's screen-reader label, complete in words: "Pool linux-small, 3 of 3 dedicated nodes, steady,
 * 1 failing" (spot nodes when the pool has or wants some; "no nodes" for a pool with none and none wanted).
 */
export function poolAccessibleLabel(pool: PoolRowPool, counts?: BatchPoolNodeCounts, locale = 'en'): string {
  const { dedicated, dedicatedTarget, spot, spotTarget, hasSpot, empty } = poolSizes(pool);
  const parts: string[] = [];
  if (empty) {
    parts.push(l10n.t('no nodes'));
  } else {
    parts.push(plural(locale, dedicatedTarget, l10n.t('{0} of {1} dedicated node|{0} of {1} dedicated nodes'), dedicated, dedicatedTarget));
  }
  if (hasSpot) {
    parts.push(plural(locale, spotTarget, l10n.t('{0} of {1} spot node|{0} of {1} spot nodes'), spot, spotTarget));
  }
  parts.push(readableAllocationState(pool));
  const failing = failingCount(counts) ?? 0;
  if (failing > 0) {
    parts.push(l10n.t('{0} failing', formatCount(failing, locale)));
  }
  return l10n.t('Pool {0}, {1}', pool.id ?? '', parts.filter(Boolean).join(', '));
}

/** The pool row's tooltip (Markdown): sizes current/target, VM size, allocation, nodes by state dedicated/spot. */
export function poolTooltipMarkdown(pool: PoolRowPool, counts?: BatchPoolNodeCounts, locale = 'en'): string {
  const n = (value: number | undefined) => formatCount(value ?? 0, locale);
  const lines: string[] = [];
  lines.push(`**${md(pool.id)}**${pool.displayName ? ` (${md(pool.displayName)})` : ''}`, '');
  lines.push(`| | ${md(l10n.t('Current'))} | ${md(l10n.t('Target'))} |`, '|---|--:|--:|');
  lines.push(`| ${md(l10n.t('Dedicated'))} | ${n(pool.currentDedicatedNodes)} | ${n(pool.targetDedicatedNodes)} |`);
  lines.push(`| ${md(l10n.t('Spot'))} | ${n(pool.currentLowPriorityNodes)} | ${n(pool.targetLowPriorityNodes)} |`, '');
  const allocation = readableAllocationState(pool);
  const facts = [
    ...(pool.vmSize ? [`${md(l10n.t('VM size'))}: ${md(pool.vmSize)}`] : []),
    ...(allocation ? [`${md(l10n.t('Allocation'))}: ${md(allocation)}`] : []),
    ...(pool.enableAutoScale ? [md(l10n.t('auto-scale on'))] : []),
  ];
  if (facts.length) {
    lines.push(facts.join(' · '), '');
  }
  if (!counts) {
    return lines.join('\n').trimEnd();
  }
  const rows = NODE_STATES.map((s) => ({ s, d: counts.dedicated?.[COUNT_FIELD[s]] ?? 0, l: counts.lowPriority?.[COUNT_FIELD[s]] ?? 0 }))
    .filter((r) => r.d + r.l > 0);
  if (rows.length === 0) {
    lines.push(md(l10n.t('No nodes.')));
    return lines.join('\n');
  }
  lines.push(`| ${md(l10n.t('Nodes'))} | ${md(l10n.t('Dedicated'))} | ${md(l10n.t('Spot'))} |`, '|---|--:|--:|');
  for (const r of rows) {
    const label = md(readableNodeState(r.s));
    lines.push(`| ${FAILING.includes(r.s) ? `**${label}**` : label} | ${n(r.d)} | ${n(r.l)} |`);
  }
  lines.push(`| ${md(l10n.t('Total'))} | ${n(counts.dedicated?.total)} | ${n(counts.lowPriority?.total)} |`);
  const failing = failingCount(counts) ?? 0;
  if (failing > 0) {
    lines.push('', md(l10n.t('{0} failing: unusable or start task failed. Their errors are in each node’s tooltip.', formatCount(failing, locale))));
  }
  return lines.join('\n');
}

export type NodeRowNode = Pick<BatchNode, 'state' | 'isDedicated' | 'ipAddress' | 'vmSize'>;

/**
 * The node row's description: "start task failed · spot · 10.4.0.17", with the VM size only when it differs from the
 * pool's. `stateText` replaces the state (e.g. "Reimaging…" while the tree follows a reimage).
 */
export function nodeDescription(node: NodeRowNode, poolVmSize: string | undefined, stateText?: string): string {
  const differs = node.vmSize && node.vmSize.toLowerCase() !== (poolVmSize ?? '').toLowerCase();
  const kind = node.isDedicated === undefined ? undefined : node.isDedicated ? l10n.t('dedicated') : l10n.t('spot');
  return [stateText ?? readableNodeState(node.state), kind, node.ipAddress, differs ? node.vmSize : undefined]
    .filter(Boolean)
    .join(' · ');
}

/** "Load more… (1,000 of 10,000)" when the total is known and larger; else "Load more… (1,000 loaded)". */
export function loadMoreLabel(loaded: number, total: number | undefined, locale = 'en'): string {
  return total !== undefined && total > loaded
    ? l10n.t('Load more… ({0} of {1})', formatCount(loaded, locale), formatCount(total, locale))
    : l10n.t('Load more… ({0} loaded)', formatCount(loaded, locale));
}

/** "1 node" / "308 nodes". */
export function nodeCountText(count: number, locale = 'en'): string {
  return count === 1 ? l10n.t('1 node') : l10n.t('{0} nodes', formatCount(count, locale));
}

export interface StatePickText {
  /** The REST value, for `$filter`. */
  state: NodeStateValue;
  label: string;
  /** "308 nodes" when the counts are known. */
  description?: string;
}

/** The node filter's picker items, every state in the documented order, with counts when known. */
export function statePickItems(counts: BatchPoolNodeCounts | undefined, locale = 'en'): StatePickText[] {
  return NODE_STATES.map((state) => {
    const count = countInState(counts, state);
    return { state, label: readableNodeState(state), ...(count === undefined ? {} : { description: nodeCountText(count, locale) }) };
  });
}

/** A group row when nodes are grouped by state: "Start task failed (308)". */
export function stateGroupLabel(state: string, count: number, locale = 'en'): string {
  const words = readableNodeState(state);
  let capitalized = words;
  try {
    capitalized = words.charAt(0).toLocaleUpperCase(locale) + words.slice(1);
  } catch {
    capitalized = words.charAt(0).toUpperCase() + words.slice(1);
  }
  return l10n.t('{0} ({1})', capitalized, formatCount(count, locale));
}

/** The active node filter in words, for the pool row's marker and tooltip: "idle, start task failed". */
export function filterText(states: readonly string[]): string {
  return states.map(readableNodeState).join(', ');
}
