import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RecordedRequest } from './test-server';

/**
 * What a raw server's handler may do with one request: anything `node:http`
 * allows (answer without a Content-Type, send headers and stall the body,
 * destroy or reset the socket, never answer).
 */
export type RawHandler = (request: RecordedRequest, req: IncomingMessage, res: ServerResponse) => void;

export interface RawTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received so far (once its whole body has arrived), in order. */
  readonly requests: RecordedRequest[];
  /** Destroys every open connection (hanging answers included) and stops listening. */
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (any free port) that records each request like
 * `startTestServer` and hands it, with Node's `req`/`res`, to `handle`, which
 * answers (or misbehaves) itself.
 */
export async function startRawServer(handle: RawHandler): Promise<RawTestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handle(recorded, req, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Ends the connection without an answer: the client sees the socket closed mid-request. */
export function destroySocket(req: IncomingMessage): void {
  req.socket.destroy();
}

/** Resets the connection (TCP RST) without an answer: the client sees `ECONNRESET`. */
export function resetSocket(req: IncomingMessage): void {
  req.socket.resetAndDestroy();
}

/** A base URL on 127.0.0.1 where nothing listens (a port that was just freed): connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return `http://127.0.0.1:${port}`;
}
