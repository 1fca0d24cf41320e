/**
 * A real HTTP server on 127.0.0.1 that answers each request with a fault (see
 * faults.ts), chosen by the request's path: a client whose base URL is
 * `faultUrl(fault, name)` meets that fault on every call, and the server counts
 * the attempts (and body bytes written) per base URL, so tests can run side by side.
 */
import { answerFault, FAULTS, type Fault } from './faults';
import { startRawServer, type RawTestServer } from './raw-server';
import type { TestResponse } from './test-server';

export interface FaultServer extends RawTestServer {
  /** A base URL whose every request gets `fault`; `name` tells one test's requests from another's. */
  faultUrl(fault: Fault, name: string): string;
  /** The requests received under `faultUrl(fault, name)` (a redirect followed to this origin would be one more). */
  attempts(fault: Fault, name: string): number;
  /** Body bytes written (flushed to the socket) for the requests under `faultUrl(fault, name)`. */
  bytesWritten(fault: Fault, name: string): number;
}

export interface FaultServerOptions {
  /** The origin redirects to another origin name (a server that counts what it gets). */
  readonly otherOrigin: string;
  /** The time `Retry-After` dates are written from: the client's clock. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Paths (after the base URL) answered as they should be, as JSON, instead of with the
   * fault: a login, say, that a call needs before the one meeting the fault. Counted as attempts too.
   */
  readonly working?: Readonly<Record<string, TestResponse>>;
}

const KNOWN = new Set<string>(FAULTS);

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const written = new Map<string, number>();
  const prefixOf = (fault: Fault, name: string) => `/${fault}/${encodeURIComponent(name)}`;
  let origin = '';
  const server = await startRawServer((recorded, req, res) => {
    const [, fault = '', name = ''] = recorded.url.split(/[/?]/, 3);
    if (!KNOWN.has(fault)) return void res.writeHead(404).end();
    const prefix = `/${fault}/${name}`;
    const working = options.working?.[recorded.url.slice(prefix.length).split('?')[0]!];
    if (working) return void res.writeHead(working.status, { 'content-type': 'application/json', ...working.headers }).end(JSON.stringify(working.body));
    const wrote = (bytes: number) => written.set(prefix, (written.get(prefix) ?? 0) + bytes);
    answerFault(fault as Fault, { origin, otherOrigin: options.otherOrigin, prefix, now: options.now ?? Date.now, wrote }, recorded, req, res);
  });
  origin = server.url;
  const under = (prefix: string) => server.requests.filter((request) => request.url.startsWith(`${prefix}/`) || request.url === prefix).length;
  return {
    ...server,
    faultUrl: (fault, name) => `${server.url}${prefixOf(fault, name)}`,
    attempts: (fault, name) => under(prefixOf(fault, name)),
    bytesWritten: (fault, name) => written.get(prefixOf(fault, name)) ?? 0,
  };
}
