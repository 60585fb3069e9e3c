import * as vscode from 'vscode';
import type { GalleryImage } from '../../azure/arm/galleryModels.generated';
import { editableDocument, type IdentifierTriple } from '../../gallery/imageDefinitionModel';
import { putImageDefinition, putVerb, type ImagePutRequest, type ImagePutResult } from '../../gallery/imagePut';
import type { ExistingDefinition } from '../../gallery/validators';
import type { LoadedDocument } from '../../jsonEditing/editorModel';
import type { GalleryInfo } from '../../services/azureGateway';
import { errorDetails } from '../../utils/errors';
import type { EditorDependencies } from '../editorDependencies';

/**
 * Sends the PUT (src/gallery/imagePut.ts) and follows it with its progress in a cancellable notification and in the
 * panel's status line (`showInPanel`); the gallery's row is refreshed afterwards, whatever the end.
 */
export async function putWithProgress(deps: EditorDependencies, gallery: GalleryInfo, request: ImagePutRequest, showInPanel: (label: string) => void): Promise<ImagePutResult> {
  const verb = putVerb(request.mode);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('{0} image definition {1}', verb, request.name), cancellable: true },
      (progress, token) => putImageDefinition(deps.gateway.galleryImages(gallery), request, {
        cancellationToken: token,
        onProgress: (message) => {
          progress.report({ message });
          showInPanel(vscode.l10n.t('{0} {1}: {2}', verb, request.name, message));
        },
        log: {
          info: (line) => deps.log.info(line),
          error: (line, error) => deps.log.error(`${line}: ${errorDetails(error)}`),
        },
      }),
    );
  } finally {
    deps.refreshTreeItem(gallery.id);
  }
}

/** The gallery's definitions as the validators know them (name and identifier). */
export const existingDefinitions = (images: readonly GalleryImage[] | undefined): ExistingDefinition[] =>
  (images ?? []).map((i) => ({ name: i.name ?? '', identifier: i.properties?.identifier as IdentifierTriple | undefined }));

export const fetchedAt = (): string => new Date().toLocaleTimeString();

/** An existing definition as the edit panel's version: its editable document, provisioningState and ETag. */
export function editedLoaded(image: GalleryImage, etag: string | undefined): LoadedDocument {
  const doc = editableDocument(image);
  const state = image.properties?.provisioningState ?? '?';
  return {
    current: doc,
    initial: structuredClone(doc),
    version: etag,
    versionLabel: etag
      ? vscode.l10n.t('provisioningState {0} · ETag {1} · fetched {2}', state, etag, fetchedAt())
      : vscode.l10n.t('provisioningState {0} · fetched {1}', state, fetchedAt()),
    context: { provisioningState: image.properties?.provisioningState },
  };
}
