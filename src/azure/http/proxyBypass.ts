import { nodeNet } from '../../lazy/lazyModules';
import { isLinkLocalHost, isLoopbackHost } from './loopback';

/**
 * NO_PROXY matching (curl/Go conventions): "*" bypasses everything; "example.com" and ".example.com"
 * match the host and its subdomains; "host:port" limits to a port; IPv4/IPv6 literals and
 * IPv4 CIDR blocks ("10.0.0.0/8") match addresses.
 */
export function parseNoProxy(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,\s]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry.length > 0);
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function matchesEntry(entry: string, host: string, port: number): boolean {
  if (entry === '*') {
    return true;
  }
  const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(entry);
  if (cidr) {
    if (nodeNet().isIP(host) !== 4) {
      return false;
    }
    const bits = Number(cidr[2]);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (ipv4ToNumber(host) & mask) === (ipv4ToNumber(cidr[1]!) & mask);
  }
  let name = entry;
  let entryPort: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    name = bracketed[1]!;
    entryPort = bracketed[2] ? Number(bracketed[2]) : undefined;
  } else if (nodeNet().isIP(entry) !== 6) {
    const withPort = /^(.+):(\d+)$/.exec(entry);
    if (withPort) {
      name = withPort[1]!;
      entryPort = Number(withPort[2]);
    }
  }
  if (entryPort !== undefined && entryPort !== port) {
    return false;
  }
  name = name.replace(/^\*?\./, '');
  return host === name || host.endsWith(`.${name}`);
}

/**
 * Whether a request to `url` goes direct instead of through the proxy. Link-local hosts (the managed-identity endpoint
 * 169.254.169.254, fe80::/10) always go direct, whatever the settings say: a proxy cannot reach them, and a token
 * request sent to the proxy instead would hand it the request.
 */
export function shouldBypassProxy(url: URL, noProxy: readonly string[], bypassLoopback: boolean): boolean {
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) {
    host = host.slice(1, -1);
  }
  if (isLinkLocalHost(host)) {
    return true;
  }
  if (bypassLoopback && isLoopbackHost(host)) {
    return true;
  }
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return noProxy.some((entry) => matchesEntry(entry, host, port));
}
