/**
 * Offline on demand: closes the listener and every open connection, so new connections are refused (ECONNREFUSED,
 * as when the service is unreachable), and listens again on the same port later. Connection-level, so no route.
 */
import type { Server } from 'node:https';
import type { Socket } from 'node:net';

export class OfflineSwitch {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly server: Server,
    private readonly sockets: ReadonlySet<Socket>,
    private readonly port: () => number,
    private readonly log: (line: string) => void,
  ) {}

  async goOffline(): Promise<void> {
    if (!this.server.listening) { return; }
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) { socket.destroy(); }
    });
  }

  async goOnline(): Promise<void> {
    if (this.server.listening) { return; }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port(), '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** For the control API: once the reply has gone out (~20 ms), refuse connections for `ms`, then listen again. */
  offlineFor(ms: number): void {
    const later = setTimeout(() => {
      void this.goOffline().then(() => {
        const back = setTimeout(() => void this.goOnline().catch((e: unknown) => this.log(`emulator: could not listen again: ${String(e)}`)), ms);
        this.timers.add(back);
      });
    }, 20);
    this.timers.add(later);
  }

  clearTimers(): void {
    for (const timer of this.timers) { clearTimeout(timer); }
    this.timers.clear();
  }
}
