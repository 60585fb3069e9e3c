import * as vscode from 'vscode';
import { md } from './markdown';
import type { BatchNode } from '../azure/batch/batchModels.generated';
import type { FollowRow } from '../reimage/nodeFollower';
import { NODE_FILE_STATES, NodeFolderItem } from './nodeFileItems';
import { nodeContextValue, nodeStateLook } from './nodeState';
import type { PoolRow } from './rowTypes';
import { formatDateTime } from '../utils/format';
import { nodeFacts, remedyHint } from '../nodeActions/nodeActionRules';
import { nodeDescription, readableNodeState } from './rowText';
import type { TreeContext } from './treeContext';
import { TreeNode, type ResourceRef } from './treeNode';

/** A compute node: id; state in words · dedicated/spot · IP (· VM size when it differs from the pool's); icon and colour by state. */
export class NodeItem extends TreeNode {
  readonly id: string;
  /** The "Files" child row (kept across redraws so an expanded folder stays loaded). */
  private files: NodeFolderItem | undefined;
  /** Why the reimage follower gave up on this node (gone, authentication), shown until the row is rebuilt. */
  followNote?: string;

  /** `shownUnder`: the state group row the node is shown under (nodes grouped by state); else the pool's row. */
  constructor(override readonly parent: PoolRow, private readonly ctx: TreeContext, public node: BatchNode, private readonly shownUnder?: TreeNode) {
    super(parent);
    this.id = `${parent.id}/nodes/${node.id}`;
  }

  override treeParent(): TreeNode {
    return this.shownUnder ?? this.parent;
  }

  get url(): string {
    return `${this.parent.url}/nodes/${encodeURIComponent(this.node.id ?? '')}`;
  }

  /** Replaces the data; true when anything the row shows changed. */
  update(node: BatchNode): boolean {
    const shown = (n: BatchNode) => JSON.stringify([n.state, n.vmSize, n.isDedicated, n.ipAddress, n.errors, n.schedulingState]);
    const changed = shown(node) !== shown(this.node);
    this.node = node;
    return changed;
  }

  withNode(node: BatchNode): NodeItem {
    this.node = node;
    return this;
  }

  /**
   * This row while the follower watches the node: "Reimaging…" (or the given text, e.g. "Rebooting…") with a spinner,
   * then the node's end state.
   */
  followRow(label?: string): FollowRow {
    const { ctx, id } = this;
    return {
      key: id,
      begin: () => {
        ctx.transient.set(id, label ?? vscode.l10n.t('Reimaging…'));
        ctx.redraw(this);
      },
      update: (node) => {
        // This object and the one the view shows for the same id (a picker may have built this one).
        this.update(node);
        const shown = ctx.items.get(id);
        if (shown instanceof NodeItem && shown !== this) {
          shown.update(node);
        }
      },
      end: () => {
        ctx.transient.delete(id);
        ctx.redraw(this);
      },
      note: (note) => {
        this.followNote = note;
        const shown = ctx.items.get(id);
        if (shown instanceof NodeItem) {
          shown.followNote = note;
        }
      },
    };
  }

  /**
   * The row's tooltip, built when the row is hovered (ExplorerProvider.resolveTreeItem), not with the row: a redraw of
   * a 10,000-node pool then sends and keeps 10,000 rows without their tooltips (issue 13).
   */
  tooltip(): vscode.MarkdownString {
    const { node } = this;
    const kind = node.isDedicated === false ? vscode.l10n.t('spot') : vscode.l10n.t('dedicated');
    const state = node.state ?? 'unknown';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${md(node.id)}**\n\n`);
    tooltip.appendMarkdown(`${md(vscode.l10n.t('State'))}: ${md(readableNodeState(state))}${node.stateTransitionTime ? ` (${md(vscode.l10n.t('since {0}', formatDateTime(node.stateTransitionTime, vscode.env.language)))})` : ''}\n\n`);
    tooltip.appendMarkdown(`${md(vscode.l10n.t('VM size'))}: ${md(node.vmSize)} · ${md(kind)}\n\n`);
    if (node.ipAddress) {
      tooltip.appendMarkdown(`${md(vscode.l10n.t('IP address'))}: ${md(node.ipAddress)}\n\n`);
    }
    if (this.followNote) {
      tooltip.appendMarkdown(`$(warning) ${md(this.followNote)}\n\n`);
    }
    for (const error of node.errors ?? []) {
      tooltip.appendMarkdown(`$(error) **${md(error.code)}**: ${md(error.message)}\n\n`);
      for (const detail of error.errorDetails ?? []) {
        tooltip.appendMarkdown(`- ${md(detail.name)}: ${md(detail.value)}\n`);
      }
    }
    if (node.schedulingState) {
      tooltip.appendMarkdown(`${md(vscode.l10n.t('Scheduling'))}: ${md(node.schedulingState)}\n\n`);
    }
    const hint = remedyHint(nodeFacts(node));
    if (hint) {
      tooltip.appendMarkdown(`$(lightbulb) ${md(hint)}\n\n`);
    }
    if (state === 'starttaskfailed' || state === 'unusable') {
      // The first thing to do on such a node: read what its start task wrote (a trusted link to that one command).
      const args = encodeURIComponent(JSON.stringify([{ nodeRowId: this.id }]));
      tooltip.appendMarkdown(`\n$(output) [${md(vscode.l10n.t('Open Start Task Output'))}](command:azureBatch.openStartTaskOutput?${args})\n`);
      tooltip.isTrusted = { enabledCommands: ['azureBatch.openStartTaskOutput'] };
    }
    return tooltip;
  }

  getTreeItem(): vscode.TreeItem {
    const { node } = this;
    const transient = this.ctx.transient.get(this.id);
    const item = new vscode.TreeItem(node.id ?? '?', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const state = node.state ?? 'unknown';
    const scheduling = node.schedulingState === 'disabled' ? vscode.l10n.t('scheduling disabled') : undefined;
    item.description = [nodeDescription(node, this.parent.pool.vmSize, transient), this.followNote, scheduling].filter(Boolean).join(' · ');
    const look = nodeStateLook(state);
    item.iconPath = transient
      ? new vscode.ThemeIcon('loading~spin')
      : new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.contextValue = nodeContextValue(state, { transient: transient !== undefined, facts: nodeFacts(node) }) + (NODE_FILE_STATES.has(state) ? ' filesReadable' : '');
    item.accessibilityInformation = {
      label: vscode.l10n.t('Node {0}, {1}', node.id ?? '', item.description),
    };
    return item;
  }

  override getChildren(): TreeNode[] {
    this.files ??= new NodeFolderItem(this, this.ctx, this, '');
    return [this.files];
  }

  override invalidate(): void {
    this.files?.invalidate();
  }

  override resource(): ResourceRef {
    return {
      id: this.node.id ?? '',
      url: this.url,
      documentName: `${this.node.id}.json`,
      fetch: (token) => this.ctx.gateway.batch(this.parent.parent.account).getNode(this.parent.pool.id ?? '', this.node.id ?? '', undefined, token),
    };
  }
}
