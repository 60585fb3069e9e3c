/**
 * "Edit Pool Properties…": the JSON editor on a pool's PATCH (BatchPoolUpdateOptions). Glue between the editor host
 * and the pure pool-patch modules (src/poolPatch): load with ETag, validate, preview, PATCH with If-Match through the
 * gateway, a 412 settled (conflict, or the first attempt of a retried PATCH applied), service errors inline, the
 * pool's row refreshed, reimage as the next step.
 */
import * as vscode from 'vscode';
import type { JsonEditorSpec } from '../../jsonEditing/editorSpec';
import type { LoadedDocument, SubmitOutcome } from '../../jsonEditing/editorModel';
import { isJsonObject, type JsonObject } from '../../jsonEditing/jsonValue';
import { failedWrite, isPreconditionFailed, settlePreconditionFailure } from '../../jsonEditing/writeFailure';
import { diffPoolPatch } from '../../poolPatch/diff';
import { currentPatchableValues, initialDraft, poolState, type PoolState } from '../../poolPatch/poolPatchModel';
import { POOL_PATCH_SCHEMA } from '../../poolPatch/poolPatchSchema.generated';
import { REIMAGE_ACTION, appliedResult, buildPoolPatchPreview } from '../../poolPatch/preview';
import { rebasePoolDraft } from '../../poolPatch/rebase';
import { patchFailureWording } from '../../poolPatch/serviceErrors';
import { checkPoolPatchRules, checkPoolState } from '../../poolPatch/validators';
import { errorDetails } from '../../utils/errors';
import type { EditorDependencies } from '../editorDependencies';
import { POOL_PATCH_VIEW_TYPE, poolUrl, type PoolPatchTarget } from './protocol';
import { poolPatchRevival } from './revival';

interface PoolContext {
  pool: PoolState;
  /** The api-version the client sends, read where the client reads it. */
  apiVersion: string;
}
const poolOf = (loaded: LoadedDocument): PoolState => (loaded.context as PoolContext).pool;
const apiVersionOf = (loaded: LoadedDocument): string => (loaded.context as PoolContext).apiVersion;

/** Whether the pool as `loaded` has it already has everything of `draft` (its PATCH would change nothing). */
const alreadyHas = (loaded: LoadedDocument, draft: JsonObject): boolean => Object.keys(diffPoolPatch(loaded.current, draft).body).length === 0;

/** The pool came without an ETag: the PATCH would overwrite any change made meanwhile. Asks in a modal. */
async function confirmUnconditional(poolId: string): Promise<boolean> {
  const apply = vscode.l10n.t('Apply Without ETag');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Apply the change to pool {0} without an ETag?', poolId),
    { modal: true, detail: vscode.l10n.t('The service sent no ETag with the pool, so the request cannot be made conditional: a change someone else made since you loaded the pool would be overwritten without warning.') },
    apply,
  );
  return answer === apply;
}

export function poolPatchSpec(target: PoolPatchTarget, deps: EditorDependencies): JsonEditorSpec {
  const url = poolUrl(target);
  const { poolId } = target;
  const api = () => deps.gateway.batch(target.account);

  async function load(): Promise<LoadedDocument> {
    const [{ pool, etag }, apiVersion] = await Promise.all([api().getPool(poolId), api().apiVersion()]);
    const current = currentPatchableValues(pool);
    return {
      current,
      initial: initialDraft(current),
      version: etag,
      versionLabel: vscode.l10n.t('ETag {0} · fetched {1}', etag ?? '?', new Date().toLocaleTimeString()),
      context: { pool: poolState(pool), apiVersion } satisfies PoolContext,
    };
  }

  async function submit(draft: unknown, loaded: LoadedDocument): Promise<SubmitOutcome> {
    const body = draft as JsonObject;
    const diff = diffPoolPatch(loaded.current, body);
    const changed = Object.keys(diff.body);
    if (changed.length === 0) {
      return { kind: 'nothing', message: vscode.l10n.t('Nothing to send: the draft matches the pool.') };
    }
    if (!loaded.version && !(await confirmUnconditional(poolId))) {
      return { kind: 'failed', message: vscode.l10n.t('Nothing was sent: the pool was loaded without an ETag, and you chose not to apply the change without one. Reload the pool and try again. Your draft is kept.'), issues: [] };
    }
    const started = Date.now();
    let appliedLatest: LoadedDocument | undefined;
    try {
      const receipt = await api().patchPool(poolId, diff.body, { ifMatch: loaded.version });
      deps.log.info(`Pool ${poolId} patched (${changed.join(', ')}) in ${Date.now() - started} ms; ETag ${loaded.version} -> ${receipt.etag ?? '?'}`);
    } catch (error) {
      if (!isPreconditionFailed(error)) {
        deps.log.error(`Pool ${poolId}: PATCH failed: ${errorDetails(error)}`);
        return failedWrite(error, patchFailureWording(body));
      }
      const settled = (await settlePreconditionFailure(error, {
        reread: load,
        hasWhatWasSent: (latest) => alreadyHas(latest, body),
        onAppliedByFirstAttempt: (attempts) => deps.log.info(`Pool ${poolId}: 412 after ${attempts} attempts, and the pool now equals the draft: the first attempt was applied`),
      }))!;
      if (settled.kind === 'changedMeanwhile') {
        deps.log.info(`Pool ${poolId}: PATCH refused with 412 (If-Match ${loaded.version}); showing the newer version`);
        return { kind: 'conflict', latest: settled.now };
      }
      appliedLatest = settled.now;
    }
    if (target.poolItemId) {
      deps.refreshTreeItem(target.poolItemId);
    }
    return { kind: 'applied', ...appliedResult(poolId, diff, poolOf(loaded)), latest: appliedLatest };
  }

  return {
    viewType: POOL_PATCH_VIEW_TYPE,
    key: url,
    title: vscode.l10n.t('Edit pool {0}', poolId),
    subtitle: vscode.l10n.t('PATCH {0} · Batch account {1}', url, target.account.name),
    schema: POOL_PATCH_SCHEMA,
    submitLabel: vscode.l10n.t('Apply'),
    revival: poolPatchRevival(target.account.key, poolId),
    // A shared-key account's drafts do not depend on the Azure sign-in (Sign out keeps them; Detach clears them).
    draftScope: { signIn: target.account.auth !== 'sharedKey' },
    load,
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
        diff: diffPoolPatch(loaded.current, draft), pool: poolOf(loaded), url, apiVersion: apiVersionOf(loaded), etag: loaded.version,
      });
    },
    submit,
    rebase(draft, from, to) {
      return rebasePoolDraft(from.current, to.current, isJsonObject(draft) ? draft : {});
    },
    async onAction(id) {
      if (id === REIMAGE_ACTION.id) {
        await deps.reimagePoolNodes(target.poolItemId);
      }
    },
  };
}
