/**
 * Links to the Azure portal for "Open in Portal". Pure (no `vscode`), unit-tested on Node.
 *
 * Form: `{portal}/#@{tenant}/resource{ARM id}[/{blade}]`, the deep link the Azure portal and the Azure Tools
 * extensions use (`#@{tenant}` picks the directory; `#@/resource…` leaves it to the portal's current one). A Batch
 * account's menu entries are blades under its id, e.g. `/storageAccount` (BatchExplorer links that one).
 *
 * Pools: the portal has no documented deep link to one pool, so a pool opens its account's **Pools** blade
 * (`{account id}/pools`) and the result carries a note naming the pool to pick there.
 *
 * Accounts attached by URL have no ARM id (the data-plane URL does not say which subscription and resource group
 * hold the account), so they get no link, with the reason.
 */
import type { AzureCloudName } from '../azure/auth/clouds';
import * as l10n from '../utils/l10n';

/** The portal of each public cloud (no trailing slash). */
export const PORTAL_ENDPOINTS: Readonly<Record<Exclude<AzureCloudName, 'custom'>, string>> = {
  AzureCloud: 'https://portal.azure.com',
  AzureChinaCloud: 'https://portal.azure.cn',
  AzureUSGovernment: 'https://portal.azure.us',
};

export interface PortalSettings {
  /** `azureBatch.cloud`: AzureCloud (default), AzureChinaCloud, AzureUSGovernment or custom. */
  cloud?: string;
  /** `azureBatch.customCloud.portalEndpoint`: used only when the cloud is `custom`. */
  customPortalEndpoint?: string;
}

export interface PortalContext extends PortalSettings {
  /** Directory (tenant id or domain) the resource lives in, when known. */
  tenantId?: string;
}

/**
 * A link, or why there is none (said to the user as is: what failed, why, what to do); `setting` names the setting to
 * fix when that is the remedy (the error then offers Open Settings at it).
 */
export type PortalLink = { ok: true; url: string; note?: string } | { ok: false; reason: string; setting?: string };

const SETTING = 'azureBatch.customCloud.portalEndpoint';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The portal's base URL for the configured cloud. */
export function portalEndpoint(settings: PortalSettings): PortalLink {
  if (settings.cloud !== 'custom') {
    const known = PORTAL_ENDPOINTS[(settings.cloud ?? 'AzureCloud') as keyof typeof PORTAL_ENDPOINTS];
    return { ok: true, url: known ?? PORTAL_ENDPOINTS.AzureCloud };
  }
  const text = settings.customPortalEndpoint?.trim() ?? '';
  if (!text) {
    return { ok: false, setting: SETTING, reason: l10n.t('The Azure portal of this custom cloud is not known: {0} is empty. Set it to the portal’s https:// address.', SETTING) };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, setting: SETTING, reason: l10n.t('{0} is not a valid URL: "{1}". Set it to the portal’s https:// address.', SETTING, text) };
  }
  // http:// only on this computer (a local stand-in such as the emulator's page; nothing leaves the machine).
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if ((url.protocol !== 'https:' && !loopbackHttp) || url.search || url.hash || url.username || url.password) {
    return { ok: false, setting: SETTING, reason: l10n.t('{0} must be a plain https:// address without query, fragment or credentials: "{1}".', SETTING, text) };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

const ARM_ID = {
  batchAccount: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Batch\/batchAccounts\/[^/]+$/i,
  gallery: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/galleries\/[^/]+$/i,
  imageDefinition: /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/galleries\/[^/]+\/images\/[^/]+$/i,
} as const;

type ResourceKind = keyof typeof ARM_ID;

function resourceLink(context: PortalContext, kind: ResourceKind, armId: string, blade?: string): PortalLink {
  const base = portalEndpoint(context);
  if (!base.ok) {
    return base;
  }
  // ARM ids never hold '#', '?' or spaces; one that does is not an id this link can carry.
  if (!ARM_ID[kind].test(armId) || /[#?\s]/.test(armId)) {
    return { ok: false, reason: l10n.t('"{0}" is not an Azure Resource Manager ID of this kind of resource, so the portal cannot open it. Refresh the tree and try again.', armId) };
  }
  const tenant = context.tenantId ? encodeURIComponent(context.tenantId) : '';
  return { ok: true, url: `${base.url}/#@${tenant}/resource${encodeURI(armId)}${blade ? `/${blade}` : ''}` };
}

export interface BatchAccountRef {
  name: string;
  /** The account's ARM id; undefined for accounts attached by URL. */
  armId?: string;
}

function attachedReason(account: BatchAccountRef): PortalLink {
  return {
    ok: false,
    reason: l10n.t('Batch account {0} was attached by its URL, so its subscription and resource group are not known and the portal cannot open it. Sign in to Azure and open the account from its subscription instead.', account.name),
  };
}

/** The Batch account's overview. */
export function batchAccountPortalUrl(context: PortalContext, account: BatchAccountRef): PortalLink {
  return account.armId ? resourceLink(context, 'batchAccount', account.armId) : attachedReason(account);
}

/** A pool: its account's Pools blade (no documented deep link to one pool), with a note naming the pool. */
export function poolPortalUrl(context: PortalContext, account: BatchAccountRef, poolId: string): PortalLink {
  if (!account.armId) {
    return attachedReason(account);
  }
  const link = resourceLink(context, 'batchAccount', account.armId, 'pools');
  return link.ok ? { ...link, note: l10n.t('The portal opens the pools of Batch account {0}; choose pool {1} there.', account.name, poolId) } : link;
}

/** A Compute Gallery's overview. */
export function galleryPortalUrl(context: PortalContext, galleryArmId: string): PortalLink {
  return resourceLink(context, 'gallery', galleryArmId);
}

/** An image definition's overview. */
export function imageDefinitionPortalUrl(context: PortalContext, imageArmId: string): PortalLink {
  return resourceLink(context, 'imageDefinition', imageArmId);
}
