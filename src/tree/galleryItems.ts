import * as vscode from 'vscode';
import { md } from './markdown';
import type { GalleryImage } from '../azure/arm/galleryModels.generated';
import type { GalleryInfo } from '../services/azureGateway';
import { ImageVersionList } from './imageVersionItems';
import type { TreeContext } from './treeContext';
import { TreeNode, type ResourceRef } from './treeNode';

const ARM = 'https://management.azure.com';

export class GalleryItem extends TreeNode {
  readonly id: string;

  constructor(parent: TreeNode, private readonly ctx: TreeContext, readonly gallery: GalleryInfo) {
    super(parent);
    this.id = gallery.id;
    // The image-definition editor finds the row to refresh after a create or update.
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.gallery.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = `${this.gallery.location} · ${this.gallery.resourceGroup}`;
    item.iconPath = new vscode.ThemeIcon('library');
    item.contextValue = 'azureBatchGallery';
    item.tooltip = new vscode.MarkdownString(`**${md(this.gallery.name)}**\n\n${md(this.gallery.description)}\n\n${md(this.gallery.id)}`);
    item.accessibilityInformation = { label: vscode.l10n.t('Compute gallery {0}', this.gallery.name) };
    return item;
  }

  override async getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    const images = await this.ctx.gateway.listImageDefinitions(this.gallery, token);
    return images.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')).map((image) => new ImageDefinitionItem(this, this.ctx, image));
  }

  override resource(): ResourceRef {
    return {
      id: this.gallery.id,
      url: `${ARM}${this.gallery.id}`,
      documentName: `${this.gallery.name}.json`,
      fetch: (token) => this.ctx.gateway.getArmResource(this.gallery.id, 'gallery', token),
    };
  }
}

/** "name" with "Linux · Generalized · V2 · x64", and the provisioning state when it is not Succeeded. */
export function imageDescription(image: GalleryImage): string {
  const p = image.properties;
  const parts = [p?.osType, p?.osState, p?.hyperVGeneration, p?.architecture].filter(Boolean) as string[];
  if (p?.provisioningState && p.provisioningState !== 'Succeeded') {
    parts.push(p.provisioningState);
  }
  return parts.join(' · ');
}

export class ImageDefinitionItem extends TreeNode {
  readonly id: string;
  /** Its image versions (children), a page at a time. */
  private readonly versions: ImageVersionList;

  constructor(override readonly parent: GalleryItem, private readonly ctx: TreeContext, readonly image: GalleryImage) {
    super(parent);
    this.id = image.id ?? `${parent.id}/images/${image.name}`;
    this.versions = new ImageVersionList(this, ctx);
  }

  get gallery(): GalleryInfo {
    return this.parent.gallery;
  }

  get imageName(): string {
    return this.image.name ?? '';
  }

  override getChildren(token: vscode.CancellationToken): Promise<TreeNode[]> {
    return this.versions.children(token);
  }

  override invalidate(): void {
    this.versions.invalidate();
  }

  /** "Load more…" under its versions. */
  loadMore(token?: vscode.CancellationToken): Promise<number> {
    return this.versions.loadMore(token);
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.image.properties;
    const item = new vscode.TreeItem(this.image.name ?? '?', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = imageDescription(this.image);
    const state = p?.provisioningState;
    item.iconPath =
      state === 'Failed' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
        : state && state !== 'Succeeded' ? new vscode.ThemeIcon('loading~spin')
          : new vscode.ThemeIcon(p?.osType === 'Windows' ? 'window' : 'terminal-linux');
    item.contextValue = 'azureBatchImageDefinition';
    const id = p?.identifier;
    item.tooltip = new vscode.MarkdownString(
      [`**${md(this.image.name)}**`, md(p?.description), id ? md(`${id.publisher} / ${id.offer} / ${id.sku}`) : '', md(item.description as string)].filter(Boolean).join('\n\n'),
    );
    item.accessibilityInformation = { label: vscode.l10n.t('Image definition {0}, {1}', this.image.name ?? '', item.description as string) };
    return item;
  }

  override resource(): ResourceRef {
    return {
      id: this.id,
      url: `${ARM}${this.id}`,
      documentName: `${this.image.name}.json`,
      fetch: (token) => this.ctx.gateway.getArmResource(this.id, 'imageDefinition', token),
    };
  }
}
