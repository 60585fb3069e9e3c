/**
 * The Files row under a compute node: the node's files and folders (GET …/files?recursive=false, a page at a time
 * with "Load more…"), folders expand, a file opens read-only in an editor tab (azureBatch.openNodeFile). Size and
 * last-modified come from the listing's properties.
 */
import * as vscode from 'vscode';
import type { BatchNode } from '../azure/batch/batchModels.generated';
import { formatFileSize, nodeFileBaseName } from '../nodeActions/nodeFileText';
import type { NodeFilePage } from '../services/azureGateway';
import { explainNodeFileError } from '../services/nodeFileSystem';
import { nodeFileUri } from '../services/nodeFileUri';
import { formatDateTime, plural } from '../utils/format';
import { md } from './markdown';
import { ActionItem } from './messageItems';
import type { PoolRow } from './rowTypes';
import type { TreeContext } from './treeContext';
import { TreeNode } from './treeNode';

/** Node states in which the node agent answers file requests (the service refuses the others with 409). */
export const NODE_FILE_STATES: ReadonlySet<string> = new Set(['idle', 'running', 'offline', 'starttaskfailed', 'waitingforstarttask', 'unusable', 'leavingpool']);

/** What a Files row needs of its node's row (NodeItem), without importing it. */
export interface NodeRow extends TreeNode {
  readonly id: string;
  readonly parent: PoolRow;
  readonly node: BatchNode;
}

function forget(ctx: TreeContext, rows: readonly TreeNode[]): void {
  for (const row of rows) {
    if (ctx.items.get(row.id) === row) {
      ctx.items.delete(row.id);
    }
  }
}

/** A file on a node: click opens it in an editor tab (read-only). */
export class NodeFileItem extends TreeNode {
  readonly id: string;

  constructor(override readonly parent: NodeFolderItem, readonly nodeRow: NodeRow, readonly filePath: string, readonly size: number | undefined, readonly lastModified: string | undefined) {
    super(parent);
    this.id = `${nodeRow.id}/files/${filePath}`;
  }

  get uri(): vscode.Uri {
    const { parent: pool, node } = this.nodeRow;
    return nodeFileUri(pool.parent.account, pool.pool.id ?? '', node.id ?? '', this.filePath);
  }

  getTreeItem(): vscode.TreeItem {
    const name = nodeFileBaseName(this.filePath);
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.resourceUri = this.uri;
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'azureBatchNodeFile';
    const size = this.size === undefined ? '' : formatFileSize(this.size);
    item.description = size;
    const modified = this.lastModified ? formatDateTime(this.lastModified, vscode.env.language) : '';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${md(this.filePath)}**\n\n`);
    if (size) {
      tooltip.appendMarkdown(`${md(vscode.l10n.t('Size'))}: ${md(size)} (${md(plural(vscode.env.language, this.size!, vscode.l10n.t('{0} byte|{0} bytes'), this.size!))})\n\n`);
    }
    if (modified) {
      tooltip.appendMarkdown(`${md(vscode.l10n.t('Last modified'))}: ${md(modified)}\n\n`);
    }
    item.tooltip = tooltip;
    item.command = { title: vscode.l10n.t('Open'), command: 'azureBatch.openNodeFile', arguments: [this] };
    item.accessibilityInformation = { label: vscode.l10n.t('File {0}, {1}', this.filePath, [size, modified].filter(Boolean).join(', ')) };
    return item;
  }
}

/** A folder on a node (or the node's root: the "Files" row), its entries a page at a time. */
export class NodeFolderItem extends TreeNode {
  readonly id: string;
  private entries: TreeNode[] | undefined;
  private nextLink: string | undefined;

  constructor(
    override readonly parent: TreeNode,
    private readonly ctx: TreeContext,
    readonly nodeRow: NodeRow,
    /** '' for the Files row. */
    readonly folder: string,
    private readonly lastModified?: string,
  ) {
    super(parent);
    this.id = folder === '' ? `${nodeRow.id}/files` : `${nodeRow.id}/files/${folder}`;
  }

  getTreeItem(): vscode.TreeItem {
    const root = this.folder === '';
    const label = root ? vscode.l10n.t('Files') : nodeFileBaseName(this.folder);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = root ? new vscode.ThemeIcon('files') : vscode.ThemeIcon.Folder;
    item.contextValue = root ? 'azureBatchNodeFiles azureBatchNodeFolder' : 'azureBatchNodeFolder';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(root
      ? md(vscode.l10n.t('Files and folders on node {0}', this.nodeRow.node.id ?? ''))
      : `**${md(this.folder)}**${this.lastModified ? `\n\n${md(vscode.l10n.t('Last modified'))}: ${md(formatDateTime(this.lastModified, vscode.env.language))}` : ''}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: root ? vscode.l10n.t('Files of node {0}', this.nodeRow.node.id ?? '') : vscode.l10n.t('Folder {0}', this.folder) };
    return item;
  }

  override invalidate(): void {
    forget(this.ctx, this.entries ?? []);
    this.entries = undefined;
    this.nextLink = undefined;
  }

  private async fetch(nextLink: string | undefined, token?: vscode.CancellationToken): Promise<NodeFilePage> {
    const { parent: pool, node } = this.nodeRow;
    try {
      return await this.ctx.gateway.batch(pool.parent.account).listNodeFiles(pool.pool.id ?? '', node.id ?? '', {
        folder: this.folder,
        maxResults: this.ctx.settings.current.nodesPageSize,
        nextLink,
      }, token);
    } catch (error) {
      const name = (error as { name?: string } | undefined)?.name;
      if (name === 'RequestCancelledError' || name === 'AbortError') {
        throw error;
      }
      throw explainNodeFileError({ poolId: pool.pool.id ?? '', nodeId: node.id ?? '', filePath: this.folder }, error, true);
    }
  }

  private rows(page: NodeFilePage): TreeNode[] {
    return page.files
      .filter((f) => f.name && f.name.replace(/[\\/]+$/, '') !== this.folder)
      .map((f) => {
        const name = f.name!.replace(/\\/g, '/').replace(/\/+$/, '');
        const modified = f.properties?.lastModified;
        if (f.isDirectory) {
          return new NodeFolderItem(this, this.ctx, this.nodeRow, name, modified);
        }
        const size = Number(f.properties?.contentLength);
        return new NodeFileItem(this, this.nodeRow, name, Number.isFinite(size) ? size : undefined, modified);
      });
  }

  override async getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    if (!this.entries) {
      const page = await this.fetch(undefined, token);
      this.entries = this.rows(page);
      this.nextLink = page.nextLink;
    }
    const children = [...this.entries];
    if (this.nextLink) {
      children.push(new ActionItem(this, `${this.id}/#loadMore`, vscode.l10n.t('Load more…'), {
        title: vscode.l10n.t('Load more…'), command: 'azureBatch.loadMoreNodeFiles', arguments: [this],
      }, undefined, 'azureBatchLoadMore', plural(vscode.env.language, this.entries.length, vscode.l10n.t('{0} entry loaded|{0} entries loaded'), this.entries.length)));
    }
    if (children.length === 0) {
      children.push(new ActionItem(this, `${this.id}/#none`, vscode.l10n.t('No files'), {
        title: vscode.l10n.t('Refresh'), command: 'azureBatch.refresh', arguments: [this],
      }, 'info', 'azureBatchEmpty'));
    }
    return children;
  }

  get hasMore(): boolean {
    return this.nextLink !== undefined;
  }

  /** "Load more…": appends the next page; returns how many entries were added. */
  async loadMore(token?: vscode.CancellationToken): Promise<number> {
    if (!this.entries || !this.nextLink) {
      return 0;
    }
    const page = await this.fetch(this.nextLink, token);
    const known = new Set(this.entries.map((e) => e.id));
    const added = this.rows(page).filter((row) => !known.has(row.id));
    this.entries.push(...added);
    this.nextLink = page.nextLink;
    this.ctx.redraw(this);
    return added.length;
  }
}
