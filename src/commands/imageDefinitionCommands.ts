import * as vscode from 'vscode';
import { ext } from '../ext';
import { GalleryItem, ImageDefinitionItem } from '../tree/galleryItems';
import { GalleriesGroup, SubscriptionItem } from '../tree/subscriptionItems';
import type { TreeNode } from '../tree/treeNode';
import type { CommandContext } from './commandWrapper';
import { pickTreeItem } from './pickTreeItem';
import { tree } from './treeAccess';

/** The way to a gallery: subscriptions and their "Compute Galleries" rows (Batch accounts are not offered). */
const towardGalleries = (node: TreeNode): boolean => node instanceof SubscriptionItem || node instanceof GalleriesGroup;

export function pickGallery(title: string): Promise<GalleryItem> {
  return pickTreeItem(tree(), title, (n): n is GalleryItem => n instanceof GalleryItem, towardGalleries);
}

export function pickImageDefinition(title: string): Promise<ImageDefinitionItem> {
  return pickTreeItem(tree(), title, (n): n is ImageDefinitionItem => n instanceof ImageDefinitionItem, (n) => towardGalleries(n) || n instanceof GalleryItem);
}

/**
 * "Create Image Definition…": from a gallery's context menu, or from the palette with a gallery picker. Opens the
 * JSON editor on a new definition of that gallery (one editor, and one kept draft, per gallery).
 */
export async function createImageDefinition(ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const gallery = node instanceof GalleryItem ? node : await pickGallery(vscode.l10n.t('Create an image definition in which gallery?'));
  ext().editors.imageDefinition.openImageDefinitionEditor({ gallery: gallery.gallery });
}

/**
 * "Edit Image Definition…": from an image definition's context menu, or from the palette with a picker. Opens the
 * JSON editor on the definition as it is now (one editor, and one kept draft, per gallery and name).
 */
export async function editImageDefinition(ctx: CommandContext, node?: TreeNode): Promise<void> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const item = node instanceof ImageDefinitionItem ? node : await pickImageDefinition(vscode.l10n.t('Edit which image definition?'));
  ext().editors.imageDefinition.openImageDefinitionEditor({ gallery: item.parent.gallery, imageName: item.image.name ?? '' });
}
