/** What every route handler can reach: the state, the options, the token service, conformance and timers. */
import type { Conformance } from './conformance';
import type { EmulatorState } from './state';
import type { TokenService } from './tokens';

export interface ResolvedOptions {
  data: 'demo' | 'small' | 'large';
  lroDelayMs: number;
  nodeTransitionMs: number;
  armPageSize: number;
  latencyMs: number;
  /** Clock of the token service (issue and expiry check), ms. */
  clock: () => number;
  tokenClockSkewSeconds: number;
}

/** Timers that reset() and stop() can cancel all at once. */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, ms));
    timer.unref();
    this.timers.add(timer);
  }

  clear(): void {
    for (const t of this.timers) { clearTimeout(t); }
    this.timers.clear();
  }

  get pending(): number {
    return this.timers.size;
  }
}

export interface Env {
  state: EmulatorState;
  /** "https://127.0.0.1:PORT/" */
  baseUrl: string;
  options: ResolvedOptions;
  tokens: TokenService;
  conformance: Conformance;
  scheduler: Scheduler;
  /** Armed by failNextImagePut: the next image PUT's operation ends Failed with this error. */
  failNextImagePut?: { code: string; message: string };
  log: (line: string) => void;
}

/** The Batch account URL (no trailing slash). */
export function accountUrl(env: Env, accountName: string): string {
  return `${env.baseUrl}batch/${accountName}`;
}
