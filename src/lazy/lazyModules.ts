/**
 * Packages that activation must not load: each is `require`d at its first use. In the packaged extension each is a
 * bundle of its own (esbuild.mjs `lazyBundles`: `dist/lazy/<name>.js`), so the main bundle neither contains nor parses
 * them; in the unbundled test build (`out/`) the same `require` resolves from node_modules. Node caches the module.
 * Pure: no `vscode`.
 */
import type * as Undici from 'undici';
import type * as Telemetry from '@vscode/extension-telemetry';
import type AjvModule from 'ajv';

/* eslint-disable @typescript-eslint/no-require-imports -- loading on first use is the point of this module */

/** undici, at the first HTTP request. */
export function undici(): typeof Undici {
  return require('undici') as typeof Undici;
}

/** The telemetry reporter (Application Insights + 1DS), only when a connection string is built in and allowed. */
export function extensionTelemetry(): typeof Telemetry {
  return require('@vscode/extension-telemetry') as typeof Telemetry;
}

/** @azure/identity and MSAL, only for the azureCli / environment / managedIdentity sign-in methods. */
export function azureIdentity(): typeof import('@azure/identity') {
  return require('@azure/identity') as typeof import('@azure/identity');
}

/** Ajv, when an editor first validates a draft. */
export function ajv(): typeof AjvModule {
  const module = require('ajv') as { default: typeof AjvModule };
  return module.default;
}

/**
 * Node's network modules: free inside the extension host (it has loaded them already) but ~20 ms each for a bare
 * `require` of the extension, so they too load when first needed.
 */
export function nodeNet(): typeof import('node:net') {
  return require('node:net') as typeof import('node:net');
}

export function nodeTls(): typeof import('node:tls') {
  return require('node:tls') as typeof import('node:tls');
}

export function nodeCrypto(): typeof import('node:crypto') {
  return require('node:crypto') as typeof import('node:crypto');
}

export function nodeHttp(): typeof import('node:http') {
  return require('node:http') as typeof import('node:http');
}
