import * as l10n from '../../utils/l10n';
import { assertNoDotSegments } from '../core/identifiers';
import { isLoopbackHost } from './loopback';

/** Thrown for a Batch account URL the client will not use (not a URL, user info, plain http, query, dot segments). */
export class InvalidAccountUrlError extends Error {
  override readonly name = 'InvalidAccountUrlError';
  readonly code = 'InvalidAccountUrl';
}

/**
 * The one check every Batch account URL passes before a client uses it (attach, the AZURE_BATCH_* account, restored
 * editors, BatchAccountClient). Returns the URL normalized (scheme added when missing, no trailing slash), or throws
 * InvalidAccountUrlError saying what is wrong and what to do.
 */
export function checkedAccountUrl(text: string): string {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvalidAccountUrlError(l10n.t('"{0}" is not a Batch account URL: use the form https://ACCOUNT.REGION.batch.azure.com.', trimmed));
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidAccountUrlError(
      l10n.t(
        'The Batch account URL must not contain a user name or password ("user:password@"): the account is signed in with Microsoft Entra ID or its shared key. Remove the part before "@" from {0}.',
        url.host,
      ),
    );
  }
  const plainLoopback = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !plainLoopback) {
    throw new InvalidAccountUrlError(l10n.t('The Batch account URL must start with https:// (plain http:// only for this computer): {0}', `${url.protocol}//${url.host}`));
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(withScheme)) {
    throw new InvalidAccountUrlError(l10n.t('The Batch account URL must not contain a query or fragment ("?", "#"): use only https://{0}.', url.host));
  }
  // The URL parser has already folded "." and ".." in `url`: check what was written.
  assertNoDotSegments(withScheme.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\]*/i, ''), l10n.t('Batch account URL'));
  return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
}
