/**
 * "Edit Pool Properties…": the JSON-editor panel on a pool's PATCH (BatchPoolUpdateOptions). Glue between the reusable
 * panel (jsonEditorPanel.ts) and the pure pool-patch modules (src/poolPatch): load with ETag, validate, preview,
 * PATCH with If-Match, conflicts and rebase, service errors inline, tree refresh, reimage as the next step.
 */
import * as vscode from 'vscode';
import { AzureRequestError } from '../azure/errors/azureRequestError';
import type { ExtensionServices } from '../extensionServices';
import { diffPoolPatch } from '../poolPatch/diff';
import { currentPatchableValues, initialDraft, nodeCount, poolState, type PoolState } from '../poolPatch/poolPatchModel';
import { POOL_PATCH_SCHEMA } from '../poolPatch/poolPatchSchema.generated';
import { REIMAGE_ACTION, buildPoolPatchPreview, previewRows } from '../poolPatch/preview';
import { rebasePoolDraft } from '../poolPatch/rebase';
import { serviceErrorIssues } from '../poolPatch/serviceErrors';
import { checkPoolPatchRules, checkPoolState } from '../poolPatch/validators';
import type { BatchAccountInfo } from '../services/azureGateway';
import { NodeItem } from '../tree/nodeItem';
import type { TreeNode } from '../tree/treeNode';
import { errorMessage } from '../utils/errors';
import { JsonEditorPanel, type JsonEditorSpec, type LoadedDocument, type SubmitOutcome } from './jsonEditorPanel';
import { isJsonObject, type JsonObject } from './jsonValue';
import type { ChangeKind } from './protocol';

export const POOL_PATCH_VIEW_TYPE = 'azureBatch.poolPatch';

/** What identifies the edited pool; kept by the webview (setState) to restore the panel after a window reload. */
export interface PoolPatchTarget {
  account: BatchAccountInfo;
  poolId: string;
  /** Id of the pool's row in the explorer (to refresh it after a change). */
  poolItemId?: string;
}

export function poolUrl(target: PoolPatchTarget): string {
  return `${target.account.url}/pools/${encodeURIComponent(target.poolId)}`;
}

function api(services: ExtensionServices, target: PoolPatchTarget) {
  return services.gateway.batch(target.account);
}

const poolOf = (loaded: LoadedDocument): PoolState => (loaded.context as { pool: PoolState }).pool;

/** "metadata replaced" (the same phrases as the preview's summary). */
function changeText(property: string, kind: ChangeKind): string {
  switch (kind) {
    case 'replaced':
      return vscode.l10n.t('{0} replaced', property);
    case 'cleared':
      return vscode.l10n.t('{0} cleared', property);
    case 'added':
      return vscode.l10n.t('{0} added', property);
    case 'unchanged':
      return vscode.l10n.t('{0} unchanged', property);
  }
}

function versionLabel(etag: string | undefined): string {
  return vscode.l10n.t('ETag {0} · fetched {1}', etag ?? '?', new Date().toLocaleTimeString());
}

async function loadPool(services: ExtensionServices, target: PoolPatchTarget): Promise<LoadedDocument> {
  const { pool, etag } = await api(services, target).getPool(target.poolId);
  const current = currentPatchableValues(pool);
  return { current, initial: initialDraft(current), version: etag, versionLabel: versionLabel(etag), context: { pool: poolState(pool) } };
}

function poolItem(services: ExtensionServices, target: PoolPatchTarget): TreeNode | undefined {
  return target.poolItemId ? services.tree.ctx.items.get(target.poolItemId) : undefined;
}

/** "Reimage nodes…": runs azureBatch.reimage on the pool's nodes as the explorer lists them (it confirms first). */
async function reimageNodes(services: ExtensionServices, target: PoolPatchTarget): Promise<void> {
  const item = poolItem(services, target);
  const { tree } = services;
  if (item) {
    const nodes = (await tree.getChildren(item)).filter((n) => n instanceof NodeItem);
    if (nodes.length > 0) {
      await vscode.commands.executeCommand('azureBatch.reimage', nodes[0], nodes);
      return;
    }
  }
  // Not in the explorer (or no nodes loaded): the command's own pickers ask for the pool and nodes.
  await vscode.commands.executeCommand('azureBatch.reimage');
}

export function poolPatchSpec(services: ExtensionServices, target: PoolPatchTarget): JsonEditorSpec {
  const { log } = services;
  const url = poolUrl(target);
  return {
    viewType: POOL_PATCH_VIEW_TYPE,
    key: url,
    title: vscode.l10n.t('Edit pool {0}', target.poolId),
    subtitle: vscode.l10n.t('PATCH {0} · Batch account {1}', url, target.account.name),
    schema: POOL_PATCH_SCHEMA,
    submitLabel: vscode.l10n.t('Apply'),
    revival: target,
    load: () => loadPool(services, target),
    validate(draft, loaded) {
      if (!isJsonObject(draft)) {
        return [];
      }
      return [...checkPoolPatchRules(draft), ...checkPoolState(diffPoolPatch(loaded.current, draft), poolOf(loaded))];
    },
    preview(draft, loaded) {
      if (!isJsonObject(draft)) {
        return { summary: vscode.l10n.t('The draft must be a JSON object of pool properties.'), rows: [], notices: [] };
      }
      return buildPoolPatchPreview({
        diff: diffPoolPatch(loaded.current, draft), pool: poolOf(loaded), url, apiVersion: services.settings.current.apiVersion.batch, etag: loaded.version,
      });
    },
    async submit(draft, loaded): Promise<SubmitOutcome> {
      const diff = diffPoolPatch(loaded.current, draft as JsonObject);
      const changed = Object.keys(diff.body);
      if (changed.length === 0) {
        return { kind: 'nothing', message: vscode.l10n.t('Nothing to send: the draft matches the pool.') };
      }
      const started = Date.now();
      let appliedLatest: LoadedDocument | undefined;
      try {
        const receipt = await api(services, target).patchPool(target.poolId, diff.body, { ifMatch: loaded.version });
        log.info(`Pool ${target.poolId} patched (${changed.join(', ')}) in ${Date.now() - started} ms; ETag ${loaded.version} -> ${receipt.etag ?? '?'}`);
      } catch (error) {
        if (error instanceof AzureRequestError && error.status === 412) {
          const latest = await loadPool(services, target);
          if ((error.attempts ?? 1) > 1 && Object.keys(diffPoolPatch(latest.current, draft as JsonObject).body).length === 0) {
            // The PATCH was retried: its first attempt was applied (changing the ETag), so the retry's If-Match failed.
            log.info(`Pool ${target.poolId}: 412 after ${error.attempts} attempts, and the pool now equals the draft: the first attempt was applied`);
            appliedLatest = latest;
          } else {
            log.info(`Pool ${target.poolId}: PATCH refused with 412 (If-Match ${loaded.version}); showing the newer version`);
            return { kind: 'conflict', latest };
          }
        }
        if (!appliedLatest) {
          log.error(`Pool ${target.poolId}: PATCH failed: ${error instanceof AzureRequestError ? error.toLogString() : errorMessage(error)}`);
          if (error instanceof AzureRequestError && error.kind !== 'network' && error.kind !== 'client') {
            return {
              kind: 'failed',
              message: vscode.l10n.t('Nothing was changed: {0} Your draft is kept.', error.toString()),
              issues: serviceErrorIssues({ code: error.code, message: error.serviceMessage, status: error.status, values: error.values }, draft as JsonObject),
            };
          }
          return { kind: 'failed', message: vscode.l10n.t('The request failed: {0} Your draft is kept.', errorMessage(error)), issues: [] };
        }
      }
      const item = poolItem(services, target);
      if (item) {
        services.tree.refresh(item);
      }
      const pool = poolOf(loaded);
      const reachesNodesLater = (changed.includes('applicationPackageReferences') || changed.includes('startTask')) && nodeCount(pool) > 0;
      return {
        kind: 'applied',
        message: vscode.l10n.t('Pool {0} updated: {1}.', target.poolId, diff.changes.filter((c) => c.kind !== 'unchanged').map((c) => changeText(c.property, c.kind)).join(', ')) +
          (reachesNodesLater ? ` ${vscode.l10n.t('Existing nodes get the new start task or packages when they are rebooted or reimaged.')}` : ''),
        rows: previewRows(diff).filter((r) => r.kind !== 'unchanged'),
        actions: reachesNodesLater ? [{ id: REIMAGE_ACTION.id, label: vscode.l10n.t('Reimage nodes…') }] : [],
        latest: appliedLatest,
      };
    },
    rebase(draft, from, to) {
      return rebasePoolDraft(from.current, to.current, isJsonObject(draft) ? draft : {});
    },
    async onAction(id) {
      if (id === REIMAGE_ACTION.id) {
        await reimageNodes(services, target);
      }
    },
  };
}

/** Opens (or reveals) the pool's editor. */
export function openPoolPatchEditor(services: ExtensionServices, target: PoolPatchTarget): JsonEditorPanel {
  return JsonEditorPanel.open(poolPatchSpec(services, target));
}

export function findPoolPatchEditor(target: Pick<PoolPatchTarget, 'account' | 'poolId'>): JsonEditorPanel | undefined {
  return JsonEditorPanel.find(POOL_PATCH_VIEW_TYPE, poolUrl(target as PoolPatchTarget));
}

function isTarget(value: unknown): value is PoolPatchTarget {
  if (!isJsonObject(value) || typeof value['poolId'] !== 'string' || !isJsonObject(value['account'])) {
    return false;
  }
  const account = value['account'];
  return typeof account['url'] === 'string' && typeof account['name'] === 'string' && typeof account['key'] === 'string' &&
    (account['auth'] === 'entraId' || account['auth'] === 'sharedKey');
}

/** Restores pool editors after a window reload. */
export function registerPoolPatchSerializer(services: ExtensionServices): vscode.Disposable {
  return JsonEditorPanel.registerSerializer(POOL_PATCH_VIEW_TYPE, async (revival) => (isTarget(revival) ? poolPatchSpec(services, revival) : undefined));
}
