/**
 * "Edit Image Definition…": the JSON editor on an existing definition (PUT …/galleries/{galleryName}/images/{name},
 * Compute Gallery 2024-03-03): what cannot change, the definition's state, a conflict when it changed meanwhile, and
 * the long-running PUT (src/gallery/imagePut.ts) with its progress.
 */
import * as vscode from 'vscode';
import type { GalleryImage } from '../../azure/arm/galleryModels.generated';
import { changeRows, changed, diffDefinition } from '../../gallery/diff';
import { IMAGE_DEFINITION_SCHEMA } from '../../gallery/imageDefinitionSchema.generated';
import { buildDefinitionPreview } from '../../gallery/preview';
import { checkChangesToExisting, checkDefinitionRules, checkLocation } from '../../gallery/validators';
import type { EditorIssue, LoadedDocument, PreviewNotice, SubmitOutcome } from '../../jsonEditing/editorModel';
import type { JsonEditorSpec } from '../../jsonEditing/editorSpec';
import { isJsonObject, jsonEqual, type JsonObject } from '../../jsonEditing/jsonValue';
import type { EditorDependencies } from '../editorDependencies';
import { editedLoaded, putWithProgress } from './imagePutWithProgress';
import { IMAGE_DEFINITION_VIEW_TYPE, imageDefinitionKey, type ImageDefinitionTarget } from './protocol';

/** States in which the service refuses changes until the running operation ends. */
const BUSY_STATES: ReadonlySet<string> = new Set(['Creating', 'Updating', 'Deleting', 'Migrating']);

/** The spec of "Edit Image Definition…" on an existing definition; `openBanner`: what it opens with (e.g. "Created …"). */
export function editImageDefinitionSpec(target: ImageDefinitionTarget & { imageName: string }, deps: EditorDependencies, openBanner?: PreviewNotice): JsonEditorSpec {
  const { gallery, imageName } = target;
  const images = deps.gateway.galleryImages(gallery);
  let where = { imagesUrl: '', apiVersion: '' };
  const stateOf = (loaded: LoadedDocument) => (isJsonObject(loaded.context) ? (loaded.context['provisioningState'] as string | undefined) : undefined);
  const changedMeanwhile = () => vscode.l10n.t('Nothing was sent: {0} was changed by someone else since your draft was based on it. Your draft is kept.', imageName);

  async function submit(draft: unknown, loaded: LoadedDocument, _fields: unknown, progress: (label: string) => void): Promise<SubmitOutcome> {
    const body = draft as JsonObject;
    // Compare with the definition as it is now (not every answer carries an ETag to guard the PUT with).
    const fresh = await images.get(imageName);
    const latest = editedLoaded(fresh.image, fresh.etag);
    if (!jsonEqual(latest.current, loaded.current) || (loaded.version && fresh.etag && fresh.etag !== loaded.version)) {
      return { kind: 'conflict', latest, message: changedMeanwhile() };
    }
    const changes = changed(diffDefinition(loaded.current, body));
    // If-Match: the ETag read just before the check above, when the service gave one (else the one the draft is based on).
    const ifMatch = fresh.etag ?? loaded.version;
    const result = await putWithProgress(deps, gallery, { galleryName: gallery.name, name: imageName, body, mode: 'update', ifMatch }, progress);
    if (result.kind === 'failed') {
      return result.changedMeanwhile
        ? { kind: 'conflict', latest: editedLoaded(result.changedMeanwhile.image, result.changedMeanwhile.etag), message: changedMeanwhile() }
        : result.outcome;
    }
    return updated(result.image, result.etag, changes);
  }

  function updated(image: GalleryImage, etag: string | undefined, changes: ReturnType<typeof changed>): SubmitOutcome {
    const provisioningState = image.properties?.provisioningState ?? 'Succeeded';
    return {
      kind: 'applied',
      message: changes.length
        ? vscode.l10n.t('Image definition {0} updated: {1}; provisioningState {2}.', imageName, changeRows(changes).map((r) => `${r.label} ${r.kind}`).join(', '), provisioningState)
        : vscode.l10n.t('Image definition {0} sent again: provisioningState {1}.', imageName, provisioningState),
      rows: changeRows(changes),
      latest: editedLoaded(image, etag),
    };
  }

  return {
    viewType: IMAGE_DEFINITION_VIEW_TYPE,
    key: imageDefinitionKey(target),
    title: vscode.l10n.t('Edit image definition {0}', imageName),
    subtitle: vscode.l10n.t('PUT …/galleries/{0}/images/{1} · resource group {2} · {3}', gallery.name, imageName, gallery.resourceGroup, gallery.location),
    schema: IMAGE_DEFINITION_SCHEMA,
    submitLabel: vscode.l10n.t('Update'),
    revival: { gallery, imageName, kind: 'edit' },
    openBanner,
    async load() {
      where = await images.describe();
      const { image, etag } = await images.get(imageName);
      return editedLoaded(image, etag);
    },
    validate(draft, loaded) {
      if (!isJsonObject(draft)) {
        return [];
      }
      const issues: EditorIssue[] = [...checkDefinitionRules(draft, new Date()), ...checkLocation(draft, gallery.location), ...checkChangesToExisting(loaded.current, draft)];
      const state = stateOf(loaded);
      if (state && BUSY_STATES.has(state)) {
        issues.push({
          path: [],
          severity: 'error',
          source: 'state',
          message: vscode.l10n.t('{0} is {1} now: the service refuses changes until that operation ends. Reload to see its state.', imageName, state),
        });
      }
      return issues;
    },
    preview(draft, loaded) {
      if (!isJsonObject(draft)) {
        return { summary: vscode.l10n.t('The draft must be a JSON object: the image definition.'), rows: [], notices: [] };
      }
      return buildDefinitionPreview({
        mode: 'edit', name: imageName, galleryName: gallery.name, draft,
        existing: { doc: loaded.current, provisioningState: stateOf(loaded) }, etag: loaded.version, ...where,
      });
    },
    submit,
  };
}
