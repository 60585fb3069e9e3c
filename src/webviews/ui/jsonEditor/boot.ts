/**
 * The first module of the page's bundle (jsonEditorMain.ts imports it before anything else, so it evaluates before
 * CodeMirror's modules): takes the webview API, starts keeping the host's messages, and posts `ready` at once. The
 * host answers with `init` while the rest of the bundle evaluates; the page takes the kept messages, in order, when it
 * is built (issue 13: the page said `ready` only after the whole bundle had evaluated and the page was built).
 */

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

/** The host's messages, kept until the page takes them, then handed to it as they come. */
class HostInbox {
  private readonly kept: unknown[] = [];
  private handler: ((data: unknown) => void) | undefined;

  receive(data: unknown): void {
    if (this.handler) {
      this.handler(data);
    } else {
      this.kept.push(data);
    }
  }

  /** From now on every host message goes to `handler`, the kept ones first. */
  deliverTo(handler: (data: unknown) => void): void {
    this.handler = handler;
    for (const data of this.kept.splice(0)) {
      handler(data);
    }
  }
}

/** When the page's script started (ms since navigation). */
export const scriptStarted = performance.now();
export const webviewApi = acquireVsCodeApi();
export const hostInbox = new HostInbox();

window.addEventListener('message', (event: MessageEvent) => hostInbox.receive(event.data));
// Handshake: the host queues its messages until this.
webviewApi.postMessage({ type: 'ready' });
