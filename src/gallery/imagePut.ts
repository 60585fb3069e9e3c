/**
 * The long-running PUT of an image definition (create, replace or update), followed to its end, and what its end
 * means for the draft: the progress with the provisioningState (through a callback), an operation that ended Failed
 * or Canceled, the client's own time limit, a wait the user cancelled, a 412 (settled by what the definition is now),
 * a refusal of the service, and a request that may not have reached it. Pure: no `vscode` (the panel shows the
 * progress, in its status line and in a notification).
 */
import type { GalleryImage } from '../azure/arm/galleryModels.generated';
import type { ConditionalWriteOptions, GalleryImageWithETag } from '../azure/arm/galleryOperations';
import type { CancellationTokenLike } from '../azure/core/cancellation';
import { AzureRequestError } from '../azure/errors/azureRequestError';
import { OperationFailedError, RequestCancelledError } from '../azure/errors/specificErrors';
import { OperationTimeoutError, type OperationProgress } from '../azure/http/longRunningOperation';
import { classifyNetworkError } from '../azure/http/networkErrors';
import type { SubmitOutcome } from '../jsonEditing/editorModel';
import type { JsonObject } from '../jsonEditing/jsonValue';
import { failedWrite, isPreconditionFailed, isPreconditionFailedAfterRetry, settlePreconditionFailure, uncertainWrite } from '../jsonEditing/writeFailure';
import * as l10n from '../utils/l10n';
import { changed, diffDefinition } from './diff';
import { editableDocument } from './imageDefinitionModel';
import { NAME_FIELD, serviceErrorIssues, serviceErrorText, type ServiceErrorInfo } from './serviceErrors';

/** What the workflow needs of the gallery's definitions (the gateway's GalleryImagesApi satisfies it). */
export interface ImageDefinitionWriter {
  get(imageName: string): Promise<GalleryImageWithETag>;
  createOrUpdate(
    imageName: string,
    image: GalleryImage,
    options: ConditionalWriteOptions & { cancellationToken?: CancellationTokenLike; onProgress?: (progress: OperationProgress) => void },
  ): Promise<GalleryImageWithETag>;
}

export type PutMode = 'create' | 'replace' | 'update';

export interface ImagePutRequest {
  galleryName: string;
  name: string;
  body: JsonObject;
  mode: PutMode;
  ifMatch?: string;
  ifNoneMatch?: string;
}

export interface ImagePutHooks {
  /** Each step: "sending the request…", "provisioningState Creating · operation InProgress · check 2". */
  onProgress(message: string): void;
  /** Cancels the wait (the operation itself goes on in Azure). */
  cancellationToken?: CancellationTokenLike;
  log: { info(line: string): void; error(line: string, error: unknown): void };
}

export type ImagePutResult =
  /** The definition has what was sent (perhaps by the first attempt of a retried PUT). */
  | { kind: 'done'; image: GalleryImage; etag?: string }
  | {
    kind: 'failed';
    outcome: Extract<SubmitOutcome, { kind: 'failed' }>;
    /** Set when an update's If-Match was refused because the definition changed since: the definition as it is now. */
    changedMeanwhile?: GalleryImageWithETag;
  };

/** "Creating", "Replacing", "Updating": the verb of the progress title and status line. */
export function putVerb(mode: PutMode): string {
  return mode === 'create' ? l10n.t('Creating') : mode === 'replace' ? l10n.t('Replacing') : l10n.t('Updating');
}

/** The definition as it is now equals the draft that was sent. */
export const hasWhatWasSent = (image: GalleryImage, body: JsonObject): boolean => changed(diffDefinition(editableDocument(image), body)).length === 0;

const FOLLOWING = /^(InProgress|Accepted|Running)$/i;

/** The PUT provably never left (connection refused, name not resolved…, on every attempt): nothing can have changed. */
function neverSent(error: unknown): error is AzureRequestError {
  return error instanceof AzureRequestError && error.kind === 'network' && !error.earlierAttemptUncertain && !error.afterAccepted && classifyNetworkError(error) === 'notSent';
}

/** Sends the PUT and follows its long-running operation to the end. */
export async function putImageDefinition(writer: ImageDefinitionWriter, request: ImagePutRequest, hooks: ImagePutHooks): Promise<ImagePutResult> {
  const { name, body, mode, galleryName } = request;
  const started = Date.now();
  let provisioningState = '';
  const states: string[] = [];
  try {
    hooks.onProgress(l10n.t('sending the request…'));
    const result = await writer.createOrUpdate(name, body as unknown as GalleryImage, {
      ifMatch: request.ifMatch,
      ifNoneMatch: request.ifNoneMatch,
      cancellationToken: hooks.cancellationToken,
      onProgress: (p) => {
        if (p.poll === 0 || !FOLLOWING.test(p.status)) {
          provisioningState = p.status;
        }
        states.push(p.status);
        hooks.onProgress(p.poll === 0
          ? l10n.t('provisioningState {0}', provisioningState)
          : l10n.t('provisioningState {0} · operation {1} · check {2}', provisioningState || '?', p.status, p.poll));
      },
    });
    const finalState = result.image.properties?.provisioningState ?? (provisioningState || 'Succeeded');
    hooks.log.info(`Image definition ${name} in gallery ${galleryName}: PUT (${mode}) ended ${finalState} after ${Date.now() - started} ms; states ${states.join(' → ')}`);
    return { kind: 'done', image: result.image, etag: result.etag };
  } catch (error) {
    hooks.log.error(`Image definition ${name} in gallery ${galleryName}: PUT (${mode}) failed after ${Date.now() - started} ms`, error);
    // An update's If-Match, or a retried create/replace: what the definition is now tells what happened.
    let changedMeanwhile: GalleryImageWithETag | undefined;
    if (isPreconditionFailed(error) && (mode === 'update' || isPreconditionFailedAfterRetry(error))) {
      const settled = await settlePreconditionFailure(error, {
        reread: () => writer.get(name).catch(() => undefined),
        hasWhatWasSent: (now) => hasWhatWasSent(now.image, body),
        onAppliedByFirstAttempt: (attempts) => hooks.log.info(`Image definition ${name}: 412 after ${attempts} attempts, and the definition equals the draft: the first attempt was applied`),
      });
      if (settled?.kind === 'appliedByFirstAttempt') {
        return { kind: 'done', image: settled.now.image, etag: settled.now.etag };
      }
      if (settled && mode === 'update') {
        changedMeanwhile = settled.now;
      }
    }
    const cancelled = hooks.cancellationToken?.isCancellationRequested === true || error instanceof RequestCancelledError;
    return { kind: 'failed', outcome: explainPutFailure(error, request, provisioningState, cancelled), changedMeanwhile };
  }
}

/** Why the PUT did not succeed, what it means, and what to do; the draft is kept. */
export function explainPutFailure(error: unknown, request: ImagePutRequest, provisioningState: string, cancelled: boolean): Extract<SubmitOutcome, { kind: 'failed' }> {
  const { name, body } = request;
  if (error instanceof OperationTimeoutError) {
    // The client stopped waiting; the operation did not end (it is not "TimedOut" in Azure).
    return {
      kind: 'failed',
      message: l10n.t('Stopped waiting for the operation after the time limit (last provisioningState: {0}). The operation continues in Azure: refresh the gallery to see its state. Your draft is kept.', provisioningState || '?'),
      issues: [],
    };
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
      ? l10n.t('The definition {0} now exists with provisioningState {1}: fix the draft and press Create again to replace it (you will be asked first).', name, error.operationStatus)
      : l10n.t('The definition is now in provisioningState {0}; fix the draft and send it again.', error.operationStatus);
    return {
      kind: 'failed',
      message: l10n.t('The service accepted the request, but the operation ended {0}: {1}. {2} Your draft is kept.', error.operationStatus, serviceErrorText(info), after),
      issues: serviceErrorIssues(info, body),
    };
  }
  if (cancelled) {
    return {
      kind: 'failed',
      message: l10n.t('Stopped following the operation (last provisioningState: {0}). If the request reached the service, the operation goes on in Azure: refresh the gallery to see its state. Your draft is kept.', provisioningState || '?'),
      issues: [],
    };
  }
  const uncertain = uncertainWrite(error, l10n.t('refresh the gallery to check.'));
  if (uncertain) {
    return uncertain;
  }
  if (isPreconditionFailed(error) && request.ifNoneMatch) {
    return {
      kind: 'failed',
      message: l10n.t('Nothing was changed: an image definition named {0} was created by someone else meanwhile. Press Create again to see what replacing it would change. Your draft is kept.', name),
      issues: [{ path: [], field: NAME_FIELD, message: l10n.t('{0} now exists in gallery {1}.', name, request.galleryName), severity: 'error', source: 'service' }],
    };
  }
  if (neverSent(error)) {
    return { kind: 'failed', message: l10n.t('Nothing was changed: the request could not reach the service. {0} Your draft is kept.', error.message), issues: [] };
  }
  return failedWrite(error, {
    refusal: (refused) => {
      const info: ServiceErrorInfo = { code: refused.code, message: refused.serviceMessage, target: refused.target, details: refused.details, status: refused.status };
      // Refused for who is asking, not for what the draft says: what to do (sign in again, get a role) goes with it.
      const advice = refused.status === 401 || refused.status === 403 ? refused.advice?.replace(/[.\s]+$/, '') : undefined;
      return { text: advice ? `${serviceErrorText(info)}. ${advice}` : serviceErrorText(info), issues: serviceErrorIssues(info, body) };
    },
    checkHint: l10n.t('refresh the gallery to check.'),
  });
}
