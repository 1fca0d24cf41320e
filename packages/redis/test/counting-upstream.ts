/**
 * A 127.0.0.1 server in front of the sandbox that counts the token requests it
 * forwards and names the process that sent each one (its `x-fleet-process` header),
 * and that can hold requests unanswered: an upstream that stalls mid-refresh.
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';

export interface CountingUpstream {
  readonly url: string;
  /** Token requests that reached it (held ones included). */
  readonly tokenRequests: string[];
  /** Holds every request from now on until `release()`. */
  stall(): void;
  /** Forwards the held requests (whose senders are still there) and stops holding. */
  release(): void;
  /** Resolves when the `n`-th token request arrived. */
  nthTokenRequest(n: number): Promise<string>;
  close(): Promise<void>;
}

export async function startCountingUpstream(target: string): Promise<CountingUpstream> {
  const tokenRequests: string[] = [];
  const waiters: { n: number; resolve: (from: string) => void }[] = [];
  let held: (() => void)[] | undefined;

  function pass(incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer) {
    // Its sender is gone (a killed process): nothing to answer.
    if (incoming.socket.destroyed) return;
    const upstream = forward(new URL(incoming.url!, target), { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    upstream.end(body);
  }

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      if (incoming.url!.endsWith('/api/token')) {
        tokenRequests.push(String(incoming.headers['x-fleet-process'] ?? ''));
        for (const waiter of waiters.filter((waiter) => waiter.n === tokenRequests.length)) waiter.resolve(tokenRequests.at(-1)!);
      }
      const send = () => pass(incoming, outgoing, Buffer.concat(chunks));
      if (held) held.push(send);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    tokenRequests,
    stall: () => void (held ??= []),
    release() {
      const sends = held ?? [];
      held = undefined;
      for (const send of sends) send();
    },
    nthTokenRequest: (n) =>
      tokenRequests.length >= n ? Promise.resolve(tokenRequests[n - 1]!) : new Promise((resolve) => waiters.push({ n, resolve })),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
