/**
 * The browser side of the JSON-editor panel (src/webviews/jsonEditor/jsonEditorPanel.ts): a CodeMirror 6 editor with
 * the JSON language, schema validation, completion and hover, the host's rules as inline diagnostics, the problems
 * list, the live preview, the conflict view, and the buttons (jsonEditor/page.ts). This entry connects the page to the
 * webview: messages in and out, the saved state, CSP reports, and the `ready` handshake.
 */
import { parseHostMessage, type WebviewMessage } from '../protocol';
import { JsonEditorPage } from './jsonEditor/page';
import './jsonEditor.css';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

const scriptStarted = performance.now();
const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage) => vscode.postMessage(message);

document.addEventListener('securitypolicyviolation', (e) => {
  post({ type: 'cspViolation', directive: e.violatedDirective, blocked: String(e.blockedURI || e.sample || '?') });
});

const page = new JsonEditorPage({
  post,
  saveState: (state) => vscode.setState(state),
  nonce: document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '',
  scriptStarted,
}, document.getElementById('app')!);

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (!message) {
    console.warn('jsonEditor: dropped a malformed message from the host', event.data);
    return;
  }
  page.onMessage(message);
});

// A change still waiting for its debounce goes to the host before the page goes away (hidden panel, reload).
window.addEventListener('pagehide', () => page.flushPending());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') {
    page.flushPending();
  }
});

// Handshake: the host queues its messages until this.
post({ type: 'ready' });
