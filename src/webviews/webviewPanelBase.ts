import * as vscode from 'vscode';
import { pageHtml } from './pageHtml';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from './protocol';
import { messageTypeOf } from './messageType';

/** Options of a panel page: which bundle it loads from dist/webview. */
export interface WebviewPage {
  /** e.g. "jsonEditorMain" → dist/webview/jsonEditorMain.js and .css */
  bundle: string;
  /** Accessible title of the page (the <title>). */
  title: string;
}

/**
 * Base of the extension's webview panels (after vscode-extension-samples' webview-sample and
 * vscode-pull-request-github's WebviewBase): one object per panel, disposables collected, a strict CSP with nonces,
 * local assets from dist/webview only, and a `ready` handshake: posts made before the webview said `ready` are
 * queued and sent in order afterwards; so are posts made while the panel is hidden (its page is destroyed then) until
 * the page that comes back says `ready`. Incoming messages are validated at run time; malformed ones are dropped; the
 * others are handled one at a time, in order.
 */
export abstract class WebviewPanelBase implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly queue: HostMessage[] = [];
  private isReady = false;
  private disposed = false;
  /** Incoming messages are handled one at a time, in order: this is the tail of that chain. */
  private handling: Promise<void> = Promise.resolve();
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;

  /** localResourceRoots of every panel: the webview bundles only. */
  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    };
  }

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // A revived panel keeps the options it was created with; set them again so they are always the narrow ones.
    panel.webview.options = WebviewPanelBase.webviewOptions(extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      // Without retainContextWhenHidden the page is destroyed while the panel is hidden: what is posted then would be
      // lost. Queue until the page that comes back says `ready` again.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) {
          this.isReady = false;
        }
      }),
    );
  }

  /** Loads (or reloads) the page; the handshake starts again. */
  protected render(page: WebviewPage): void {
    this.isReady = false;
    this.panel.webview.html = pageHtml(this.panel.webview, this.extensionUri, page);
  }

  get ready(): boolean {
    return this.isReady;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Posts now when the webview is ready, else after its `ready`. */
  protected post(message: HostMessage): void {
    if (this.disposed) {
      return;
    }
    if (!this.isReady) {
      this.queue.push(message);
      return;
    }
    this.send(message);
  }

  /** Posts; a message the webview did not take (hidden, reloading) is queued for its next `ready`. */
  private send(message: HostMessage): void {
    this.panel.webview.postMessage(message).then(
      (delivered) => {
        if (!delivered && !this.disposed) {
          this.isReady = false;
          this.queue.push(message);
        }
      },
      () => undefined,
    );
  }

  /** Forgets the queued posts (a subclass that sends its whole state on `ready` makes them obsolete). */
  protected clearQueue(): void {
    this.queue.length = 0;
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`${this.constructor.name}: dropped a malformed webview message (type ${messageTypeOf(raw)})`);
      return;
    }
    if (message.type === 'ready') {
      this.isReady = true;
      this.onReady();
      for (const queued of this.queue.splice(0)) {
        this.send(queued);
      }
      return;
    }
    if (message.type === 'cspViolation') {
      this.log.error(`${this.constructor.name}: the webview's Content-Security-Policy blocked ${message.blocked} (${message.directive})`);
    }
    // One at a time: a message is handled only after the previous one's handling ended.
    this.handling = this.handling
      .then(() => (this.disposed ? undefined : this.handle(message)))
      .catch((error: unknown) => this.log.error(`${this.constructor.name}: ${String((error as Error)?.stack ?? error)}`));
  }

  /** Called on every `ready` (first load and reloads), before the queued messages go out (it may clear them). */
  protected onReady(): void {}

  /** Handles a validated message (not `ready`). */
  protected abstract handle(message: Exclude<WebviewMessage, { type: 'ready' }>): Promise<void>;

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.queue.length = 0;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
  }
}

export { escapeHtml } from './pageHtml';
