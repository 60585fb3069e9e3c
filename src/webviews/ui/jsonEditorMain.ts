/**
 * The browser side of the JSON-editor panel (src/webviews/jsonEditor/jsonEditorPanel.ts): a CodeMirror 6 editor with
 * the JSON language, schema validation, completion and hover, the host's rules as inline diagnostics, the problems
 * list, the live preview, the conflict view, and the buttons (jsonEditor/page.ts). This entry connects the page to the
 * webview: messages in and out, the saved state, CSP reports; the `ready` handshake is the first thing the bundle
 * does (jsonEditor/boot.ts, imported first).
 */
import { hostInbox, scriptStarted, webviewApi as vscode } from './jsonEditor/boot';
import { parseHostMessage, type WebviewMessage } from '../protocol';
import { JsonEditorPage } from './jsonEditor/page';
import './jsonEditor.css';

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

hostInbox.deliverTo((data) => {
  const message = parseHostMessage(data);
  if (!message) {
    console.warn('jsonEditor: dropped a malformed message from the host', data);
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
