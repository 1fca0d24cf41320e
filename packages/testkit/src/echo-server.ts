/**
 * A hostile server for secrecy tests: every answer is an error (or an unusable
 * 2xx) that echoes everything the request carried — method, URL, every header,
 * the body, and Basic credentials decoded — in the answer's body, so that a
 * client which let any of it through into an error would show it.
 */
import { resetSocket, startRawServer, type RawTestServer } from './raw-server';
import type { RecordedRequest } from './test-server';

export const ECHO_KINDS = ['json-401', 'json-400-errors', 'text-500', 'html-502', 'json-403-fields', 'ok-text', 'ok-json', 'ok-finpay-refusal', 'reset'] as const;
export type EchoKind = (typeof ECHO_KINDS)[number];

/** All a request carried, as one text: what a careless server echoes. */
export function echoOf(request: RecordedRequest): string {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${String(value)}`);
  const basic = /^Basic (.+)$/i.exec(String(request.headers['authorization'] ?? ''))?.[1];
  const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
  return [`${request.method} ${request.url}`, ...headers, '', request.body, decoded].join('\n');
}

export interface EchoServer extends RawTestServer {
  /** How the next answers fail. */
  kind: EchoKind;
}

export async function startEchoServer(): Promise<EchoServer> {
  const echo = { kind: 'json-401' as EchoKind };
  const server = await startRawServer((request, req, res) => {
    const text = echoOf(request);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    switch (echo.kind) {
      case 'json-401':
        return json(401, { message: `invalid credentials: ${text}`, request: text });
      case 'json-400-errors':
        return json(400, { fingerprint: text, errors: [{ code: 'E_ECHO', message: text }] });
      case 'json-403-fields': {
        // The request's own JSON fields, sent back under other names.
        let fields: unknown = request.body;
        try {
          fields = JSON.parse(request.body);
        } catch {}
        return json(403, { message: 'forbidden', echoed: fields, headers: request.headers });
      }
      case 'text-500':
        return res.writeHead(500, { 'content-type': 'text/plain' }).end(text);
      case 'html-502':
        return res.writeHead(502, { 'content-type': 'text/html' }).end(`<html><body><pre>${text}</pre></body></html>`);
      case 'ok-text':
        return res.writeHead(200, { 'content-type': 'text/plain' }).end(text);
      case 'ok-json':
        return json(200, { echo: text, request: request.headers });
      case 'ok-finpay-refusal':
        return json(200, { statusCode: '005', statusDesc: text });
      case 'reset':
        return resetSocket(req);
    }
  });
  return {
    url: server.url,
    requests: server.requests,
    close: () => server.close(),
    get kind() {
      return echo.kind;
    },
    set kind(kind: EchoKind) {
      echo.kind = kind;
    },
  };
}
