/**
 * The logging surface the Azure layer writes to. VS Code's `LogOutputChannel` satisfies it,
 * so the extension passes its channel straight in; tests pass a recording logger or nothing.
 */
export interface AzureLogger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: AzureLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
