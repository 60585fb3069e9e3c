/** The request as it is about to be sent (one attempt): authorizers add headers to it. */
export interface PreparedRequest {
  readonly method: string;
  readonly url: URL;
  /** Header names are lower-case. */
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

export type AuthScheme = 'bearer' | 'sharedKey';

/**
 * Adds credentials to one attempt. Called again for every retry, so time-bound values
 * (ocp-date, the shared-key signature, a refreshed token) are fresh each time.
 */
export interface RequestAuthorizer {
  readonly scheme: AuthScheme;
  authorize(request: PreparedRequest, signal?: AbortSignal): Promise<void>;
  /** After a 401: drop cached credentials; true when a retry with fresh ones makes sense. */
  invalidate?(): boolean;
}
