import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server saw of one request. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body text ('' when there was none). */
  readonly body: string;
}

/** What the server answers. A JSON-able `body` is sent as JSON unless `content-type` says otherwise. */
export interface TestResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received so far, in order. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (any free port) that records each request and
 * answers with whatever `respond` returns for it.
 */
export async function startTestServer(
  respond: (request: RecordedRequest) => TestResponse | Promise<TestResponse>,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
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
      Promise.resolve(respond(recorded)).then(
        (answer) => {
          const headers = { ...answer.headers };
          let payload = '';
          if (answer.body !== undefined) {
            const isText = typeof answer.body === 'string' && headers['content-type'] !== undefined;
            payload = isText ? (answer.body as string) : JSON.stringify(answer.body);
            headers['content-type'] ??= 'application/json';
          }
          res.writeHead(answer.status, headers).end(payload);
        },
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
