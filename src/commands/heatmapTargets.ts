/**
 * The heatmap and the explorer: finds a pool's row from (account key, pool id), turns the heatmap's context-menu
 * argument into the tree rows of those nodes (so every node command works from the heatmap unchanged), reveals a
 * clicked node (loading the pool's pages as needed), applies the legend's filter to the pool, and tells the heatmap
 * which nodes the reimage follower watches.
 */
import * as vscode from 'vscode';
import type { BatchNode } from '../azure/batch/batchModels.generated';
import type { ExtensionServices } from '../extensionServices';
import { isHeatmapNodeTarget, type HeatmapNodeTarget } from '../heatmap/heatmapProtocol';
import type { BatchAccountInfo } from '../services/azureGateway';
import { BatchAccountItem } from '../tree/batchAccountItem';
import { NodeItem } from '../tree/nodeItem';
import { revealNodeInTree } from '../tree/nodeReveal';
import { NODE_SELECT } from '../tree/nodeSelect';
import { PoolItem } from '../tree/poolItem';
import type { TreeNode } from '../tree/treeNode';
import { ActionableError } from '../utils/errors';
import { isBranch } from './treeAccess';

type Services = Pick<ExtensionServices, 'tree' | 'treeView' | 'gateway' | 'follower'>;

/** Nodes read one by one up to this many; more are found by reading the pool's pages. */
const SINGLE_READS = 20;

const accountRowIds = (key: string) => [key, `attached:${key}`];

/** The account of this key: a row of the explorer, an attached account, or one of the subscriptions' accounts. */
export async function findAccount({ tree, gateway }: Services, key: string): Promise<BatchAccountInfo | undefined> {
  for (const id of accountRowIds(key)) {
    const row = tree.ctx.items.get(id);
    if (row instanceof BatchAccountItem) {
      return row.account;
    }
  }
  const attached = (await gateway.listAttachedAccounts()).find((a) => a.key === key);
  if (attached) {
    return attached;
  }
  for (const subscription of await gateway.listSubscriptions()) {
    const found = (await gateway.listBatchAccounts(subscription)).find((a) => a.key === key);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** The explorer's row of the pool: the one shown, else found by walking the tree (accounts, then their pools). */
export async function findPoolItem({ tree }: Services, accountKey: string, poolId: string): Promise<PoolItem> {
  for (const accountId of accountRowIds(accountKey)) {
    const shown = tree.ctx.items.get(`${accountId}/pools/${poolId}`);
    if (shown instanceof PoolItem) {
      return shown;
    }
  }
  const queue: (TreeNode | undefined)[] = [undefined];
  while (queue.length > 0) {
    for (const child of await tree.getChildren(queue.shift(), { register: false })) {
      if (child instanceof BatchAccountItem) {
        if (child.account.key === accountKey) {
          const pool = (await tree.getChildren(child)).find((p) => p instanceof PoolItem && p.pool.id === poolId);
          if (pool instanceof PoolItem) {
            return pool;
          }
        }
      } else if (isBranch(child) && !(child instanceof PoolItem)) {
        queue.push(child);
      }
    }
  }
  throw new ActionableError(vscode.l10n.t('Pool {0} is not in the Azure Batch explorer. Refresh the explorer, or check that its account is still listed.', poolId), 'HeatmapPoolNotFound');
}

/** The rows of these nodes: the explorer's when loaded, else built from fresh reads (state included). */
async function nodeRows(services: Services, target: HeatmapNodeTarget): Promise<NodeItem[]> {
  const pool = await findPoolItem(services, target.accountKey, target.poolId);
  const rowOf = (id: string) => {
    const shown = services.tree.ctx.items.get(`${pool.id}/nodes/${id}`);
    return shown instanceof NodeItem ? shown : pool.loadedNodes.find((n) => n.node.id === id);
  };
  const missing = target.nodeIds.filter((id) => !rowOf(id));
  const read = new Map<string, BatchNode>();
  const api = services.gateway.batch(pool.parent.account);
  if (missing.length > 0 && missing.length <= SINGLE_READS) {
    for (const node of await Promise.all(missing.map((id) => api.getNode(target.poolId, id, NODE_SELECT)))) {
      read.set(node.id ?? '', node);
    }
  } else if (missing.length > 0) {
    const wanted = new Set(missing);
    let nextLink: string | undefined;
    do {
      const page = await api.listNodes(target.poolId, { select: NODE_SELECT, maxResults: 1000, nextLink });
      page.nodes.filter((n) => wanted.has(n.id ?? '')).forEach((n) => read.set(n.id ?? '', n));
      nextLink = page.nextLink;
    } while (nextLink && read.size < wanted.size);
  }
  return target.nodeIds.flatMap((id) => {
    const row = rowOf(id);
    const node = read.get(id);
    return row ? [row] : node ? [new NodeItem(pool, services.tree.ctx, node)] : [];
  });
}

/**
 * A command's arguments as its handler expects them: the heatmap's `{ webviewSection: 'heatmapNode', accountKey,
 * poolId, nodeIds }` becomes (first node's row, all rows), like a right-click on a tree selection; others pass as they are.
 */
export async function withHeatmapNodes(services: Services, args: unknown[]): Promise<unknown[]> {
  const [first] = args;
  if (!isHeatmapNodeTarget(first)) {
    return args;
  }
  const rows = await nodeRows(services, first);
  if (rows.length === 0) {
    throw new ActionableError(vscode.l10n.t('The selected nodes are no longer in pool {0}. Refresh the heatmap and select them again.', first.poolId), 'HeatmapNodesGone');
  }
  return [rows[0], rows];
}

/**
 * A cell was clicked: select its node in the explorer and reveal it, loading "Load more…" pages (of the pool, or of
 * the group of the node's state when nodes are grouped by state) until it is there. `state`: the cell's state.
 */
export async function revealHeatmapNode(services: Services, account: BatchAccountInfo, poolId: string, nodeId: string, state?: string): Promise<void> {
  const found = await findPoolItem(services, account.key, poolId);
  await vscode.window.withProgress({ location: { viewId: 'azureBatch.explorer' } }, () => revealNodeInTree(services.tree, services.treeView, found, nodeId, state));
}

/** The legend's "Filter Nodes…": the pool's node filter set to these states (none = all), the pool revealed. */
export async function filterTreeFromHeatmap(services: Services, account: BatchAccountInfo, poolId: string, states: string[]): Promise<void> {
  const found = await findPoolItem(services, account.key, poolId);
  await services.treeView.reveal(found, { expand: false, select: true, focus: false });
  const shown = services.tree.ctx.items.get(found.id);
  const pool = shown instanceof PoolItem ? shown : found;
  await pool.setFilterStates(states);
  await services.treeView.reveal(pool, { expand: true, select: true, focus: false });
}

/** The pool's nodes the reimage follower watches now: node id → "reimage". */
export function pendingHeatmapNodes({ follower }: Services, account: BatchAccountInfo, poolId: string): Record<string, string> {
  const prefixes = accountRowIds(account.key).map((id) => `${id}/pools/${poolId}/nodes/`);
  const pending: Record<string, string> = {};
  for (const key of follower.followedKeys()) {
    const prefix = prefixes.find((p) => key.startsWith(p));
    if (prefix) {
      pending[key.slice(prefix.length)] = 'reimage';
    }
  }
  return pending;
}
