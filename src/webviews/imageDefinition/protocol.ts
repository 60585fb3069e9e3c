/**
 * What identifies an image-definition editor: kept by its webview (setState) to restore the panel after a window
 * reload, and checked when it comes back. Pure.
 */
import { checkImageName } from '../../gallery/imageDefinitionModel';
import { isJsonObject } from '../../jsonEditing/jsonValue';
import type { GalleryInfo } from '../../services/azureGateway';

export const IMAGE_DEFINITION_VIEW_TYPE = 'azureBatch.imageDefinition';

export interface ImageDefinitionTarget {
  gallery: GalleryInfo;
  /** The definition to edit; absent = create a new one (its name is the panel's Name field). */
  imageName?: string;
}

/** One draft per gallery for a new definition, one per gallery and name for an edit. */
export function imageDefinitionKey(target: ImageDefinitionTarget): string {
  const gallery = target.gallery.id.toLowerCase();
  return target.imageName ? `${gallery}/images/${target.imageName.toLowerCase()}` : `${gallery}/images/#new`;
}

function isGallery(value: unknown): value is GalleryInfo {
  return isJsonObject(value) && ['id', 'name', 'location', 'subscriptionId', 'resourceGroup'].every((k) => typeof value[k] === 'string');
}

/** The target the revival state names, when it names a gallery (and a valid definition name, for an edit). */
export function imageDefinitionTargetOf(revival: unknown): ImageDefinitionTarget | undefined {
  if (!isJsonObject(revival) || !isGallery(revival['gallery'])) {
    return undefined;
  }
  const imageName = revival['imageName'];
  if (imageName !== undefined && (typeof imageName !== 'string' || checkImageName(imageName) !== undefined)) {
    return undefined;
  }
  return { gallery: revival['gallery'], ...(imageName ? { imageName } : {}) };
}
