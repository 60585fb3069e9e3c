/**
 * "Create Image Definition…" and "Edit Image Definition…": the JSON-editor panel on the body of
 * PUT …/galleries/{galleryName}/images/{galleryImageName} (Compute Gallery 2024-03-03). Glue between the reusable
 * panel (jsonEditorPanel.ts) and the pure gallery modules (src/gallery): the starting document, the name field,
 * validation against the gallery (duplicate identifiers) and the existing definition (what cannot change), the
 * confirmation before replacing an existing definition, the long-running PUT with its progress, errors inline, and the
 * tree refresh.
 */
import * as vscode from 'vscode';
import type { GalleryImage } from '../azure/arm/galleryModels.generated';
import { AzureRequestError } from '../azure/errors/azureRequestError';
import { OperationFailedError } from '../azure/errors/specificErrors';
import { OperationTimeoutError } from '../azure/http/longRunningOperation';
import type { ExtensionServices } from '../extensionServices';
import { changeRows, changed, changesText, diffDefinition } from '../gallery/diff';
import {
  checkImageName, commonPublisher, editableDocument, findByName, newDefinitionDraft, type IdentifierTriple,
} from '../gallery/imageDefinitionModel';
import { IMAGE_DEFINITION_SCHEMA } from '../gallery/imageDefinitionSchema.generated';
import { buildDefinitionPreview } from '../gallery/preview';
import { NAME_FIELD, serviceErrorIssues, serviceErrorText, type ServiceErrorInfo } from '../gallery/serviceErrors';
import {
  checkChangesToExisting, checkDefinitionRules, checkIdentifierUnique, checkLocation, identifierHolder, type ExistingDefinition,
} from '../gallery/validators';
import type { GalleryInfo } from '../services/azureGateway';
import { errorDetails, errorMessage, isCancellation } from '../utils/errors';
import { JsonEditorPanel, type EditorFieldSpec, type FieldValues, type JsonEditorSpec, type LoadedDocument, type SubmitOutcome } from './jsonEditorPanel';
import { isJsonObject, jsonEqual, type JsonObject } from './jsonValue';
import type { EditorIssue } from './protocol';

export const IMAGE_DEFINITION_VIEW_TYPE = 'azureBatch.imageDefinition';

/** What the panel edits; kept by the webview (setState) to restore the panel after a window reload. */
export interface ImageDefinitionTarget {
  gallery: GalleryInfo;
  /** The definition to edit; absent = create a new one (its name is the panel's Name field). */
  imageName?: string;
}

const EDIT_ACTION = 'editCreated:';

/** One draft per gallery for a new definition, one per gallery and name for an edit. */
export function imageDefinitionKey(target: ImageDefinitionTarget): string {
  const gallery = target.gallery.id.toLowerCase();
  return target.imageName ? `${gallery}/images/${target.imageName.toLowerCase()}` : `${gallery}/images/#new`;
}

/** Where the gallery's definitions live, for the preview's request line. */
function imagesUrl(services: ExtensionServices, gallery: GalleryInfo): Promise<{ imagesUrl: string; apiVersion: string }> {
  return services.gateway.galleryImages(gallery).describe();
}

function listImages(services: ExtensionServices, gallery: GalleryInfo): Promise<GalleryImage[]> {
  return services.gateway.galleryImages(gallery).list();
}

function getImage(services: ExtensionServices, gallery: GalleryInfo, name: string) {
  return services.gateway.galleryImages(gallery).get(name);
}

const existingDefinitions = (images: readonly GalleryImage[] | undefined): ExistingDefinition[] =>
  (images ?? []).map((i) => ({ name: i.name ?? '', identifier: i.properties?.identifier as IdentifierTriple | undefined }));

const fetched = () => new Date().toLocaleTimeString();

/** Redraws the gallery's row in the explorer, so its definitions are listed again. */
function refreshGallery({ tree }: ExtensionServices, gallery: GalleryInfo): void {
  tree.refreshById(gallery.id);
}

function editedLoaded(image: GalleryImage, etag: string | undefined): LoadedDocument {
  const doc = editableDocument(image);
  const state = image.properties?.provisioningState ?? '?';
  return {
    current: doc,
    initial: structuredClone(doc),
    version: etag,
    versionLabel: etag
      ? vscode.l10n.t('provisioningState {0} · ETag {1} · fetched {2}', state, etag, fetched())
      : vscode.l10n.t('provisioningState {0} · fetched {1}', state, fetched()),
    context: { provisioningState: image.properties?.provisioningState },
  };
}

interface PutRequest {
  gallery: GalleryInfo;
  name: string;
  body: JsonObject;
  mode: 'create' | 'replace' | 'update';
  ifMatch?: string;
  ifNoneMatch?: string;
  /** The panel to show progress in. */
  panelKey: string;
}

interface PutResult {
  outcome: SubmitOutcome;
  image?: GalleryImage;
  etag?: string;
  /** The error of a PUT that did not succeed. */
  error?: unknown;
}

/** The PUT was refused with 412 after the client had retried it: the first attempt may have been applied. */
const retried412 = (error: unknown) => error instanceof AzureRequestError && error.status === 412 && (error.attempts ?? 1) > 1;

/** The definition as it is now equals the draft that was sent. */
const sameAsSent = (image: GalleryImage, body: JsonObject) => changed(diffDefinition(editableDocument(image), body)).length === 0;

/**
 * Sends the PUT and follows the long-running operation to its end: progress in the panel's status line and in a
 * notification, with the provisioningState; the gallery's row refreshed afterwards, whatever the end.
 */
async function sendPut(services: ExtensionServices, request: PutRequest): Promise<PutResult> {
  const { gallery, name, body } = request;
  const verb = request.mode === 'create' ? vscode.l10n.t('Creating') : request.mode === 'replace' ? vscode.l10n.t('Replacing') : vscode.l10n.t('Updating');
  const panel = () => JsonEditorPanel.find(IMAGE_DEFINITION_VIEW_TYPE, request.panelKey);
  const started = Date.now();
  let provisioningState = '';
  const states: string[] = [];
  const { log } = services;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('{0} image definition {1}', verb, name), cancellable: true },
      async (progress, token) => {
        const show = (message: string) => {
          progress.report({ message });
          panel()?.reportProgress(vscode.l10n.t('{0} {1}: {2}', verb, name, message));
        };
        show(vscode.l10n.t('sending the request…'));
        return services.gateway.galleryImages(gallery).createOrUpdate(name, body as unknown as GalleryImage, {
          ifMatch: request.ifMatch,
          ifNoneMatch: request.ifNoneMatch,
          cancellationToken: token,
          onProgress: (p) => {
            if (p.poll === 0 || !/^(InProgress|Accepted|Running)$/i.test(p.status)) {
              provisioningState = p.status;
            }
            states.push(p.status);
            show(p.poll === 0
              ? vscode.l10n.t('provisioningState {0}', provisioningState)
              : vscode.l10n.t('provisioningState {0} · operation {1} · check {2}', provisioningState || '?', p.status, p.poll));
          },
        });
      },
    );
    const finalState = result.image.properties?.provisioningState ?? (provisioningState || 'Succeeded');
    log.info(`Image definition ${name} in gallery ${gallery.name}: PUT (${request.mode}) ended ${finalState} after ${Date.now() - started} ms; states ${states.join(' → ')}`);
    refreshGallery(services, gallery);
    return { outcome: { kind: 'applied', message: '' }, image: result.image, etag: result.etag };
  } catch (error) {
    refreshGallery(services, gallery);
    log.error(`Image definition ${name} in gallery ${gallery.name}: PUT (${request.mode}) failed after ${Date.now() - started} ms: ${errorDetails(error)}`);
    const failed = (outcome: SubmitOutcome): PutResult => ({ outcome, error });
    if (error instanceof OperationTimeoutError) {
      // The client stopped waiting; the operation did not end (it is not "TimedOut" in Azure).
      return failed({
        kind: 'failed',
        message: vscode.l10n.t('Stopped waiting for the operation after the time limit (last provisioningState: {0}). The operation continues in Azure: refresh the gallery to see its state. Your draft is kept.', provisioningState || '?'),
        issues: [],
      });
    }
    if (error instanceof OperationFailedError) {
      const info: ServiceErrorInfo = {
        code: error.operationError.code ?? error.code,
        message: error.operationError.message ?? error.serviceMessage,
        target: error.operationError.target ?? error.target,
        details: error.operationError.details ?? error.details,
        operationStatus: error.operationStatus,
      };
      const after = request.mode === 'create'
        ? vscode.l10n.t('The definition {0} now exists with provisioningState {1}: fix the draft and press Create again to replace it (you will be asked first).', name, error.operationStatus)
        : vscode.l10n.t('The definition is now in provisioningState {0}; fix the draft and send it again.', error.operationStatus);
      return failed({
        kind: 'failed',
        message: vscode.l10n.t('The service accepted the request, but the operation ended {0}: {1}. {2} Your draft is kept.', error.operationStatus, serviceErrorText(info), after),
        issues: serviceErrorIssues(info, body),
      });
    }
    if (isCancellation(error)) {
      return failed({
        kind: 'failed',
        message: vscode.l10n.t('Stopped following the operation (last provisioningState: {0}). If the request reached the service, the operation goes on in Azure: refresh the gallery to see its state. Your draft is kept.', provisioningState || '?'),
        issues: [],
      });
    }
    if (error instanceof AzureRequestError && error.status === 412 && request.ifNoneMatch) {
      return failed({
        kind: 'failed',
        message: vscode.l10n.t('Nothing was changed: an image definition named {0} was created by someone else meanwhile. Press Create again to see what replacing it would change. Your draft is kept.', name),
        issues: [{ path: [], field: NAME_FIELD, message: vscode.l10n.t('{0} now exists in gallery {1}.', name, gallery.name), severity: 'error', source: 'service' }],
      });
    }
    if (error instanceof AzureRequestError && error.kind !== 'network' && error.kind !== 'client') {
      const info: ServiceErrorInfo = { code: error.code, message: error.serviceMessage, target: error.target, details: error.details, status: error.status };
      return failed({
        kind: 'failed',
        message: vscode.l10n.t('Nothing was changed: the service refused the request: {0}. Your draft is kept.', serviceErrorText(info)),
        issues: serviceErrorIssues(info, body),
      });
    }
    return failed({
      kind: 'failed',
      message: vscode.l10n.t('The request failed: {0} The service may or may not have received it: refresh the gallery to check. Your draft is kept.', errorMessage(error)),
      issues: [],
    });
  }
}

const nameField = (): EditorFieldSpec => ({
  id: NAME_FIELD,
  label: vscode.l10n.t('Name'),
  placeholder: vscode.l10n.t('e.g. ubuntu-2204-batch'),
  description: vscode.l10n.t("Letters and digits; '.', '-' and '_' only in the middle; at most 80 characters."),
  initial: (loaded) => (isJsonObject(loaded.context) && typeof loaded.context['name'] === 'string' ? loaded.context['name'] : ''),
  validate: (value) => checkImageName(value),
});

/** The spec of "Create Image Definition…" on a gallery. */
export function createImageDefinitionSpec(services: ExtensionServices, target: ImageDefinitionTarget): JsonEditorSpec {
  const { gallery } = target;
  const key = imageDefinitionKey(target);
  /** The gallery's definitions as last listed (on open, and before each submit): duplicate identifiers and names. */
  let images: GalleryImage[] | undefined;
  let where = { imagesUrl: '', apiVersion: '' };

  const existingNamed = (name: string) => (images && !checkImageName(name) ? findByName(images, name) : undefined);

  return {
    viewType: IMAGE_DEFINITION_VIEW_TYPE,
    key,
    title: vscode.l10n.t('New image definition in {0}', gallery.name),
    subtitle: vscode.l10n.t('PUT …/galleries/{0}/images/<name> · resource group {1} · {2}', gallery.name, gallery.resourceGroup, gallery.location),
    schema: IMAGE_DEFINITION_SCHEMA,
    submitLabel: vscode.l10n.t('Create'),
    fields: [nameField()],
    revival: { gallery, kind: 'create' },
    async load() {
      where = await imagesUrl(services, gallery);
      images = await listImages(services, gallery);
      return {
        current: {},
        initial: newDefinitionDraft(gallery.location, commonPublisher(images)),
        versionLabel: vscode.l10n.t('gallery {0} ({1} definitions) · fetched {2}', gallery.name, images.length, fetched()),
        context: { name: '' },
      };
    },
    validate(draft, _loaded, fields) {
      if (!isJsonObject(draft)) {
        return [];
      }
      const name = fields[NAME_FIELD] ?? '';
      const issues: EditorIssue[] = [...checkDefinitionRules(draft, new Date()), ...checkLocation(draft, gallery.location)];
      issues.push(...checkIdentifierUnique(draft, name, existingDefinitions(images), gallery.name));
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
    async submit(draft, _loaded, fields: FieldValues): Promise<SubmitOutcome> {
      const body = draft as JsonObject;
      const name = fields[NAME_FIELD] ?? '';
      // The gallery as it is now: another definition may have taken the identifier or the name since the panel opened.
      try {
        images = await listImages(services, gallery);
      } catch (error) {
        return { kind: 'failed', message: vscode.l10n.t('Nothing was sent: the gallery\'s definitions could not be listed to check for duplicates: {0} Your draft is kept.', errorMessage(error)), issues: [] };
      }
      const holder = identifierHolder(body, name, existingDefinitions(images));
      if (holder) {
        return {
          kind: 'failed',
          message: vscode.l10n.t('Nothing was sent: image definition {0} already uses this identifier; the service rejects duplicates within a gallery. Your draft is kept.', holder.name),
          issues: checkIdentifierUnique(body, name, existingDefinitions(images), gallery.name),
        };
      }
      const existing = findByName(images, name);
      let mode: 'create' | 'replace' = 'create';
      let replaceEtag: string | undefined;
      if (existing) {
        const doc = editableDocument(existing);
        const blockers = checkChangesToExisting(doc, body).filter((i) => i.severity === 'error');
        if (blockers.length) {
          return {
            kind: 'failed',
            message: vscode.l10n.t('Nothing was sent: {0} already exists, and the draft changes what cannot change after creation. Choose another name, or keep those values. Your draft is kept.', existing.name ?? name),
            issues: blockers,
          };
        }
        const changes = diffDefinition(doc, body);
        const replace = vscode.l10n.t('Replace');
        const state = existing.properties?.provisioningState;
        const answer = await vscode.window.showWarningMessage(
          state
            ? vscode.l10n.t('An image definition named "{0}" already exists in gallery {1} (provisioningState {2}). Replace it with your draft?', existing.name ?? name, gallery.name, state)
            : vscode.l10n.t('An image definition named "{0}" already exists in gallery {1}. Replace it with your draft?', existing.name ?? name, gallery.name),
          {
            modal: true,
            detail: vscode.l10n.t('The PUT replaces the whole definition. What would change ({0}):\n\n{1}', changed(changes).length, changesText(changes)),
          },
          replace,
        );
        if (answer !== replace) {
          return { kind: 'nothing', message: vscode.l10n.t('Nothing was sent: {0} already exists and was left as it is. Your draft is kept; give it another name to create a new definition.', existing.name ?? name) };
        }
        // The modal may have stayed open a while: send only if the definition is still what its diff was computed from.
        const changedMeanwhile = vscode.l10n.t('Nothing was sent: {0} was changed by someone else while you were asked, so what replacing it would change is no longer what you reviewed. Press Create again to review the changes again. Your draft is kept.', existing.name ?? name);
        let reread: { image: GalleryImage; etag?: string };
        try {
          reread = await getImage(services, gallery, existing.name ?? name);
        } catch (error) {
          images = await listImages(services, gallery).catch(() => images);
          return { kind: 'failed', message: vscode.l10n.t('Nothing was sent: {0} could not be read again to check that it did not change meanwhile: {1} Your draft is kept.', existing.name ?? name, errorMessage(error)), issues: [] };
        }
        if (!jsonEqual(editableDocument(reread.image), doc)) {
          images = await listImages(services, gallery).catch(() => images);
          return { kind: 'failed', message: changedMeanwhile, issues: [] };
        }
        replaceEtag = reread.etag;
        mode = 'replace';
      }
      const { outcome, image, error } = await sendPut(services, {
        gallery, name, body, mode, ifNoneMatch: mode === 'create' ? '*' : undefined, ifMatch: mode === 'replace' ? replaceEtag : undefined, panelKey: key,
      });
      if (outcome.kind !== 'applied') {
        images = await listImages(services, gallery).catch(() => images);
        const now = retried412(error) ? await getImage(services, gallery, name).catch(() => undefined) : undefined;
        if (!now || !sameAsSent(now.image, body)) {
          return outcome;
        }
        // A retried conditional PUT: its first attempt was applied, so the retry's precondition no longer held.
        services.log.info(`Image definition ${name}: 412 after ${(error as AzureRequestError).attempts} attempts, and the definition equals the draft: the first attempt was applied`);
        return createdOrReplaced(mode, now.image);
      }
      return createdOrReplaced(mode, image);

      function createdOrReplaced(mode: 'create' | 'replace', image: GalleryImage | undefined): SubmitOutcome {
        const finalName = image?.name ?? name;
        return {
          kind: 'applied',
          message: mode === 'create'
            ? vscode.l10n.t('Image definition {0} created in gallery {1}: provisioningState {2}.', finalName, gallery.name, image?.properties?.provisioningState ?? 'Succeeded')
            : vscode.l10n.t('Image definition {0} in gallery {1} replaced: provisioningState {2}.', finalName, gallery.name, image?.properties?.provisioningState ?? 'Succeeded'),
          rows: changeRows(diffDefinition(mode === 'replace' && existing ? editableDocument(existing) : undefined, body)),
          actions: [{ id: `${EDIT_ACTION}${finalName}`, label: vscode.l10n.t('Edit {0}…', finalName) }],
        };
      }
    },
    async onAction(id) {
      if (id.startsWith(EDIT_ACTION)) {
        openImageDefinitionEditor(services, { gallery, imageName: id.slice(EDIT_ACTION.length) });
      }
    },
  };
}

/** The spec of "Edit Image Definition…" on an existing definition. */
export function editImageDefinitionSpec(services: ExtensionServices, target: ImageDefinitionTarget & { imageName: string }): JsonEditorSpec {
  const { gallery, imageName } = target;
  const key = imageDefinitionKey(target);
  let where = { imagesUrl: '', apiVersion: '' };
  const stateOf = (loaded: LoadedDocument) => (isJsonObject(loaded.context) ? (loaded.context['provisioningState'] as string | undefined) : undefined);

  return {
    viewType: IMAGE_DEFINITION_VIEW_TYPE,
    key,
    title: vscode.l10n.t('Edit image definition {0}', imageName),
    subtitle: vscode.l10n.t('PUT …/galleries/{0}/images/{1} · resource group {2} · {3}', gallery.name, imageName, gallery.resourceGroup, gallery.location),
    schema: IMAGE_DEFINITION_SCHEMA,
    submitLabel: vscode.l10n.t('Update'),
    revival: { gallery, imageName, kind: 'edit' },
    async load() {
      where = await imagesUrl(services, gallery);
      const { image, etag } = await getImage(services, gallery, imageName);
      return editedLoaded(image, etag);
    },
    validate(draft, loaded) {
      if (!isJsonObject(draft)) {
        return [];
      }
      const issues: EditorIssue[] = [...checkDefinitionRules(draft, new Date()), ...checkLocation(draft, gallery.location), ...checkChangesToExisting(loaded.current, draft)];
      const state = stateOf(loaded);
      if (state === 'Creating' || state === 'Updating' || state === 'Deleting' || state === 'Migrating') {
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
    async submit(draft, loaded): Promise<SubmitOutcome> {
      const body = draft as JsonObject;
      // Gallery images carry no ETag to guard a PUT with: compare with the definition as it is now instead.
      const fresh = await getImage(services, gallery, imageName);
      const latest = editedLoaded(fresh.image, fresh.etag);
      if (!jsonEqual(latest.current, loaded.current) || (loaded.version && fresh.etag && fresh.etag !== loaded.version)) {
        return { kind: 'conflict', latest, message: vscode.l10n.t('Nothing was sent: {0} was changed by someone else since your draft was based on it. Your draft is kept.', imageName) };
      }
      const changes = diffDefinition(loaded.current, body);
      const { outcome, image, etag, error } = await sendPut(services, { gallery, name: imageName, body, mode: 'update', ifMatch: loaded.version, panelKey: key });
      if (outcome.kind !== 'applied' && error instanceof AzureRequestError && error.status === 412) {
        // If-Match refused: the definition changed since the draft's version, or (after a retry) the first attempt
        // was applied and changed its ETag. Tell them apart by what the definition is now.
        const now = await getImage(services, gallery, imageName).catch(() => undefined);
        if (now && retried412(error) && sameAsSent(now.image, body)) {
          services.log.info(`Image definition ${imageName}: 412 after ${error.attempts} attempts, and the definition equals the draft: the first attempt was applied`);
          return updated(now.image, now.etag);
        }
        if (now) {
          return { kind: 'conflict', latest: editedLoaded(now.image, now.etag), message: vscode.l10n.t('Nothing was sent: {0} was changed by someone else since your draft was based on it. Your draft is kept.', imageName) };
        }
      }
      if (outcome.kind !== 'applied' || !image) {
        return outcome;
      }
      return updated(image, etag);

      function updated(image: GalleryImage, etag: string | undefined): SubmitOutcome {
        const list = changed(changes);
        return {
          kind: 'applied',
          message: list.length
            ? vscode.l10n.t('Image definition {0} updated: {1}; provisioningState {2}.', imageName, changeRows(list).map((r) => `${r.label} ${r.kind}`).join(', '), image.properties?.provisioningState ?? 'Succeeded')
            : vscode.l10n.t('Image definition {0} sent again: provisioningState {1}.', imageName, image.properties?.provisioningState ?? 'Succeeded'),
          rows: changeRows(list),
          latest: editedLoaded(image, etag),
        };
      }
    },
  };
}

export function imageDefinitionSpec(services: ExtensionServices, target: ImageDefinitionTarget): JsonEditorSpec {
  return target.imageName ? editImageDefinitionSpec(services, { ...target, imageName: target.imageName }) : createImageDefinitionSpec(services, target);
}

/** Opens (or reveals) the editor: a new definition of the gallery, or the named one. */
export function openImageDefinitionEditor(services: ExtensionServices, target: ImageDefinitionTarget): JsonEditorPanel {
  return JsonEditorPanel.open(imageDefinitionSpec(services, target));
}

export function findImageDefinitionEditor(target: ImageDefinitionTarget): JsonEditorPanel | undefined {
  return JsonEditorPanel.find(IMAGE_DEFINITION_VIEW_TYPE, imageDefinitionKey(target));
}

function isGallery(value: unknown): value is GalleryInfo {
  return isJsonObject(value) && ['id', 'name', 'location', 'subscriptionId', 'resourceGroup'].every((k) => typeof value[k] === 'string');
}

function targetOf(revival: unknown): ImageDefinitionTarget | undefined {
  if (!isJsonObject(revival) || !isGallery(revival['gallery'])) {
    return undefined;
  }
  const imageName = revival['imageName'];
  if (imageName !== undefined && (typeof imageName !== 'string' || checkImageName(imageName) !== undefined)) {
    return undefined;
  }
  return { gallery: revival['gallery'], ...(imageName ? { imageName } : {}) };
}

/** Restores image-definition editors after a window reload. */
export function registerImageDefinitionSerializer(services: ExtensionServices): vscode.Disposable {
  return JsonEditorPanel.registerSerializer(IMAGE_DEFINITION_VIEW_TYPE, async (revival) => {
    const target = targetOf(revival);
    return target ? imageDefinitionSpec(services, target) : undefined;
  });
}
