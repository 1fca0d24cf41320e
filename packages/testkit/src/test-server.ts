import type { IncomingHttpHeaders } from 'node:http';
import { startRawServer } from './raw-server';

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
export function startTestServer(
  respond: (request: RecordedRequest) => TestResponse | Promise<TestResponse>,
): Promise<TestServer> {
  return startRawServer((recorded, _req, res) => {
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
}
