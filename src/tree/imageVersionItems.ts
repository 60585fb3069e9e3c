import * as vscode from 'vscode';
import type { GalleryImageVersion } from '../azure/arm/galleryImageVersionModels.generated';
import type { GalleryInfo } from '../services/azureGateway';
import { imageVersionDescription, imageVersionIcon, imageVersionTooltip } from './imageVersionText';
import { ActionItem } from './messageItems';
import { loadMoreLabel } from './rowText';
import type { TreeContext } from './treeContext';
import { TreeNode, type ResourceRef } from './treeNode';

const ARM = 'https://management.azure.com';

/** What a version row needs of its image definition row (without importing galleryItems.ts: no cycle). */
export interface ImageDefinitionRow extends TreeNode {
  readonly gallery: GalleryInfo;
  readonly imageName: string;
}

/** An image version: name; provisioning state in words (· end of life once past); replication in the tooltip. */
export class ImageVersionItem extends TreeNode {
  readonly id: string;

  constructor(override readonly parent: ImageDefinitionRow, private readonly ctx: TreeContext, readonly version: GalleryImageVersion) {
    super(parent);
    this.id = version.id ?? `${parent.id}/versions/${version.name}`;
  }

  getTreeItem(): vscode.TreeItem {
    const now = Date.now();
    const item = new vscode.TreeItem(this.version.name ?? '?', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = imageVersionDescription(this.version, now);
    const look = imageVersionIcon(this.version, now);
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.contextValue = 'imageVersion';
    item.tooltip = new vscode.MarkdownString(imageVersionTooltip(this.version, now, vscode.env.language));
    item.accessibilityInformation = { label: vscode.l10n.t('Image version {0}, {1}', this.version.name ?? '', item.description) };
    return item;
  }

  override resource(): ResourceRef {
    return {
      id: this.id,
      url: `${ARM}${this.id}`,
      documentName: `${this.parent.imageName}-${this.version.name}.json`,
      fetch: (token) => this.ctx.gateway.getArmResource(this.id, 'imageVersion', token),
    };
  }
}

/**
 * The versions under an image definition, a page at a time ("Load more…"), "No image versions" when there are none.
 * A failed page throws: the explorer shows its error row with Retry.
 */
export class ImageVersionList {
  private versions: ImageVersionItem[] | undefined;
  private nextLink: string | undefined;

  constructor(private readonly row: ImageDefinitionRow, private readonly ctx: TreeContext) {}

  invalidate(): void {
    this.versions = undefined;
    this.nextLink = undefined;
  }

  async children(token: vscode.CancellationToken): Promise<TreeNode[]> {
    if (!this.versions) {
      const page = await this.ctx.gateway.galleryImages(this.row.gallery).listVersionsPage(this.row.imageName, undefined, token);
      this.versions = page.items.map((v) => new ImageVersionItem(this.row, this.ctx, v));
      this.nextLink = page.nextLink;
    }
    const children: TreeNode[] = [...this.versions];
    if (this.nextLink) {
      children.push(new ActionItem(this.row, `${this.row.id}/#loadMoreVersions`, loadMoreLabel(this.versions.length, undefined, vscode.env.language), {
        title: vscode.l10n.t('Load more…'), command: 'azureBatch.loadMore', arguments: [this.row],
      }, undefined, 'azureBatchLoadMore'));
    }
    if (children.length === 0) {
      children.push(new ActionItem(this.row, `${this.row.id}/#noVersions`, vscode.l10n.t('No image versions'), {
        title: vscode.l10n.t('Refresh'), command: 'azureBatch.refresh', arguments: [this.row],
      }, 'info', 'azureBatchEmpty'));
    }
    return children;
  }

  /** "Load more…": appends the next page; the number of versions added. */
  async loadMore(token?: vscode.CancellationToken): Promise<number> {
    if (!this.versions || !this.nextLink) {
      return 0;
    }
    const page = await this.ctx.gateway.galleryImages(this.row.gallery).listVersionsPage(this.row.imageName, this.nextLink, token);
    const known = new Set(this.versions.map((v) => v.id));
    const added = page.items.map((v) => new ImageVersionItem(this.row, this.ctx, v)).filter((v) => !known.has(v.id));
    this.versions.push(...added);
    this.nextLink = page.nextLink;
    this.ctx.redraw(this.row);
    return added.length;
  }
}
