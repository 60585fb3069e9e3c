import * as vscode from 'vscode';
import type { ExtensionServices } from '../extensionServices';
import {
  batchAccountPortalUrl, galleryPortalUrl, imageDefinitionPortalUrl, poolPortalUrl, type PortalContext, type PortalLink,
} from '../portal/portalUrls';
import { BatchAccountItem } from '../tree/batchAccountItem';
import { GalleryItem, ImageDefinitionItem } from '../tree/galleryItems';
import { PoolItem } from '../tree/poolItem';
import type { TreeNode } from '../tree/treeNode';
import { ActionableError } from '../utils/errors';
import type { CommandContext } from './commandWrapper';
import { pickTreeItem } from './pickTreeItem';
import { isBranch } from './treeAccess';

type PortalRow = BatchAccountItem | PoolItem | GalleryItem | ImageDefinitionItem;

const isPortalRow = (n: TreeNode): n is PortalRow =>
  (n instanceof BatchAccountItem && n.account.armId !== undefined) || (n instanceof PoolItem && n.parent.account.armId !== undefined)
  || n instanceof GalleryItem || n instanceof ImageDefinitionItem;

/** The cloud (and a custom cloud's portal) from the user's settings, like the Azure clients read them. */
function portalContext(): PortalContext {
  const config = vscode.workspace.getConfiguration('azureBatch');
  const user = <T>(key: string): T | undefined => config.inspect<T>(key)?.globalValue;
  return {
    cloud: user<PortalContext['cloud']>('cloud') ?? 'AzureCloud',
    customPortalEndpoint: user<string>('customCloud.portalEndpoint'),
  };
}

function linkFor(row: PortalRow, context: PortalContext): PortalLink {
  if (row instanceof BatchAccountItem) {
    return batchAccountPortalUrl(context, row.account);
  }
  if (row instanceof PoolItem) {
    return poolPortalUrl(context, row.parent.account, row.pool.id ?? '');
  }
  if (row instanceof GalleryItem) {
    return galleryPortalUrl(context, row.gallery.id);
  }
  return imageDefinitionPortalUrl(context, row.image.id ?? '');
}

/**
 * "Open in Portal" on a Batch account, pool, Compute Gallery or image definition: the resource in the Azure portal
 * of the chosen cloud. Accounts attached by URL have no ARM id and are not offered. Returns the URL it opened.
 */
export async function openInPortal({ tree, log, openExternal }: ExtensionServices, ctx: CommandContext, node?: TreeNode): Promise<string> {
  ctx.telemetry.properties.source = node ? 'tree' : 'palette';
  const row = node && isPortalRow(node) ? node : await pickTreeItem(tree, vscode.l10n.t('Open which resource in the Azure portal?'), isPortalRow, isBranch);
  const link = linkFor(row, portalContext());
  if (!link.ok) {
    const { setting } = link;
    // The remedy is a setting: a button opens the Settings editor at it (its search box holds the setting's id).
    const openSettings = { title: vscode.l10n.t('Open Settings'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', setting) };
    throw new ActionableError(link.reason, 'NoPortalLink', setting ? [openSettings] : []);
  }
  log.info(`Opening ${link.url} in the browser.`);
  const opened = await openExternal(vscode.Uri.parse(link.url, true));
  if (opened && link.note) {
    void vscode.window.showInformationMessage(link.note);
  }
  return link.url;
}
