/**
 * The live preview of an image-definition PUT: what it creates or changes (against the existing definition, when
 * there is one), what to be careful about, and the exact request. Pure: no `vscode`.
 */
import * as l10n from '../utils/l10n';
import type { PreviewModel, PreviewNotice } from '../jsonEditing/editorModel';
import type { JsonObject } from '../jsonEditing/jsonValue';
import { changeRows, changed, diffDefinition, summarizeChanges, touches } from './diff';
import { checkImageName, identifierOf, identifierText } from './imageDefinitionModel';

export interface DefinitionPreviewInput {
  mode: 'create' | 'edit';
  /** The definition's name (create: the name field, maybe still empty or invalid). */
  name: string;
  galleryName: string;
  draft: JsonObject;
  /** Edit: the definition as loaded. Create: the definition that already has this name, if any. */
  existing?: { doc: JsonObject; provisioningState?: string };
  /** …/galleries/{galleryName}/images (no trailing slash). */
  imagesUrl: string;
  apiVersion: string;
  /** Edit: the ETag the draft is based on, when the service gave one. */
  etag?: string;
}

export function requestFor(input: DefinitionPreviewInput): NonNullable<PreviewModel['request']> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (input.mode === 'create' && !input.existing) {
    headers['If-None-Match'] = '*';
  }
  if (input.etag && input.existing) {
    headers['If-Match'] = input.etag;
  }
  return {
    method: 'PUT',
    url: `${input.imagesUrl}/${encodeURIComponent(input.name)}?api-version=${input.apiVersion}`,
    headers,
    body: JSON.stringify(input.draft, null, 2),
  };
}

function describe(draft: JsonObject): string {
  const p = (draft['properties'] ?? {}) as JsonObject;
  const parts = [p['osType'], p['osState'], p['hyperVGeneration'], p['architecture']].filter((v) => typeof v === 'string');
  const id = identifierOf(draft);
  return id ? l10n.t('{0}, identifier {1}', parts.join(' · '), identifierText(id)) : parts.join(' · ');
}

export function buildDefinitionPreview(input: DefinitionPreviewInput): PreviewModel {
  const { draft, existing, name } = input;
  const changes = diffDefinition(existing?.doc, draft);
  const list = changed(changes);
  const notices: PreviewNotice[] = [];
  const cleared = list.filter((c) => c.kind === 'cleared');
  if (existing && cleared.length) {
    notices.push({
      severity: 'warning',
      path: ['properties'],
      message: l10n.t('A PUT replaces the whole definition: what the draft leaves out is removed ({0}).', changeRows(cleared).map((r) => r.label).join(', ')),
    });
  }
  if (existing && list.some((c) => touches(c, ['properties', 'features'])) && (draft['properties'] as JsonObject | undefined)?.['allowUpdateImage'] === true) {
    notices.push({
      severity: 'info',
      path: ['properties', 'features'],
      message: l10n.t('{0} change with "{1}": true: VMs created from the definition\'s image versions get the new feature values.', 'features', 'allowUpdateImage'),
    });
  }

  if (input.mode === 'create') {
    if (checkImageName(name) !== undefined) {
      return { summary: l10n.t('Give the definition a valid name (the Name field) to see the request.'), rows: changeRows(changes), notices };
    }
    if (existing) {
      notices.unshift({
        severity: 'warning',
        message: existing.provisioningState
          ? l10n.t('An image definition named "{0}" already exists in gallery {1} (provisioningState {2}). Create would replace it with this draft; you will be asked to confirm first.', name, input.galleryName, existing.provisioningState)
          : l10n.t('An image definition named "{0}" already exists in gallery {1}. Create would replace it with this draft; you will be asked to confirm first.', name, input.galleryName),
      });
      return {
        summary: l10n.t('Replaces the existing definition {0}: {1}.', name, summarizeChanges(changes)),
        rows: changeRows(changes),
        notices,
        request: requestFor(input),
      };
    }
    return {
      summary: l10n.t('Creates image definition {0} in gallery {1}: {2}.', name, input.galleryName, describe(draft)),
      rows: changeRows(changes),
      notices,
      request: requestFor(input),
    };
  }

  if (list.length === 0) {
    if (existing?.provisioningState === 'Failed') {
      return {
        summary: l10n.t('No property changes. {0} is in provisioningState Failed: Update sends the definition again, so the service retries it.', name),
        rows: [],
        notices,
        request: requestFor(input),
      };
    }
    return { summary: l10n.t('Nothing to send: the draft matches the definition.'), rows: [], notices };
  }
  return {
    summary: l10n.t('{0}. Everything else stays as it is.', summarizeChanges(changes)),
    rows: changeRows(changes),
    notices,
    request: requestFor(input),
  };
}
