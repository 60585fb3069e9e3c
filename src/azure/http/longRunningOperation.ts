import type { CancellationOptions } from '../core/cancellation';
import { linkCancellation } from '../core/cancellation';
import { delay } from '../core/delay';
import { AzureRequestError } from '../errors/azureRequestError';
import { parseArmError, type AzureErrorDetail } from '../errors/errorBodyParser';
import { OutcomeUnknownError } from '../errors/outcomeErrors';
import { CrossOriginLinkError, OperationFailedError, RequestCancelledError } from '../errors/specificErrors';
import type { AzureHttpClient } from './azureHttpClient';
import { originOf } from './loopback';
import type { AzureRequest, AzureResponse } from './requestTypes';
import { retryAfterMsFrom } from './retryAfter';

/** One progress report per poll. */
export interface OperationProgress {
  /** Azure-AsyncOperation `status`, or the resource's `properties.provisioningState`. */
  status: string;
  percentComplete?: number;
  /** Polls so far (0 = the initial response). */
  poll: number;
}

export interface LongRunningOperationOptions extends CancellationOptions {
  /** Wait between polls when the service sends no Retry-After (default 2000 ms). */
  pollIntervalMs?: number;
  /** Upper bound for one wait, including a server Retry-After (default 60 s; tests shorten both). */
  maxPollIntervalMs?: number;
  /** Lower bound for one wait, so "Retry-After: 0" cannot make polling spin (default min(250, pollIntervalMs)). */
  minPollIntervalMs?: number;
  /** Called after the initial response and after every poll. */
  onProgress?: (progress: OperationProgress) => void;
  /** Give up after this long (default 30 minutes). */
  timeoutMs?: number;
}

const TERMINAL = new Map([
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['canceled', 'Canceled'],
  ['cancelled', 'Canceled'],
]);

interface StatusBody {
  status?: string;
  percentComplete?: number;
  error?: unknown;
  properties?: { provisioningState?: string; error?: unknown };
}

function statusOf(body: unknown): string | undefined {
  const b = (body ?? {}) as StatusBody;
  return b.status ?? b.properties?.provisioningState;
}

/**
 * The client stopped waiting (`timeoutMs`): the operation itself did not end and may still go on in Azure. Not a
 * terminal status of the service: report it like a cancellation, not as "the operation ended TimedOut".
 * (An OperationFailedError for callers that only know that class.)
 */
export class OperationTimeoutError extends OperationFailedError {
  /** Distinct from OperationFailedError's failures: true only for the client's own timeout. */
  readonly clientTimeout = true;
}

/**
 * Starts an ARM long-running operation (PUT/PATCH/POST/DELETE) and waits for it:
 * 201/202 with `Azure-AsyncOperation` (polled for `status`) or `Location` (polled until it stops
 * answering 202), or a 200/201 body whose provisioningState is not terminal (the resource is polled).
 * Polling honours Retry-After, is cancellable, and reports each status through `onProgress`.
 * Failed/Canceled -> OperationFailedError with the operation's error. On success, PUT/PATCH
 * return a final GET of the resource; POST/DELETE return the last body (Location result) if any.
 */
export async function runLongRunningOperation<T>(
  client: AzureHttpClient,
  request: AzureRequest,
  options: LongRunningOperationOptions = {},
): Promise<AzureResponse<T>> {
  const cancellation = linkCancellation({
    cancellationToken: options.cancellationToken ?? request.cancellationToken,
    abortSignal: options.abortSignal ?? request.abortSignal,
  });
  const signal = cancellation.signal;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const maxPollIntervalMs = options.maxPollIntervalMs ?? 60_000;
  const minPollIntervalMs = options.minPollIntervalMs ?? Math.min(250, pollIntervalMs);
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  const origin = originOf(request.url);
  const operation = request.operation;
  const pollBase: AzureRequest = {
    method: 'GET',
    url: request.url,
    apiVersion: request.apiVersion,
    dialect: request.dialect,
    authorizer: request.authorizer,
    abortSignal: signal,
    operation: operation ? `${operation} (status)` : undefined,
  };

  try {
    let initial: AzureResponse<T>;
    try {
      initial = await client.send<T>({ ...request, cancellationToken: undefined, abortSignal: signal });
    } catch (error) {
      // A repeated PUT that got 409/412 may be answering its own first attempt, which the service accepted.
      if (error instanceof AzureRequestError && error.earlierAttemptUncertain && (error.status === 409 || error.status === 412)) {
        throw error.markAfterAccepted();
      }
      // The first answer was a 2xx (accepted) whose body was cut or unreadable: following it failed, nothing was refused.
      if (error instanceof OutcomeUnknownError && error.status !== undefined && error.status >= 200 && error.status < 300) {
        throw error.markAfterAccepted();
      }
      throw error;
    }
    try {
      return await follow(initial);
    } catch (error) {
      throw markFollowingFailure(error);
    }
  } finally {
    cancellation.dispose();
  }

  async function follow(initial: AzureResponse<T>): Promise<AzureResponse<T>> {
    const asyncUrl = initial.headers['azure-asyncoperation'];
    const locationUrl = initial.headers['location'];
    let last: AzureResponse<unknown> = initial;
    let poll = 0;

    const report = (status: string, percentComplete?: number): void => {
      try {
        options.onProgress?.({ status, percentComplete, poll });
      } catch {
        // A progress listener must not break the operation.
      }
    };
    const wait = async (response: AzureResponse<unknown>): Promise<void> => {
      if (Date.now() > deadline) {
        throw new OperationTimeoutError({
          code: 'OperationTimedOut',
          message: 'The operation did not finish in time',
          kind: 'client',
          method: request.method,
          url: request.url,
          operation,
          operationStatus: 'TimedOut',
          operationError: { code: 'OperationTimedOut' },
        });
      }
      const requested = retryAfterMsFrom(response.headers);
      const ms = Math.max(minPollIntervalMs, Math.min(requested ?? pollIntervalMs, maxPollIntervalMs));
      if (!(await delay(ms, signal))) {
        throw new RequestCancelledError({ method: request.method, url: request.url, operation });
      }
    };
    const checkOrigin = (link: string): string => {
      const absolute = new URL(link, request.url).href;
      if (originOf(absolute) !== origin) {
        throw new CrossOriginLinkError({ method: 'GET', url: absolute, operation, expectedOrigin: origin });
      }
      return absolute;
    };
    const fail = (status: string, errorSource: unknown, response: AzureResponse<unknown>): never => {
      const parsed = parseArmError(errorSource);
      const operationError: AzureErrorDetail = parsed
        ? { code: parsed.code, message: parsed.message, target: parsed.target, details: parsed.details }
        : { code: status === 'Canceled' ? 'OperationCanceled' : 'OperationFailed', message: `The operation ended ${status}` };
      throw new OperationFailedError({
        code: operationError.code ?? 'OperationFailed',
        message: operationError.message ?? `The operation ended ${status}`,
        kind: 'arm',
        status: response.status,
        method: request.method,
        url: request.url,
        operation,
        clientRequestId: response.clientRequestId,
        serviceRequestId: response.serviceRequestId,
        target: operationError.target,
        details: operationError.details,
        operationStatus: status,
        operationError,
      });
    };

    if (asyncUrl || (locationUrl && initial.status === 202)) {
      const pollUrl = checkOrigin(asyncUrl ?? locationUrl!);
      report(statusOf(initial.body) ?? 'InProgress');
      for (;;) {
        await wait(last);
        poll++;
        const response = await client.send<StatusBody>({ ...pollBase, url: pollUrl, expectedStatuses: [200, 201, 202, 204] });
        last = response;
        if (asyncUrl) {
          const status = response.body?.status ?? 'InProgress';
          report(status, response.body?.percentComplete);
          const terminal = TERMINAL.get(status.toLowerCase());
          if (!terminal) {
            continue;
          }
          if (terminal !== 'Succeeded') {
            fail(terminal, response.body?.error, response);
          }
          break;
        }
        // Location polling: 202 = still running; anything else is the final result.
        if (response.status === 202) {
          report(statusOf(response.body) ?? 'InProgress');
          continue;
        }
        const state = statusOf(response.body);
        report(state ?? 'Succeeded');
        const terminal = state ? TERMINAL.get(state.toLowerCase()) : 'Succeeded';
        if (terminal && terminal !== 'Succeeded') {
          fail(terminal, response.body?.error ?? response.body?.properties?.error, response);
        }
        break;
      }
    } else {
      // Synchronous answer; a PUT/PATCH may still be provisioning: poll the resource itself.
      let state = statusOf(initial.body);
      report(state ?? 'Succeeded');
      while (state && !TERMINAL.has(state.toLowerCase()) && (request.method === 'PUT' || request.method === 'PATCH')) {
        await wait(last);
        poll++;
        last = await client.send<StatusBody>({ ...pollBase, query: request.query });
        state = statusOf(last.body);
        report(state ?? 'Succeeded');
      }
      const terminal = state ? TERMINAL.get(state.toLowerCase()) : undefined;
      if (terminal && terminal !== 'Succeeded') {
        const body = last.body as StatusBody | undefined;
        fail(terminal, body?.error ?? body?.properties?.error, last);
      }
      if (last === initial) {
        return initial;
      }
    }

    if (request.method === 'PUT' || request.method === 'PATCH') {
      return await client.send<T>({ ...pollBase, query: request.query, operation });
    }
    return last as AzureResponse<T>;
  }
}

/**
 * An error after the service accepted the operation: the change may be in effect, so it is marked `afterAccepted`
 * ("accepted; following it failed — refresh to see the result"). A terminal Failed/Canceled reported by the service
 * is its real outcome and stays as it is; the client's own timeout is not an outcome and is marked.
 */
function markFollowingFailure(error: unknown): unknown {
  if (!(error instanceof AzureRequestError)) {
    return error;
  }
  if (error instanceof OperationFailedError && !(error instanceof OperationTimeoutError)) {
    return error;
  }
  return error.markAfterAccepted();
}
