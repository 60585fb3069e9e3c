import { isIP } from 'node:net';

/**
 * True for hosts that never leave the machine: 127.0.0.0/8, ::1 (also the IPv4-mapped form)
 * and `localhost` (not `*.localhost`, which a resolver may send to DNS). Accepts a URL hostname (IPv6 in brackets or not).
 */
export function isLoopbackHost(hostname: string): boolean {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) {
    host = host.slice(1, -1);
  }
  if (host.endsWith('.')) {
    host = host.slice(0, -1);
  }
  // Only the name itself: "*.localhost" may be resolved through DNS by the system resolver, so it is not trusted.
  if (host === 'localhost') {
    return true;
  }
  const family = isIP(host);
  if (family === 4) {
    return host.startsWith('127.');
  }
  if (family === 6) {
    if (host === '::1' || host === '0:0:0:0:0:0:0:1') {
      return true;
    }
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    return mapped !== null && mapped[1]!.startsWith('127.');
  }
  return false;
}

/** "scheme://host:port" with the default port made explicit, for same-origin comparisons. */
export function originOf(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
  return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
}
