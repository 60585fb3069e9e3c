/**
 * "Create Image Definition…": the JSON editor on the body of PUT …/galleries/{galleryName}/images/{galleryImageName}
 * (Compute Gallery 2024-03-03) for a new definition: the starting document, the name field, validation against the
 * gallery (duplicate identifiers and names), the confirmation before replacing an existing definition, and the
 * long-running PUT (src/gallery/imagePut.ts) with its progress.
 */
import * as vscode from 'vscode';
import type { GalleryImage } from '../../azure/arm/galleryModels.generated';
import { changeRows, changed, changesText, diffDefinition } from '../../gallery/diff';
import { checkImageName, commonPublisher, editableDocument, findByName, newDefinitionDraft } from '../../gallery/imageDefinitionModel';
import { IMAGE_DEFINITION_SCHEMA } from '../../gallery/imageDefinitionSchema.generated';
import { buildDefinitionPreview } from '../../gallery/preview';
import { NAME_FIELD } from '../../gallery/serviceErrors';
import { checkChangesToExisting, checkDefinitionRules, checkIdentifierUnique, checkLocation, identifierHolder } from '../../gallery/validators';
import type { EditorIssue, FieldValues, PreviewNotice, SubmitOutcome } from '../../jsonEditing/editorModel';
import type { EditorFieldSpec, JsonEditorSpec } from '../../jsonEditing/editorSpec';
import { isJsonObject, jsonEqual, type JsonObject } from '../../jsonEditing/jsonValue';
import { errorMessage } from '../../utils/errors';
import type { EditorDependencies } from '../editorDependencies';
import { existingDefinitions, fetchedAt, putWithProgress } from './imagePutWithProgress';
import { IMAGE_DEFINITION_VIEW_TYPE, imageDefinitionKey, type ImageDefinitionTarget } from './protocol';

const nameField = (): EditorFieldSpec => ({
  id: NAME_FIELD,
  label: vscode.l10n.t('Name'),
  placeholder: vscode.l10n.t('e.g. ubuntu-2204-batch'),
  description: vscode.l10n.t("Letters and digits; '.', '-' and '_' only in the middle; at most 80 characters."),
  initial: (loaded) => (isJsonObject(loaded.context) && typeof loaded.context['name'] === 'string' ? loaded.context['name'] : ''),
  validate: (value) => checkImageName(value),
});

/**
 * The spec of "Create Image Definition…" on a gallery. After a successful create (or replace) the panel becomes the
 * editor of that definition: `becomeEditor` opens it in the panel's place, with `banner`, and closes this one.
 */
export function createImageDefinitionSpec(target: ImageDefinitionTarget, deps: EditorDependencies, becomeEditor: (imageName: string, banner: PreviewNotice) => void): JsonEditorSpec {
  const { gallery } = target;
  const images = deps.gateway.galleryImages(gallery);
  /** The gallery's definitions as last listed (on open, and before each submit): duplicate identifiers and names. */
  let listed: GalleryImage[] | undefined;
  let where = { imagesUrl: '', apiVersion: '' };
  const existingNamed = (name: string) => (listed && !checkImageName(name) ? findByName(listed, name) : undefined);
  const relist = async () => {
    listed = await images.list().catch(() => listed);
  };

  /** Asks before replacing `existing`, then re-reads it: the ETag to send, or the outcome that ends the submit. */
  async function confirmReplace(existing: GalleryImage, name: string, body: JsonObject): Promise<{ etag?: string } | SubmitOutcome> {
    const doc = editableDocument(existing);
    const existingName = existing.name ?? name;
    const blockers = checkChangesToExisting(doc, body).filter((i) => i.severity === 'error');
    if (blockers.length) {
      return {
        kind: 'failed',
        message: vscode.l10n.t('Nothing was sent: {0} already exists, and the draft changes what cannot change after creation. Choose another name, or keep those values. Your draft is kept.', existingName),
        issues: blockers,
      };
    }
    const changes = diffDefinition(doc, body);
    const replace = vscode.l10n.t('Replace');
    const state = existing.properties?.provisioningState;
    const answer = await vscode.window.showWarningMessage(
      state
        ? vscode.l10n.t('An image definition named "{0}" already exists in gallery {1} (provisioningState {2}). Replace it with your draft?', existingName, gallery.name, state)
        : vscode.l10n.t('An image definition named "{0}" already exists in gallery {1}. Replace it with your draft?', existingName, gallery.name),
      { modal: true, detail: vscode.l10n.t('The PUT replaces the whole definition. What would change ({0}):\n\n{1}', changed(changes).length, changesText(changes)) },
      replace,
    );
    if (answer !== replace) {
      return { kind: 'nothing', message: vscode.l10n.t('Nothing was sent: {0} already exists and was left as it is. Your draft is kept; give it another name to create a new definition.', existingName) };
    }
    // The modal may have stayed open a while: send only if the definition is still what its diff was computed from.
    let reread: { image: GalleryImage; etag?: string };
    try {
      reread = await images.get(existingName);
    } catch (error) {
      await relist();
      return { kind: 'failed', message: vscode.l10n.t('Nothing was sent: {0} could not be read again to check that it did not change meanwhile: {1} Your draft is kept.', existingName, errorMessage(error)), issues: [] };
    }
    if (!jsonEqual(editableDocument(reread.image), doc)) {
      await relist();
      return { kind: 'failed', message: vscode.l10n.t('Nothing was sent: {0} was changed by someone else while you were asked, so what replacing it would change is no longer what you reviewed. Press Create again to review the changes again. Your draft is kept.', existingName), issues: [] };
    }
    return { etag: reread.etag };
  }

  async function submit(draft: unknown, _loaded: unknown, fields: FieldValues, progress: (label: string) => void): Promise<SubmitOutcome> {
    const body = draft as JsonObject;
    const name = fields[NAME_FIELD] ?? '';
    // The gallery as it is now: another definition may have taken the identifier or the name since the panel opened.
    try {
      listed = await images.list();
    } catch (error) {
      return { kind: 'failed', message: vscode.l10n.t('Nothing was sent: the gallery\'s definitions could not be listed to check for duplicates: {0} Your draft is kept.', errorMessage(error)), issues: [] };
    }
    const holder = identifierHolder(body, name, existingDefinitions(listed));
    if (holder) {
      return {
        kind: 'failed',
        message: vscode.l10n.t('Nothing was sent: image definition {0} already uses this identifier; the service rejects duplicates within a gallery. Your draft is kept.', holder.name),
        issues: checkIdentifierUnique(body, name, existingDefinitions(listed), gallery.name),
      };
    }
    const existing = findByName(listed, name);
    let replaceEtag: string | undefined;
    if (existing) {
      const confirmed = await confirmReplace(existing, name, body);
      if ('kind' in confirmed) {
        return confirmed;
      }
      replaceEtag = confirmed.etag;
    }
    const mode = existing ? 'replace' : 'create';
    const result = await putWithProgress(deps, gallery, {
      galleryName: gallery.name, name, body, mode, ifNoneMatch: mode === 'create' ? '*' : undefined, ifMatch: mode === 'replace' ? replaceEtag : undefined,
    }, progress);
    if (result.kind === 'failed') {
      await relist();
      return result.outcome;
    }
    const finalName = result.image.name ?? name;
    const provisioningState = result.image.properties?.provisioningState ?? 'Succeeded';
    const message = mode === 'create'
      ? vscode.l10n.t('Image definition {0} created in gallery {1}: provisioningState {2}.', finalName, gallery.name, provisioningState)
      : vscode.l10n.t('Image definition {0} in gallery {1} replaced: provisioningState {2}.', finalName, gallery.name, provisioningState);
    becomeEditor(finalName, {
      severity: 'info',
      message: mode === 'create'
        ? vscode.l10n.t('Created: image definition {0} in gallery {1} (provisioningState {2}). Update sends your next changes to it.', finalName, gallery.name, provisioningState)
        : vscode.l10n.t('Replaced: image definition {0} in gallery {1} (provisioningState {2}). Update sends your next changes to it.', finalName, gallery.name, provisioningState),
    });
    return { kind: 'applied', message, rows: changeRows(diffDefinition(existing ? editableDocument(existing) : undefined, body)) };
  }

  return {
    viewType: IMAGE_DEFINITION_VIEW_TYPE,
    key: imageDefinitionKey(target),
    title: vscode.l10n.t('New image definition in {0}', gallery.name),
    subtitle: vscode.l10n.t('PUT …/galleries/{0}/images/<name> · resource group {1} · {2}', gallery.name, gallery.resourceGroup, gallery.location),
    schema: IMAGE_DEFINITION_SCHEMA,
    submitLabel: vscode.l10n.t('Create'),
    fields: [nameField()],
    revival: { gallery, kind: 'create' },
    problemsAfterTouch: true,
    async load() {
      where = await images.describe();
      listed = await images.list();
      return {
        current: {},
        initial: newDefinitionDraft(gallery.location, commonPublisher(listed)),
        versionLabel: vscode.l10n.t('gallery {0} ({1} definitions) · fetched {2}', gallery.name, listed.length, fetchedAt()),
        context: { name: '' },
      };
    },
    validate(draft, _loaded, fields) {
      if (!isJsonObject(draft)) {
        return [];
      }
      const name = fields[NAME_FIELD] ?? '';
      const issues: EditorIssue[] = [...checkDefinitionRules(draft, new Date()), ...checkLocation(draft, gallery.location)];
      issues.push(...checkIdentifierUnique(draft, name, existingDefinitions(listed), gallery.name));
      const existing = existingNamed(name);
      if (existing) {
        issues.push({
          path: [],
          field: NAME_FIELD,
          severity: 'warning',
          source: 'gallery',
          message: vscode.l10n.t('An image definition named {0} already exists in this gallery: Create would replace it (you will be asked first).', existing.name ?? name),
        });
        issues.push(...checkChangesToExisting(editableDocument(existing), draft));
      }
      return issues;
    },
    preview(draft, _loaded, fields) {
      if (!isJsonObject(draft)) {
        return { summary: vscode.l10n.t('The draft must be a JSON object: the image definition.'), rows: [], notices: [] };
      }
      const name = fields[NAME_FIELD] ?? '';
      const existing = existingNamed(name);
      return buildDefinitionPreview({
        mode: 'create', name, galleryName: gallery.name, draft,
        existing: existing ? { doc: editableDocument(existing), provisioningState: existing.properties?.provisioningState } : undefined,
        ...where,
      });
    },
    submit,
  };
}
