import { nodeNet } from '../../lazy/lazyModules';

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
  const family = nodeNet().isIP(host);
  if (family === 4) {
    return host.startsWith('127.');
  }
  if (family === 6) {
    if (host === '::1' || host === '0:0:0:0:0:0:0:1') {
      return true;
    }
    return mappedIpv4(host)?.startsWith('127.') === true;
  }
  return false;
}

/**
 * True for link-local addresses: 169.254.0.0/16 (e.g. the managed-identity endpoint 169.254.169.254), fe80::/10 and
 * their IPv4-mapped IPv6 forms. Such addresses exist only on the local network segment: a proxy cannot reach the
 * right one, so they always go direct.
 */
export function isLinkLocalHost(hostname: string): boolean {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) {
    host = host.slice(1, -1);
  }
  const family = nodeNet().isIP(host);
  if (family === 4) {
    return host.startsWith('169.254.');
  }
  if (family === 6) {
    const mapped = mappedIpv4(host);
    if (mapped) {
      return mapped.startsWith('169.254.');
    }
    // fe80::/10: the first 10 bits are 1111 1110 10, i.e. the first group is fe80..febf.
    return /^fe[89ab][0-9a-f]:/.test(host);
  }
  return false;
}

/**
 * The IPv4 address inside an IPv4-mapped IPv6 address, in either spelling: "::ffff:127.0.0.1" as typed, or
 * "::ffff:7f00:1" as the URL parser writes it.
 */
function mappedIpv4(host: string): string | undefined {
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (dotted) {
    return dotted[1];
  }
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!hex) {
    return undefined;
  }
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** "scheme://host:port" with the default port made explicit, for same-origin comparisons. */
export function originOf(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
  return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
}
