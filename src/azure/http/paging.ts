import type { CancellationOptions } from '../core/cancellation';
import { CrossOriginLinkError } from '../errors/specificErrors';
import type { AzureHttpClient } from './azureHttpClient';
import { originOf } from './loopback';
import type { AzureRequest } from './requestTypes';

/** One page of a list: its items and, when there is more, the link to the next page. */
export interface Page<T> {
  items: T[];
  /** Batch `odata.nextLink` or ARM `nextLink`; undefined on the last page. Store it to resume ("Load more…"). */
  nextLink?: string;
}

interface ListBody<T> {
  value?: T[];
  nextLink?: string | null;
  'odata.nextLink'?: string | null;
}

/**
 * Fetches one page. `request` is the first-page request, or, to resume, the same request with
 * `url` set to a stored next link (its query already holds everything, including api-version).
 * The next link must stay on `expectedOrigin` (scheme, host and port), otherwise a
 * CrossOriginLinkError is thrown and nothing is sent there.
 */
export async function getPage<T>(
  client: AzureHttpClient,
  request: AzureRequest,
  expectedOrigin: string = originOf(request.url),
): Promise<Page<T>> {
  assertSameOrigin(request, expectedOrigin);
  const response = await client.send<ListBody<T>>({ ...request, method: 'GET' });
  const body = response.body ?? {};
  const nextLink = body['odata.nextLink'] ?? body.nextLink ?? undefined;
  if (nextLink) {
    assertSameOrigin({ ...request, url: nextLink }, expectedOrigin);
  }
  return { items: body.value ?? [], nextLink: nextLink || undefined };
}

/** The request for the page after `page` (same auth, dialect and options; the link replaces URL and query). */
export function nextPageRequest(first: AzureRequest, nextLink: string): AzureRequest {
  return { ...first, url: nextLink, query: undefined };
}

/** Async iterator over pages, following next links until the last page (cancellable). */
export async function* iteratePages<T>(
  client: AzureHttpClient,
  first: AzureRequest,
  options: CancellationOptions & { maxPages?: number } = {},
): AsyncGenerator<Page<T>, void, undefined> {
  const expectedOrigin = originOf(first.url);
  let request: AzureRequest | undefined = { ...first, ...withCancellation(first, options) };
  let count = 0;
  while (request) {
    const page: Page<T> = await getPage<T>(client, request, expectedOrigin);
    yield page;
    count++;
    if (!page.nextLink || (options.maxPages !== undefined && count >= options.maxPages)) {
      return;
    }
    request = nextPageRequest(request, page.nextLink);
  }
}

/** Async iterator over the items of every page. */
export async function* iterateItems<T>(
  client: AzureHttpClient,
  first: AzureRequest,
  options: CancellationOptions = {},
): AsyncGenerator<T, void, undefined> {
  for await (const page of iteratePages<T>(client, first, options)) {
    yield* page.items;
  }
}

function withCancellation(first: AzureRequest, options: CancellationOptions): CancellationOptions {
  return {
    cancellationToken: options.cancellationToken ?? first.cancellationToken,
    abortSignal: options.abortSignal ?? first.abortSignal,
  };
}

function assertSameOrigin(request: AzureRequest, expectedOrigin: string): void {
  let origin: string;
  try {
    origin = originOf(request.url);
  } catch {
    origin = '';
  }
  if (origin !== expectedOrigin) {
    throw new CrossOriginLinkError({
      method: request.method,
      url: request.url,
      operation: request.operation,
      expectedOrigin,
    });
  }
}
