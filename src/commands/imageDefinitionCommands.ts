import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import type { ExplorerProvider } from '../tree/explorerProvider';
import { GalleryItem, ImageDefinitionItem } from '../tree/galleryItems';
import { GalleriesGroup, SubscriptionItem } from '../tree/subscriptionItems';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './commandWrapper';
import { pickTreeItem } from './pickTreeItem';

/** The way to a gallery: subscriptions and their "Compute Galleries" rows (Batch accounts are not offered). */
const towardGalleries = (node: TreeNode): boolean => node instanceof SubscriptionItem || node instanceof GalleriesGroup;

export function pickGallery(tree: ExplorerProvider, title: string): Promise<GalleryItem> {
  return pickTreeItem(tree, title, (n): n is GalleryItem => n instanceof GalleryItem, towardGalleries);
}

export function pickImageDefinition(tree: ExplorerProvider, title: string): Promise<ImageDefinitionItem> {
  return pickTreeItem(tree, title, (n): n is ImageDefinitionItem => n instanceof ImageDefinitionItem, (n) => towardGalleries(n) || n instanceof GalleryItem);
}

/**
 * "Create Image Definition…": from a gallery's context menu, or from the palette with a gallery picker. Opens the
 * JSON editor on a new definition of that gallery (one editor, and one kept draft, per gallery).
 */
export async function createImageDefinition({ tree, editors }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const gallery = node instanceof GalleryItem ? node : await pickGallery(tree, vscode.l10n.t('Create an image definition in which gallery?'));
  editors.openImageDefinition({ gallery: gallery.gallery });
}

/**
 * "Edit Image Definition…": from an image definition's context menu, or from the palette with a picker. Opens the
 * JSON editor on the definition as it is now (one editor, and one kept draft, per gallery and name).
 */
export async function editImageDefinition({ tree, editors }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const item = node instanceof ImageDefinitionItem ? node : await pickImageDefinition(tree, vscode.l10n.t('Edit which image definition?'));
  editors.openImageDefinition({ gallery: item.parent.gallery, imageName: item.image.name ?? '' });
}
