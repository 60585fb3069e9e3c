/** The Content-Security-Policy of the extension's webviews, in one place. Pure. */

/** 32 random base64 characters for the CSP nonce of one page load. */
export function makeNonce(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/**
 * Nothing by default; scripts only with the page's nonce; styles from the extension's bundle (the webview's own
 * origin) or with the nonce. CodeMirror mounts its styles as constructable style sheets, or as `<style nonce>`
 * (EditorView.cspNonce); no 'unsafe-inline', no 'unsafe-eval'. Images: the bundle and data: URIs (CodeMirror's
 * default lint underline is an SVG data URI; the theme replaces it, but a data: image is harmless).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // Not covered by default-src: a <base> or a form would otherwise be allowed to point anywhere.
    "base-uri 'none'",
    "form-action 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}
