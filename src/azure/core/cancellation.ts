/**
 * Cancellation without `vscode`: a structural token (vscode.CancellationToken satisfies it)
 * and/or an AbortSignal are merged into one AbortSignal the HTTP layer understands.
 */
export interface DisposableLike {
  dispose(): void;
}

export interface CancellationTokenLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): DisposableLike;
}

/** What every public operation accepts to be cancelled. */
export interface CancellationOptions {
  /** A VS Code cancellation token (or anything with the same shape). */
  cancellationToken?: CancellationTokenLike;
  /** An AbortSignal, e.g. from an AbortController owned by the caller. */
  abortSignal?: AbortSignal;
}

export interface LinkedAbortSignal {
  readonly signal: AbortSignal;
  /** Removes the listeners registered on the token and the parent signal. */
  dispose(): void;
}

/** One AbortSignal that fires when either the token or the signal fires. */
export function linkCancellation(options: CancellationOptions | undefined): LinkedAbortSignal {
  const controller = new AbortController();
  const disposers: Array<() => void> = [];
  const token = options?.cancellationToken;
  const parent = options?.abortSignal;
  if (token) {
    if (token.isCancellationRequested) {
      controller.abort();
    }
    else {
      const subscription = token.onCancellationRequested(() => controller.abort());
      disposers.push(() => subscription.dispose());
    }
  }
  if (parent) {
    if (parent.aborted) {
      controller.abort();
    }
    else {
      const onAbort = (): void => controller.abort();
      parent.addEventListener('abort', onAbort, { once: true });
      disposers.push(() => parent.removeEventListener('abort', onAbort));
    }
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const dispose of disposers.splice(0)) {
        dispose();
      }
    },
  };
}
