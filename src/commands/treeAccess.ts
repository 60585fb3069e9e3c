import { ext } from '../ext';
import { BatchAccountItem } from '../tree/batchAccountItem';
import { GalleryItem } from '../tree/galleryItems';
import type { ExplorerProvider } from '../tree/explorerProvider';
import { AttachedAccountsItem } from '../tree/rootItems';
import { BatchAccountsGroup, GalleriesGroup, SubscriptionItem } from '../tree/subscriptionItems';
import { PoolItem } from '../tree/poolItem';
import type { TreeNode } from '../tree/treeNode';

export function tree(): ExplorerProvider {
  const provider = ext().tree;
  if (!provider) {
    throw new Error('The Azure Batch explorer is not ready.');
  }
  return provider;
}

/** Rows a picker may open on its way to a resource. */
export function isBranch(node: TreeNode): boolean {
  return node instanceof SubscriptionItem || node instanceof BatchAccountsGroup || node instanceof GalleriesGroup ||
    node instanceof AttachedAccountsItem || node instanceof BatchAccountItem || node instanceof GalleryItem || node instanceof PoolItem;
}
