import type { PreparedRequest, RequestAuthorizer } from './requestAuthorizer';
import { sharedKeyAuthorizationHeader } from './sharedKeySignature';

/** Returns the account key (base64), e.g. from VS Code SecretStorage; called for every attempt. */
export type SharedKeyProvider = () => string | Promise<string>;

/** Signs every Batch attempt with the account's shared key (recomputed per attempt with a fresh ocp-date). */
export class SharedKeyAuthorizer implements RequestAuthorizer {
  readonly scheme = 'sharedKey' as const;

  constructor(
    readonly accountName: string,
    private readonly keyProvider: SharedKeyProvider,
  ) {}

  async authorize(request: PreparedRequest): Promise<void> {
    if (!request.headers['ocp-date'] && !request.headers['date']) {
      request.headers['ocp-date'] = new Date().toUTCString();
    }
    const key = await this.keyProvider();
    request.headers['authorization'] = sharedKeyAuthorizationHeader(this.accountName, key, {
      method: request.method,
      url: request.url,
      headers: request.headers,
      contentLength: request.body?.length ?? 0,
    });
  }
}
