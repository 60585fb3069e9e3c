import * as vscode from 'vscode';
import type { ExplorerProvider } from '../tree/explorerProvider';
import { ErrorItem } from '../tree/messageItems';
import type { TreeNode } from '../tree/treeNode';
import { ActionableError, UserCancelledError } from '../utils/errors';

interface NodePick extends vscode.QuickPickItem {
  node: TreeNode;
  self?: boolean;
}

async function toPick(node: TreeNode): Promise<NodePick> {
  const item = await node.getTreeItem();
  const label = typeof item.label === 'string' ? item.label : item.label?.label ?? node.id;
  return { label, description: typeof item.description === 'string' ? item.description : undefined, node };
}

/**
 * For palette commands that need a tree item: walks the same tree with one quick pick per level. A row that is
 * both acceptable and a branch (an account, a pool) opens to its children with "Use <row>" on top. Levels with a
 * single branch and nothing acceptable are skipped.
 */
export async function pickTreeItem<T extends TreeNode>(
  provider: ExplorerProvider,
  title: string,
  accept: (node: TreeNode) => node is T,
  /** Branches worth opening on the way to T. */
  descend: (node: TreeNode) => boolean,
): Promise<T> {
  let parent: TreeNode | undefined;
  for (;;) {
    const all = await provider.getChildren(parent, { register: false });
    const children = all.filter((n) => accept(n) || descend(n));
    const error = all.find((n) => n instanceof ErrorItem);
    const selfPick = parent && accept(parent);
    if (children.length === 0 && !selfPick) {
      if (error) {
        throw new ActionableError(String((await error.getTreeItem()).label), 'TreeBranchFailed');
      }
      throw new ActionableError(vscode.l10n.t('Nothing to choose from here. Sign in or attach a Batch account first.'), 'NothingToPick');
    }
    let chosen: NodePick;
    if (children.length === 1 && !selfPick && !accept(children[0])) {
      chosen = { label: '', node: children[0] };
    } else {
      const picks = await Promise.all(children.map(toPick));
      if (selfPick) {
        const own = await toPick(parent!);
        picks.unshift({ ...own, label: vscode.l10n.t('$(check) Use {0}', own.label), self: true });
      }
      const picked = await vscode.window.showQuickPick(picks, { title, matchOnDescription: true, ignoreFocusOut: true });
      if (!picked) {
        throw new UserCancelledError('pickTreeItem');
      }
      chosen = picked;
    }
    if (chosen.self || (accept(chosen.node) && !descend(chosen.node))) {
      return chosen.node as T;
    }
    parent = chosen.node;
  }
}
