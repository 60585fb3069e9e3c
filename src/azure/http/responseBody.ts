/** Thrown by readLimitedBody when a body is (or announces to be) larger than the limit; the client turns it into ResponseTooLargeError. */
export class BodyLimitExceeded extends Error {
  override readonly name = 'BodyLimitExceeded';
  constructor(readonly limitBytes: number) {
    super(`The response body exceeds ${limitBytes} bytes`);
  }
}

interface ReadableBody extends AsyncIterable<Buffer | Uint8Array | string> {
  destroy(error?: Error): unknown;
}

/**
 * Reads a response body's bytes, stopping (and dropping the connection) as soon as it exceeds `limitBytes`:
 * at once when Content-Length announces more, otherwise when the bytes received pass the limit.
 */
export async function readLimitedBody(body: ReadableBody, limitBytes: number, contentLength?: string): Promise<Buffer> {
  const announced = contentLength === undefined ? NaN : Number(contentLength);
  if (Number.isFinite(announced) && announced > limitBytes) {
    body.destroy();
    throw new BodyLimitExceeded(limitBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += buffer.length;
    if (size > limitBytes) {
      body.destroy();
      throw new BodyLimitExceeded(limitBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
