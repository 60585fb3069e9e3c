/**
 * Upload Batch Service Logs…: checking the container URL (https, a container, a SAS signature) and masking its SAS
 * for anything that is shown or logged, the time-window choices, and the result sentence. Pure.
 */
import type { UploadBatchServiceLogsResult } from '../azure/batch/nodeOperationModels';
import * as l10n from '../utils/l10n';

export type ContainerUrlCheck = { ok: true; url: string; masked: string } | { ok: false; message: string };

/** "https://acct.blob.core.windows.net/logs?sv=…&sig=…" -> "https://acct.blob.core.windows.net/logs?<SAS>". */
export function maskSas(url: string): string {
  const q = url.indexOf('?');
  const withoutFragment = url.split('#')[0]!;
  return q < 0 ? withoutFragment : `${url.slice(0, q)}?<SAS>`;
}

/** Validates the input box text; the message never repeats the URL (it holds a secret). */
export function checkContainerUrl(text: string): ContainerUrlCheck {
  const trimmed = text.trim();
  if (trimmed === '') { return { ok: false, message: l10n.t('Paste the container URL with its SAS token.') }; }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: l10n.t('This is not a URL. Paste the container URL with its SAS token (https://ACCOUNT.blob.core.windows.net/CONTAINER?sv=…&sig=…).') };
  }
  if (url.protocol !== 'https:') { return { ok: false, message: l10n.t('The container URL must start with https:// (the SAS must not travel unencrypted).') }; }
  if (url.username || url.password) { return { ok: false, message: l10n.t('The container URL must not contain a user name or password.') }; }
  if (url.pathname.replace(/\/+$/, '') === '') {
    return { ok: false, message: l10n.t('The URL names no container: add it after the host (https://ACCOUNT.blob.core.windows.net/CONTAINER?…).') };
  }
  if (!url.searchParams.get('sig')) {
    return { ok: false, message: l10n.t('The URL has no SAS signature (sig=…). Create a SAS with write permission for the container and paste the whole URL.') };
  }
  const permissions = url.searchParams.get('sp');
  if (permissions !== null && !/[wc]/.test(permissions)) {
    return { ok: false, message: l10n.t('The SAS does not allow writing (sp={0}). Create one with write (w) permission.', permissions) };
  }
  const expiry = url.searchParams.get('se');
  if (expiry !== null && !Number.isNaN(Date.parse(expiry)) && Date.parse(expiry) <= Date.now()) {
    return { ok: false, message: l10n.t('The SAS expired on {0}. Create a new one.', expiry) };
  }
  return { ok: true, url: trimmed, masked: maskSas(trimmed) };
}

export type TimeWindowId = 'last2h' | 'last24h' | 'sinceStart';

export interface TimeWindowChoice {
  id: TimeWindowId;
  label: string;
  /** UTC ISO 8601; no end time = up to now. */
  startTime: string;
}

/** Last 2 hours, last 24 hours, and (when known) since the node started (its lastBootTime). */
export function timeWindowChoices(now: Date, nodeStartedAt?: string): TimeWindowChoice[] {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
  const choices: TimeWindowChoice[] = [
    { id: 'last2h', label: l10n.t('Last 2 hours'), startTime: hoursAgo(2) },
    { id: 'last24h', label: l10n.t('Last 24 hours'), startTime: hoursAgo(24) },
  ];
  const started = nodeStartedAt === undefined ? Number.NaN : Date.parse(nodeStartedAt);
  if (!Number.isNaN(started) && started < now.getTime()) {
    choices.push({ id: 'sinceStart', label: l10n.t('Since the node started ({0})', new Date(started).toISOString().replace(/\.\d+Z$/, 'Z')), startTime: new Date(started).toISOString() });
  }
  return choices;
}

/** "Uploading 4 log files to https://…/logs?<SAS> in folder pool/node/guid." */
export function uploadSummary(result: UploadBatchServiceLogsResult, maskedContainerUrl: string): string {
  if (result.numberOfFilesUploaded === 0) {
    return l10n.t('No service log covers that time window: nothing was uploaded to {0}.', maskedContainerUrl);
  }
  return l10n.t('The service is uploading {0} log file(s) to {1}, folder {2}.', result.numberOfFilesUploaded, maskedContainerUrl, result.virtualDirectoryName);
}
