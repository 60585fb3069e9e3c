import * as l10n from '../../utils/l10n';
import { UntrustedHostError } from '../errors/specificErrors';
import { isLoopbackHost } from '../http/loopback';
import type { AzureCloud } from './clouds';
import type { PreparedRequest, RequestAuthorizer } from './requestAuthorizer';

/**
 * Asks whether an Entra ID token for Azure Batch may go to `host`, which is not one of the cloud's Batch endpoints.
 * The extension asks once, in a modal naming the host, and remembers the answer for the session.
 */
export type ConfirmBatchHost = (host: string) => Promise<boolean>;

function bareHost(hostname: string): string {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) {
    host = host.slice(1, -1);
  }
  return host.replace(/\.+$/, '');
}

/** True when a Batch token may go to `hostname` without asking: a subdomain of the cloud's suffix, or loopback. */
export function isTrustedBatchHost(hostname: string, suffix: string | undefined): boolean {
  const host = bareHost(hostname);
  if (isLoopbackHost(host)) {
    return true;
  }
  return suffix !== undefined && suffix !== '' && host.endsWith(`.${suffix.toLowerCase()}`) && host.length > suffix.length + 1;
}

/**
 * Where the cloud's Batch tokens may go. One per set of clients: concurrent requests to the same unknown host share
 * one question, and the answer (yes or no) holds for the policy's lifetime.
 */
export class BatchHostPolicy {
  private readonly decisions = new Map<string, Promise<boolean>>();

  constructor(
    private readonly cloud: Pick<AzureCloud, 'batchEndpointSuffix'>,
    private readonly confirmHost?: ConfirmBatchHost,
  ) {}

  /** Where tokens go without asking ("*.batch.azure.com"), for messages. */
  get trustedDescription(): string {
    return this.cloud.batchEndpointSuffix
      ? `*.${this.cloud.batchEndpointSuffix}`
      : l10n.t('the Batch domain of azureBatch.customCloud.batchEndpointSuffix (not set)');
  }

  /** Resolves when a token may go to the request's host; throws UntrustedHostError otherwise (nothing is sent). */
  async check(request: PreparedRequest): Promise<void> {
    const host = bareHost(request.url.hostname);
    if (isTrustedBatchHost(host, this.cloud.batchEndpointSuffix)) {
      return;
    }
    let decision = this.decisions.get(host);
    if (!decision) {
      decision = this.ask(host);
      this.decisions.set(host, decision);
    }
    if (!(await decision)) {
      throw new UntrustedHostError({ method: request.method, url: request.url, host, trusted: this.trustedDescription });
    }
  }

  private async ask(host: string): Promise<boolean> {
    if (!this.confirmHost) {
      return false;
    }
    try {
      return (await this.confirmHost(host)) === true;
    } catch {
      return false;
    }
  }
}

/**
 * Wraps the Batch bearer authorizer: the token is added only when the policy allows the request's host. Shared-key
 * accounts are not wrapped (a signature is bound to the request and the key never leaves the machine).
 */
export class HostCheckedAuthorizer implements RequestAuthorizer {
  readonly scheme: RequestAuthorizer['scheme'];

  constructor(
    private readonly inner: RequestAuthorizer,
    private readonly policy: BatchHostPolicy,
  ) {
    this.scheme = inner.scheme;
  }

  async authorize(request: PreparedRequest, signal?: AbortSignal): Promise<void> {
    await this.policy.check(request);
    await this.inner.authorize(request, signal);
  }

  invalidate(): boolean {
    return this.inner.invalidate?.() ?? false;
  }
}
