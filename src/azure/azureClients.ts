import * as vscode from 'vscode';
import type { TokenCredential } from '@azure/core-auth';
import { resolveApiVersions, type ApiVersions } from './apiVersions';
import { AzureClients, transportOptionsFrom, type AzureSettings } from './azureClientFactory';
import type { ConfirmBatchHost } from './auth/batchHostGuard';
import { isAuthenticationMethod } from './auth/authenticationMethods';
import { armScope, resolveCloud, type AzureCloudName } from './auth/clouds';
import { createCredential } from './auth/credentialFactory';
import { VsCodeSessionCredential } from './auth/vscodeSessionCredential';
import type { AzureLogger } from './core/logger';
import type { ThrottleInfo } from './http/requestTypes';
import { buildUserAgent } from './http/userAgent';

/** Reads azureBatch.* and VS Code's http.proxy / http.proxyStrictSSL / http.noProxy. */
export function readAzureSettings(): AzureSettings {
  const config = vscode.workspace.getConfiguration('azureBatch');
  const http = vscode.workspace.getConfiguration('http');
  // Where credentials go (method, tenant, cloud, endpoints) comes from the user's own settings only: a workspace
  // (e.g. a cloned repository's .vscode/settings.json) must not redirect a secret to another authority.
  const user = <T>(key: string): T | undefined => {
    const values = config.inspect<T>(key);
    return values?.globalValue ?? values?.defaultValue;
  };
  const method = user<string>('authentication.method');
  const text = (key: string): string | undefined => user<string>(key)?.trim() || undefined;
  return {
    cloud: (user<string>('cloud') as AzureCloudName | undefined) ?? 'AzureCloud',
    customCloud: {
      resourceManagerEndpoint: text('customCloud.resourceManagerEndpoint'),
      activeDirectoryEndpoint: text('customCloud.activeDirectoryEndpoint'),
      batchResourceId: text('customCloud.batchResourceId'),
      batchEndpointSuffix: text('customCloud.batchEndpointSuffix'),
    },
    authentication: {
      method: isAuthenticationMethod(method) ? method : 'vscode',
      tenantId: text('authentication.tenant'),
      managedIdentityClientId: text('authentication.managedIdentityClientId'),
    },
    http: {
      connectTimeoutSeconds: config.get<number>('http.connectTimeoutSeconds'),
      headersTimeoutSeconds: config.get<number>('http.headersTimeoutSeconds'),
      bodyTimeoutSeconds: config.get<number>('http.bodyTimeoutSeconds'),
      maxRetries: config.get<number>('http.maxRetries'),
      maxRetryDelaySeconds: config.get<number>('http.maxRetryDelaySeconds'),
      maxResponseMegabytes: config.get<number>('http.maxResponseMegabytes'),
      requestTimeoutSeconds: config.get<number>('http.requestTimeoutSeconds'),
    },
    apiVersions: {
      batch: text('apiVersion.batch'),
      batchManagement: text('apiVersion.batchManagement'),
      compute: text('apiVersion.compute'),
      resources: text('apiVersion.resources'),
    },
    proxy: {
      url: http.get<string>('proxy')?.trim() || undefined,
      strictSSL: http.get<boolean>('proxyStrictSSL', true),
      noProxy: http.get<string[]>('noProxy', []),
    },
  };
}

/**
 * The API versions the clients use, read from the same settings as createAzureClients: show these in "exact request"
 * lines so what the editor shows is what is sent.
 */
export function currentApiVersions(): ApiVersions {
  return resolveApiVersions(readAzureSettings().apiVersions);
}

/**
 * The question asked before an Entra ID token for Batch goes to a host outside the cloud's Batch domains: a modal
 * naming the host, asked once per host; the answer is remembered for as long as the returned function lives (create
 * it once per activation and pass it to every createAzureClients).
 */
export function createBatchHostConfirmation(): ConfirmBatchHost {
  const answers = new Map<string, Promise<boolean>>();
  return (host) => {
    let answer = answers.get(host);
    if (!answer) {
      const send = vscode.l10n.t('Send Token');
      answer = Promise.resolve(
        vscode.window.showWarningMessage(
          vscode.l10n.t('Send your Azure sign-in token to {0}?', host),
          {
            modal: true,
            detail: vscode.l10n.t(
              '{0} is not an Azure Batch endpoint of the selected cloud. A Batch account there would receive an access token that acts as you for Azure Batch. Continue only if you trust this host; otherwise check the account URL.',
              host,
            ),
          },
          send,
        ),
      ).then((choice) => choice === send, () => false);
      answers.set(host, answer);
    }
    return answer;
  };
}

/** True when a configuration change means the clients must be rebuilt. */
export function affectsAzureClients(event: vscode.ConfigurationChangeEvent): boolean {
  return ['azureBatch', 'http.proxy', 'http.proxyStrictSSL', 'http.noProxy', 'microsoft-sovereign-cloud'].some((section) =>
    event.affectsConfiguration(section),
  );
}

export interface CreateAzureClientsOptions {
  /** package.json name and version, for the User-Agent. */
  extensionName: string;
  extensionVersion: string;
  logger: AzureLogger;
  onThrottled?: (info: ThrottleInfo) => void;
  /** Tests/harness: a ready credential instead of the configured method. */
  credential?: TokenCredential;
  /** Tests/harness: settings instead of reading VS Code's. */
  settings?: AzureSettings;
  /** See createBatchHostConfirmation; without it, tokens for Batch go only to the cloud's Batch domains and loopback. */
  confirmBatchHost?: ConfirmBatchHost;
}

/** Builds the Azure clients from the current VS Code settings and the configured authentication method. */
export async function createAzureClients(options: CreateAzureClientsOptions): Promise<AzureClients> {
  const settings = options.settings ?? readAzureSettings();
  const cloud = resolveCloud(settings.cloud, settings.customCloud);
  const credential = options.credential ?? (await createCredential(settings.authentication, cloud, transportOptionsFrom(settings)));
  return new AzureClients({
    settings,
    credential,
    userAgent: buildUserAgent(options.extensionName, options.extensionVersion, vscode.version),
    logger: options.logger,
    onThrottled: options.onThrottled,
    confirmBatchHost: options.confirmBatchHost,
  });
}

/**
 * Explicit "Sign in to Azure" for the default method (prompts with createIfNone). For the
 * other methods there is nothing to prompt for; returns undefined.
 */
export async function signInToAzure(settings: AzureSettings = readAzureSettings()): Promise<string | undefined> {
  if (settings.authentication.method !== 'vscode') {
    return undefined;
  }
  const cloud = resolveCloud(settings.cloud, settings.customCloud);
  return new VsCodeSessionCredential({ tenantId: settings.authentication.tenantId }).signIn(armScope(cloud));
}

/** Fires when VS Code's Microsoft sessions change (sign-in/out): rebuild or clear token caches. */
export function onDidChangeAzureSessions(listener: () => void): vscode.Disposable {
  return vscode.authentication.onDidChangeSessions((event) => {
    if (event.provider.id === 'microsoft' || event.provider.id === 'microsoft-sovereign-cloud') {
      listener();
    }
  });
}
