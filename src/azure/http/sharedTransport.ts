import { readFileSync } from 'node:fs';
import type { Agent, ProxyAgent, Dispatcher } from 'undici';
import { nodeTls, undici } from '../../lazy/lazyModules';
import { parseNoProxy, shouldBypassProxy } from './proxyBypass';

/** VS Code `http.proxy`, `http.proxyStrictSSL`, `http.noProxy`, plus environment handling. */
export interface ProxyOptions {
  /** Explicit proxy URL (VS Code `http.proxy`). Empty/undefined: HTTPS_PROXY / HTTP_PROXY from the environment. */
  url?: string;
  /** VS Code `http.proxyStrictSSL` (default true): verify certificates on proxied connections. */
  strictSSL?: boolean;
  /** Extra bypass entries (VS Code `http.noProxy`), added to NO_PROXY from the environment. */
  noProxy?: readonly string[];
  /** Read HTTPS_PROXY / HTTP_PROXY / NO_PROXY (default true). */
  useEnvironment?: boolean;
  /** Send loopback traffic through the proxy too (tests); by default loopback always goes direct. */
  proxyLoopback?: boolean;
}

/** Connection settings: azureBatch.http.*TimeoutSeconds, proxy and extra trusted CAs. */
export interface TransportOptions {
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  proxy?: ProxyOptions;
  /** Extra CA certificate(s), PEM, trusted in addition to Node's roots (e.g. the emulator's self-signed cert). */
  ca?: string | readonly string[];
}

/** Chooses the dispatcher per URL: the shared keep-alive Agent, or a proxy agent. */
export interface HttpTransport {
  readonly key: string;
  dispatcherFor(url: URL): Dispatcher;
  /** True when `url` would go through a proxy. */
  usesProxy(url: URL): boolean;
  close(): Promise<void>;
}

interface ResolvedSettings {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  httpsProxy: string | undefined;
  httpProxy: string | undefined;
  noProxy: string[];
  strictSSL: boolean;
  proxyLoopback: boolean;
  ca: string[];
}

function env(name: string): string | undefined {
  const value = process.env[name.toLowerCase()] ?? process.env[name.toUpperCase()];
  return value && value.trim() ? value.trim() : undefined;
}

function resolveSettings(options: TransportOptions): ResolvedSettings {
  const proxy = options.proxy ?? {};
  const useEnv = proxy.useEnvironment !== false;
  const explicit = proxy.url?.trim() || undefined;
  const noProxy = [...(useEnv ? parseNoProxy(env('no_proxy')) : []), ...(proxy.noProxy ?? []).map((e) => e.toLowerCase())];
  const ca = options.ca === undefined ? [] : typeof options.ca === 'string' ? [options.ca] : [...options.ca];
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    headersTimeoutMs: options.headersTimeoutMs ?? 60_000,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 60_000,
    httpsProxy: explicit ?? (useEnv ? env('https_proxy') ?? env('http_proxy') : undefined),
    httpProxy: explicit ?? (useEnv ? env('http_proxy') : undefined),
    noProxy,
    strictSSL: proxy.strictSSL !== false,
    proxyLoopback: proxy.proxyLoopback === true,
    ca,
  };
}

/** NODE_EXTRA_CA_CERTS is part of Node's default store but not of tls.rootCertificates: keep it when we pass `ca`. */
function extraCaFromEnvironment(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) {
    return [];
  }
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}

function createTransport(settings: ResolvedSettings, key: string): HttpTransport {
  const ca = settings.ca.length ? [...nodeTls().rootCertificates, ...extraCaFromEnvironment(), ...settings.ca] : undefined;
  // Created at the first request (undici loads then, not at activation).
  let directAgent: Agent | undefined;
  const direct = (): Agent =>
    (directAgent ??= new (undici().Agent)({
      connect: { timeout: settings.connectTimeoutMs, ...(ca ? { ca } : {}) },
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
      keepAliveTimeout: 30_000,
    }));
  const proxies = new Map<string, ProxyAgent>();
  const proxyAgent = (uri: string): ProxyAgent => {
    let agent = proxies.get(uri);
    if (!agent) {
      agent = new (undici().ProxyAgent)({
        uri,
        headersTimeout: settings.headersTimeoutMs,
        bodyTimeout: settings.bodyTimeoutMs,
        requestTls: {
          timeout: settings.connectTimeoutMs,
          rejectUnauthorized: settings.strictSSL,
          ...(ca ? { ca } : {}),
        },
        proxyTls: { timeout: settings.connectTimeoutMs, rejectUnauthorized: settings.strictSSL, ...(ca ? { ca } : {}) },
      });
      proxies.set(uri, agent);
    }
    return agent;
  };
  const proxyFor = (url: URL): string | undefined => {
    const uri = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
    if (!uri) {
      return undefined;
    }
    return shouldBypassProxy(url, settings.noProxy, !settings.proxyLoopback) ? undefined : uri;
  };
  return {
    key,
    usesProxy: (url) => proxyFor(url) !== undefined,
    dispatcherFor(url) {
      const uri = proxyFor(url);
      return uri ? proxyAgent(uri) : direct();
    },
    async close() {
      await Promise.allSettled([...(directAgent ? [directAgent.close()] : []), ...[...proxies.values()].map((p) => p.close())]);
    },
  };
}

let shared: HttpTransport | undefined;

/**
 * The process-wide transport (one keep-alive Agent). It is recreated only when the effective
 * settings (timeouts, proxy, environment proxy variables, CAs) change; the previous one is closed
 * gracefully, letting requests in flight finish.
 */
export function getSharedTransport(options: TransportOptions = {}): HttpTransport {
  const settings = resolveSettings(options);
  const key = JSON.stringify(settings);
  if (shared?.key === key) {
    return shared;
  }
  const previous = shared;
  shared = createTransport(settings, key);
  if (previous) {
    void previous.close();
  }
  return shared;
}

/** Closes the shared transport (extension deactivation, end of a test run). */
export async function closeSharedTransport(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.close();
}
