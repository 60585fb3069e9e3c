/**
 * The overall limit of one logical request (every attempt, retry wait and body read): an AbortSignal that fires when
 * the caller cancels or the limit passes, and tells the two apart.
 */
export interface RequestDeadline {
  /** Aborts on the caller's cancellation or when the limit passes. */
  readonly signal: AbortSignal;
  /** True once the limit passed (and the caller had not cancelled before). */
  readonly expired: boolean;
  readonly limitMs: number;
  /** Whether waiting `ms` more still ends before the limit. */
  allows(ms: number): boolean;
  dispose(): void;
}

export function startDeadline(limitMs: number, callerSignal: AbortSignal, now: () => number = Date.now): RequestDeadline {
  const controller = new AbortController();
  const endsAt = now() + limitMs;
  let expired = false;
  const onCallerAbort = (): void => controller.abort(callerSignal.reason);
  if (callerSignal.aborted) {
    controller.abort(callerSignal.reason);
  } else {
    callerSignal.addEventListener('abort', onCallerAbort, { once: true });
  }
  const timer = setTimeout(() => {
    if (!controller.signal.aborted) {
      expired = true;
      controller.abort(new DOMException('The request deadline passed', 'TimeoutError'));
    }
  }, limitMs);
  timer.unref?.();
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    limitMs,
    allows: (ms) => now() + ms < endsAt,
    dispose() {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
    },
  };
}
