import * as vscode from 'vscode';

/** Thrown when the user dismisses a prompt or cancels an operation: never shown as an error. */
export class UserCancelledError extends Error {
  constructor(step = 'prompt') {
    super(`Cancelled at ${step}.`);
    this.name = 'UserCancelledError';
  }
}

/** A button on an error's notification (shown before "Show Log"), e.g. "Open Settings". */
export interface ErrorAction {
  readonly title: string;
  run(): unknown;
}

/** An error whose message is written for a person: what failed, why, what to do (and buttons that do it). */
export class ActionableError extends Error {
  constructor(
    message: string,
    /** A short, non-identifying code for telemetry, e.g. "NoAccountSelected". */
    readonly code: string,
    readonly actions: readonly ErrorAction[] = [],
  ) {
    super(message);
    this.name = 'ActionableError';
  }
}

export function isCancellation(error: unknown): boolean {
  if (error instanceof UserCancelledError || error instanceof vscode.CancellationError) {
    return true;
  }
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'UserCancelledError' || name === 'RequestCancelledError' || name === 'AbortError' || name === 'Canceled';
}

const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

/**
 * The error's code, when it is a bare identifier (service error codes such as "NodeNotInValidState", Node error
 * codes such as "ECONNRESET"). Anything else becomes the error's class name, so that nothing a user typed and no
 * resource name can leak into telemetry through this field.
 */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && CODE_PATTERN.test(code)) {
    return code;
  }
  if (typeof code === 'number' && Number.isFinite(code)) {
    return String(code);
  }
  const name = error instanceof Error ? error.constructor.name : typeof error;
  return CODE_PATTERN.test(name) ? name : 'Unknown';
}

/** The one line shown to a person. Errors from the Azure client give an actionable `toString()`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const own = error.toString();
    // Error.prototype.toString gives "Name: message"; prefer the bare message for plain errors.
    return own === `${error.name}: ${error.message}` ? error.message : own;
  }
  return String(error);
}

/** The full text for the log: the message, any request ids a subclass offers, and the stack. */
export function errorDetails(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const withLog = error as Error & { toLogString?: () => string };
  const head = typeof withLog.toLogString === 'function' ? withLog.toLogString() : errorMessage(error);
  return error.stack ? `${head}\n${error.stack.split('\n').slice(1).join('\n')}` : head;
}
