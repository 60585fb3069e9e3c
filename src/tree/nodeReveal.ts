/**
 * Selects a pool's node in the explorer, wherever the pool shows it: in its flat list (loading "Load more…" pages up
 * to it) or, with `azureBatch.nodes.groupBy: state`, under the group row of the node's state (that group's pages).
 * The caller may know the node's state (the heatmap's cell); when the node is not where that state puts it, one
 * fresh read of the node gives its current state and that group is tried once. A node filter that hides the node's
 * state is said at once, without loading pages.
 */
import * as vscode from 'vscode';
import type { ExplorerProvider } from './explorerProvider';
import type { NodeItem } from './nodeItem';
import { NODE_SELECT } from './nodeSelect';
import type { PoolItem } from './poolItem';
import { readableNodeState } from './rowText';
import type { StateGroupItem } from './stateGroupItem';
import type { TreeNode } from './treeNode';
import { ActionableError } from '../utils/errors';

/** A row whose nodes load a page at a time: the pool (flat list) or one of its state groups. */
interface PagedRows extends TreeNode {
  readonly loadedNodes: readonly NodeItem[];
  readonly hasMore: boolean;
  loadMore(): Promise<number>;
}

interface Reveal {
  tree: ExplorerProvider;
  view: vscode.TreeView<TreeNode>;
  pool: PoolItem;
  nodeId: string;
}

const filterHides = (filter: readonly string[], state: string) => filter.length > 0 && !filter.includes(state);

function filtered({ pool, nodeId }: Reveal): ActionableError {
  return new ActionableError(vscode.l10n.t('Node {0} is not listed under pool {1}: the pool\'s node filter ({2}) hides it. Clear the filter with Filter Nodes… and click the node again.', nodeId, pool.pool.id ?? '', pool.filterStates.join(', ')), 'HeatmapNodeNotListed');
}

function gone({ pool, nodeId }: Reveal): ActionableError {
  return new ActionableError(vscode.l10n.t('Node {0} is no longer in pool {1}. The heatmap shows it gone after its next refresh.', nodeId, pool.pool.id ?? ''), 'HeatmapNodeNotListed');
}

/** The node's state now (one GET); a 404 means it left the pool. */
async function currentState(r: Reveal): Promise<string> {
  try {
    const node = await r.tree.ctx.gateway.batch(r.pool.parent.account).getNode(r.pool.pool.id ?? '', r.nodeId, NODE_SELECT);
    return node.state ?? 'unknown';
  } catch (error) {
    if ((error as { status?: unknown } | undefined)?.status === 404) {
      throw gone(r);
    }
    throw error;
  }
}

/** Expands `rows` in the view (VS Code then holds the row objects it resolves the node through) and loads pages up to the node. */
async function loadUpTo({ tree, view, nodeId }: Reveal, rows: PagedRows): Promise<NodeItem | undefined> {
  await view.reveal(rows, { expand: true, select: false, focus: false });
  const shown = tree.live(rows);
  await tree.getChildren(shown);
  let row = shown.loadedNodes.find((n) => n.node.id === nodeId);
  while (!row && shown.hasMore) {
    await shown.loadMore();
    row = shown.loadedNodes.find((n) => n.node.id === nodeId);
  }
  return row;
}

/** Flat list: the known state outside the filter is checked with a fresh read before any page is loaded. */
async function findInList(r: Reveal, knownState: string | undefined): Promise<NodeItem> {
  const filter = r.pool.filterStates;
  if (knownState && filterHides(filter, knownState) && filterHides(filter, await currentState(r))) {
    throw filtered(r);
  }
  const row = await loadUpTo(r, r.pool);
  if (!row) {
    throw filter.length ? filtered(r) : gone(r);
  }
  return row;
}

/** State groups: the group of the known state, then (the node not there) the group of its current state, once. */
async function findInGroups(r: Reveal, knownState: string | undefined): Promise<NodeItem> {
  let fresh = knownState === undefined;
  let state = knownState ?? await currentState(r);
  const tried = new Set<string>();
  for (;;) {
    if (filterHides(r.pool.filterStates, state)) {
      if (fresh) {
        throw filtered(r);
      }
    } else if (!tried.has(state)) {
      tried.add(state);
      const group: StateGroupItem | undefined = r.pool.stateGroup(state);
      const row = group && await loadUpTo(r, group);
      if (row) {
        return row;
      }
    }
    if (fresh) {
      throw new ActionableError(vscode.l10n.t('Node {0} is not listed under "{1}" in pool {2}: its state changed since the explorer read the pool\'s nodes. Refresh the pool in the Azure Batch explorer and click the node again.', r.nodeId, readableNodeState(state), r.pool.pool.id ?? ''), 'NodeNotInStateGroup');
    }
    state = await currentState(r);
    fresh = true;
  }
}

/**
 * Selects (and shows) node `nodeId` of `pool` in the explorer, loading what it takes; `knownState` is the state the
 * caller last saw (service name, e.g. "idle"), if any. Throws an ActionableError when the explorer cannot list it.
 */
export async function revealNodeInTree(tree: ExplorerProvider, view: vscode.TreeView<TreeNode>, found: PoolItem, nodeId: string, knownState?: string): Promise<NodeItem> {
  // Expanded by the view first: the view then holds (and the registry has) the row objects it resolves the node through.
  await view.reveal(found, { expand: true, select: false, focus: false });
  const pool = tree.live(found);
  await tree.getChildren(pool);
  const r: Reveal = { tree, view, pool, nodeId };
  const state = knownState && knownState !== 'unknown' ? knownState : undefined;
  const row = pool.groupedByState ? await findInGroups(r, state) : await findInList(r, state);
  tree.ctx.items.set(row.id, row);
  await view.reveal(row, { select: true, focus: false, expand: false });
  return row;
}
