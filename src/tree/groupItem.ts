import * as vscode from 'vscode';
import { TreeNode } from './treeNode';

/** A collapsible heading row ("Batch Accounts", "Compute Galleries", "Attached Accounts"); subclasses load children. */
export abstract class GroupItem extends TreeNode {
  constructor(
    parent: TreeNode | undefined,
    readonly id: string,
    private readonly label: string,
    private readonly icon: string,
    private readonly contextValue: string,
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = this.contextValue;
    return item;
  }
}
