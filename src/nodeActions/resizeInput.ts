/**
 * Resize…: the two input boxes (target dedicated and target Spot nodes: whole numbers from 0), the rule that at least
 * one target changes, whether the pool shrinks (then the node deallocation option is asked), the request body, and
 * the pool row's allocation text while it resizes. Pure.
 */
import type { BatchNodeDeallocationOption, BatchPoolResizeOptions } from '../azure/batch/nodeOperationModels';
import * as l10n from '../utils/l10n';

/** Larger counts are surely typing mistakes (the largest pools have some thousands of nodes). */
export const MAX_TARGET_NODES = 100_000;

export interface PoolSize {
  dedicated: number;
  spot: number;
}

/** BatchPool fields the resize needs. */
export interface PoolSizing {
  allocationState?: string;
  enableAutoScale?: boolean;
  currentDedicatedNodes?: number;
  currentLowPriorityNodes?: number;
  targetDedicatedNodes?: number;
  targetLowPriorityNodes?: number;
}

export function currentNodes(pool: PoolSizing): PoolSize {
  return { dedicated: pool.currentDedicatedNodes ?? 0, spot: pool.currentLowPriorityNodes ?? 0 };
}

export function targetNodes(pool: PoolSizing): PoolSize {
  return { dedicated: pool.targetDedicatedNodes ?? 0, spot: pool.targetLowPriorityNodes ?? 0 };
}

/** Input box validation: undefined when the text is a whole number from 0 to MAX_TARGET_NODES. */
export function validateNodeCount(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) { return l10n.t('Enter a whole number of nodes (0 or more).'); }
  if (Number(trimmed) > MAX_TARGET_NODES) { return l10n.t('Enter at most {0} nodes.', MAX_TARGET_NODES); }
  return undefined;
}

export type ResizePlan =
  | { ok: true; targets: PoolSize; shrinking: boolean }
  | { ok: false; message: string };

/** Why the pool cannot be resized now (undefined when it can). */
export function resizeRefusal(pool: PoolSizing): string | undefined {
  if (pool.enableAutoScale) {
    return l10n.t('The pool scales automatically: its autoscale formula sets the node counts. Disable autoscale to resize it by hand.');
  }
  if (pool.allocationState !== undefined && pool.allocationState !== 'steady') {
    return l10n.t('The pool is {0}: a resize can start only once it is steady. Wait, or stop the current resize.', pool.allocationState);
  }
  return undefined;
}

/**
 * Checks both inputs and compares them with the pool: at least one target must change, and the pool shrinks when a
 * target is below the nodes it has now (the service then removes nodes and the deallocation option applies).
 */
export function planResize(pool: PoolSizing, input: { dedicated: string; spot: string }): ResizePlan {
  const dedicatedError = validateNodeCount(input.dedicated);
  if (dedicatedError) { return { ok: false, message: l10n.t('Dedicated nodes: {0}', dedicatedError) }; }
  const spotError = validateNodeCount(input.spot);
  if (spotError) { return { ok: false, message: l10n.t('Spot nodes: {0}', spotError) }; }
  const targets = { dedicated: Number(input.dedicated.trim()), spot: Number(input.spot.trim()) };
  const before = targetNodes(pool);
  if (targets.dedicated === before.dedicated && targets.spot === before.spot) {
    return { ok: false, message: l10n.t('The pool already targets {0} dedicated and {1} Spot nodes. Change at least one of them.', before.dedicated, before.spot) };
  }
  const now = currentNodes(pool);
  return { ok: true, targets, shrinking: targets.dedicated < now.dedicated || targets.spot < now.spot };
}

/** The resize request: both targets; the deallocation option only when shrinking (the service ignores it otherwise). */
export function resizeRequest(plan: { targets: PoolSize; shrinking: boolean }, option?: BatchNodeDeallocationOption): BatchPoolResizeOptions {
  return {
    targetDedicatedNodes: plan.targets.dedicated,
    targetLowPriorityNodes: plan.targets.spot,
    ...(plan.shrinking && option ? { nodeDeallocationOption: option } : {}),
  };
}

/** True while the pool's size is changing (the tree refreshes the row until it is steady). */
export function isResizing(pool: PoolSizing): boolean {
  return pool.allocationState === 'resizing' || pool.allocationState === 'stopping';
}
