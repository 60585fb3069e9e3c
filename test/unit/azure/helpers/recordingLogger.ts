import type { AzureLogger } from '../../../../src/azure/core/logger';

/** Collects every log line (level-prefixed) for assertions. */
export class RecordingLogger implements AzureLogger {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(`trace ${m}`);
  }
  debug(m: string): void {
    this.lines.push(`debug ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
  get text(): string {
    return this.lines.join('\n');
  }
}
