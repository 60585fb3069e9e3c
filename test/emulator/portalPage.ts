/**
 * The emulator's stand-in for the Azure portal, so that "Open in Portal" has somewhere to go without the internet
 * (the demo points `azureBatch.customCloud.portalEndpoint` at `{baseUrl}portal`). Not an Azure API: it is no part of
 * the specs, answers only GET and HEAD, is neither recorded nor subject to injected faults, and says plainly what it is.
 *
 * It takes the portal's deep-link shape, `/portal/#@{tenant}/resource{ARM id}[/{blade}]` (also `#resource…` without
 * a directory): the fragment never reaches a server, so a few lines of script in the page read it and show the
 * resource id and blade as text (`textContent`, never markup). A link without a fragment may carry the id in the path,
 * `/portal/resource{ARM id}`, which the server shows HTML-escaped. Strict CSP: only the page's own nonce'd script and
 * style run, nothing is loaded.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeReply } from './faults';
import type { Ctx, Reply } from './http';

/** The page's path on the emulator (the portal endpoint is `{baseUrl}portal`, no trailing slash). */
export const PORTAL_PATH = '/portal';

export function isPortalPath(path: string): boolean {
  return path === PORTAL_PATH || path.startsWith(`${PORTAL_PATH}/`);
}

/** The value for `azureBatch.customCloud.portalEndpoint` that opens this page on the emulator (HTTPS). */
export function portalEndpointOf(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${PORTAL_PATH}`;
}

/** The browser side: reads `location.hash`, shows directory, resource id and blade as text. Plain ES2020. */
export const PORTAL_PAGE_SCRIPT = `(function () {
  function decode(text) { try { return decodeURIComponent(text); } catch (e) { return text; } }
  function parse(hash) {
    var m = /^#(?:@([^/]*)\\/)?resource(\\/.*)$/.exec(hash);
    if (!m) { return undefined; }
    var segments = decode(m[2]).split('/').filter(function (s) { return s.length > 0; });
    var providers = segments.indexOf('providers');
    var blade = '';
    if (providers >= 0 && (segments.length - providers - 2) % 2 === 1) { blade = segments.pop(); }
    return { tenant: decode(m[1] || ''), resourceId: '/' + segments.join('/'), blade: blade };
  }
  function show() {
    var found = parse(location.hash);
    if (!found) { return; }
    document.getElementById('resource').textContent = found.resourceId;
    document.getElementById('blade').textContent = found.blade || '(overview)';
    document.getElementById('tenant').textContent = found.tenant || '(the signed-in directory)';
  }
  show();
  window.addEventListener('hashchange', show);
})();`;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The resource id in a fragment-less link's path (`/portal/resource/subscriptions/…`), decoded; '' when none. */
function resourceInPath(path: string): string {
  const rest = path.slice(PORTAL_PATH.length);
  if (!rest.startsWith('/resource/')) {
    return '';
  }
  try {
    return decodeURIComponent(rest.slice('/resource'.length));
  } catch {
    return rest.slice('/resource'.length);
  }
}

function page(nonce: string, pathResource: string): string {
  const resource = pathResource ? escapeHtml(pathResource) : '(none in the link)';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Azure portal (emulator stand-in)</title>
<style nonce="${nonce}">
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem; color: #1b1b1b; background: #fff; }
  @media (prefers-color-scheme: dark) { body { color: #e6e6e6; background: #1e1e1e; } .note { border-color: #c8a200; } }
  .note { border-left: 4px solid #8a6d00; padding: 0.25rem 1rem; }
  code { font: 14px/1.4 ui-monospace, monospace; word-break: break-all; }
  dt { font-weight: 600; margin-top: 1rem; }
</style>
</head>
<body>
<main>
<h1>Azure portal: the local emulator's stand-in</h1>
<p class="note">This is not the Azure portal. The local Azure emulator of Azure Batch Operator serves this page so that
Open in Portal has somewhere to go without an Azure account or internet access. In Azure, the link opens this resource
in the Azure portal of your cloud.</p>
<dl>
<dt>Resource ID asked for</dt><dd><code id="resource">${resource}</code></dd>
<dt>Blade</dt><dd><code id="blade">(overview)</code></dd>
<dt>Directory</dt><dd><code id="tenant">(the signed-in directory)</code></dd>
</dl>
</main>
<script nonce="${nonce}">${PORTAL_PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** GET/HEAD `/portal[/…]`: the stand-in page, with a fresh nonce in its CSP. */
export function portalPage(ctx: Pick<Ctx, 'method' | 'path'>): Reply {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    return { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: 'The emulator\'s portal stand-in answers GET only.\n' };
  }
  const nonce = randomBytes(16).toString('base64');
  const body = page(nonce, resourceInPath(ctx.path));
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  return ctx.method === 'HEAD'
    ? { status: 200, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }
    : { status: 200, headers, body };
}

export interface PortalPageServer {
  /** `http://127.0.0.1:{port}/portal`: the value for `azureBatch.customCloud.portalEndpoint`. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The same page alone over plain HTTP on loopback, for the demo: code-server opens a loopback link through its own
 * port forwarding (`/proxy/{port}/…` on the workbench's origin), which reaches the port in plain HTTP, so the
 * emulator's HTTPS port cannot answer it; desktop VS Code opens the http://127.0.0.1 link as is. Anything but
 * `/portal[/…]` is 404: no Azure API is served here.
 */
export async function startPortalPageServer(port = 0): Promise<PortalPageServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const reply: Reply = isPortalPath(path)
      ? portalPage({ method: (req.method ?? 'GET').toUpperCase(), path })
      : { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Only the portal stand-in page is served here: ${PORTAL_PATH}/\n` };
    req.resume();
    void writeReply(res, reply).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PORTAL_PATH}`,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
