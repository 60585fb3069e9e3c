import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  time: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type RawHandler = (req: http.IncomingMessage, res: http.ServerResponse, seen: SeenRequest, index: number) => void;

export interface RawServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  /** Sockets opened so far. */
  connections: number;
  close(): Promise<void>;
}

/** A plain http server on 127.0.0.1 that records every request and answers with `handler`. */
export async function startRawServer(handler: RawHandler): Promise<RawServer> {
  const requests: SeenRequest[] = [];
  const state = { connections: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = { time: Date.now(), method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      handler(req, res, seen, requests.length - 1);
    });
  });
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
