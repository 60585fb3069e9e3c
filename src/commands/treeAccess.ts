import { BatchAccountItem } from '../tree/batchAccountItem';
import { GalleryItem } from '../tree/galleryItems';
import { AttachedAccountsItem } from '../tree/rootItems';
import { BatchAccountsGroup, GalleriesGroup, SubscriptionItem } from '../tree/subscriptionItems';
import { PoolItem } from '../tree/poolItem';
import type { TreeNode } from '../tree/treeNode';

/** Rows a picker may open on its way to a resource. */
export function isBranch(node: TreeNode): boolean {
  return node instanceof SubscriptionItem || node instanceof BatchAccountsGroup || node instanceof GalleriesGroup ||
    node instanceof AttachedAccountsItem || node instanceof BatchAccountItem || node instanceof GalleryItem || node instanceof PoolItem;
}

/** Rows a pool picker opens on its way to a pool: no galleries, and a pool is picked, not opened ("Use …"). */
export function isPoolBranch(node: TreeNode): boolean {
  return node instanceof SubscriptionItem || node instanceof BatchAccountsGroup || node instanceof AttachedAccountsItem || node instanceof BatchAccountItem;
}
