/**
 * The emulator records the node and pool action columns act on: pool linux-small of account contosoprod (3 nodes:
 * idle, running, start task failed), read straight from the emulator's state (a reset replaces the records, so look
 * them up in every check).
 */
import type { NodeRecord, PoolRecord } from '../../../emulator/state';
import type { FaultCellFixture } from './faultCellFixture';

export const ACCOUNT = 'contosoprod';
export const POOL = 'linux-small';

export function prodPool(f: FaultCellFixture): PoolRecord {
  return f.emulator.state.accounts.get(ACCOUNT)!.pools.get(POOL)!;
}

/** The node `nodeId` of linux-small, or undefined once it is gone. */
export function prodNode(f: FaultCellFixture, nodeId: string): NodeRecord | undefined {
  return f.emulator.state.accounts.get(ACCOUNT)!.pools.get(POOL)?.nodeById.get(nodeId);
}

/** The first idle node of linux-small. */
export function idleNodeId(f: FaultCellFixture): string {
  return prodPool(f).nodes.find((n) => n.state === 'idle')!.id;
}

/** Takes the node out of the pool (the service then answers 404 NodeNotFound). */
export function dropNode(f: FaultCellFixture, nodeId: string): void {
  const pool = prodPool(f);
  pool.nodes = pool.nodes.filter((n) => n.id !== nodeId);
  pool.nodeById.delete(nodeId);
}

/** Deletes pool linux-small (the service then answers 404 PoolNotFound). */
export function dropPool(f: FaultCellFixture): void {
  f.emulator.state.accounts.get(ACCOUNT)!.pools.delete(POOL);
}
