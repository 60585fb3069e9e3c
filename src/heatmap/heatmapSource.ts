/**
 * Where the heatmap reads a pool from, and that source on a Batch account client: every page of the pool's nodes
 * with HEATMAP_NODE_SELECT (1000 a page), and the pool's node counts (GET /nodecounts filtered to the pool).
 */
import type { BatchAccountClient } from '../azure/batch/batchAccountClient';
import { HEATMAP_NODE_SELECT, poolCountsByState, type HeatmapSourceNode, type StateCounts } from './heatmapModel';

export interface HeatmapSource {
  /** Every node of the pool, all pages, with `$select` = HEATMAP_NODE_SELECT. */
  listNodes(poolId: string, signal: AbortSignal): Promise<HeatmapSourceNode[]>;
  /** The pool's node counts per state (GET /nodecounts), shown beside the list's; optional. */
  nodeCounts?(poolId: string, signal: AbortSignal): Promise<StateCounts | undefined>;
}

/** OData string literal: quotes doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function batchHeatmapSource(client: Pick<BatchAccountClient, 'iterateNodePages' | 'listPoolNodeCounts'>): HeatmapSource {
  return {
    async listNodes(poolId, signal) {
      const nodes: HeatmapSourceNode[] = [];
      for await (const page of client.iterateNodePages(poolId, { select: HEATMAP_NODE_SELECT, maxResults: 1000, abortSignal: signal })) {
        nodes.push(...page.items);
      }
      return nodes;
    },
    async nodeCounts(poolId, signal) {
      const counts = await client.listPoolNodeCounts({ filter: `poolId eq ${literal(poolId)}`, abortSignal: signal });
      const pool = counts.find((c) => c.poolId === poolId);
      return pool ? poolCountsByState(pool as unknown as Parameters<typeof poolCountsByState>[0]) : undefined;
    },
  };
}
