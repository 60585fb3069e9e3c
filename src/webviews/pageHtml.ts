import * as vscode from 'vscode';
import { contentSecurityPolicy, makeNonce } from './csp';

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The one HTML shell of the extension's webview pages: a fresh nonce, the strict CSP, the page's bundle
 * (`dist/webview/<bundle>.css` and `.js`) and an empty `#app` the bundle fills.
 */
export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { bundle: string; title: string }): string {
  const nonce = makeNonce();
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const lang = vscode.env.language.replace(/[^A-Za-z0-9-]/g, '') || 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="csp-nonce" content="${nonce}">
<link rel="stylesheet" href="${asset(`${page.bundle}.css`)}" nonce="${nonce}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="app" aria-busy="true"></div>
<script nonce="${nonce}" src="${asset(`${page.bundle}.js`)}"></script>
</body>
</html>`;
}
