/**
 * Issue 12, point 10: the sandbox never falls over. Every request-target,
 * method, header and body gets an HTTP answer (400 where it cannot be parsed),
 * nothing is thrown out of the server (in-process, that would kill the test
 * runner of whoever embeds the sandbox), and the sandbox answers a valid
 * request afterwards. Requests are written byte for byte on raw sockets
 * (node:net), since fetch would refuse to send most of them.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/index';
import { post, sandbox } from './support/sandbox';

/** The request-targets that threw an uncaught TypeError out of the server before. */
export const HOSTILE_TARGETS = ['//', '///', '/\\', 'http://[/', 'http://x:99999/'] as const;

/** Writes `bytes` on a new connection, half-closes it, and resolves with all the server wrote back before closing. */
function exchange(url: string, bytes: string | Uint8Array): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {}); // a reset after the answer: what was read is what counts
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.end(bytes);
  });
}

const statusOf = (answer: string): number | undefined => {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
  return match ? Number(match[1]) : undefined;
};

/** Counts what must never happen while the sandbox serves: uncaught exceptions, unhandled rejections, server 'error' events. */
function watchForFailures() {
  const failures: string[] = [];
  const onUncaught = (error: Error) => failures.push(`uncaughtException: ${error.stack ?? error}`);
  const onUnhandled = (reason: unknown) => failures.push(`unhandledRejection: ${String(reason)}`);
  const servers = new Set<Server>();
  // Node announces every request it starts to serve, with its server: an 'error' listener goes on each.
  const onRequest = (message: unknown) => {
    const { server } = message as { server: Server };
    if (servers.has(server)) return;
    servers.add(server);
    server.on('error', (error) => failures.push(`server 'error': ${error.stack ?? error}`));
  };
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
  subscribe('http.server.request.start', onRequest);
  return {
    failures,
    servers,
    stop() {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUnhandled);
      unsubscribe('http.server.request.start', onRequest);
    },
  };
}

let watch: ReturnType<typeof watchForFailures>;
beforeEach(() => {
  watch = watchForFailures();
});
afterEach(() => watch.stop());

/** A valid Formflow token request still gets its token. */
async function stillServes(sb: Sandbox): Promise<void> {
  const answer = await post(`${sb.urls.formflow}/api/token`, sb.credentials.formflow);
  expect(answer.status).toBe(200);
}

describe('request-targets that used to throw out of the server', () => {
  it.each(HOSTILE_TARGETS)('GET %s gets an HTTP answer (400 when it cannot be parsed, else 404) and the sandbox serves on', async (target) => {
    const { sb } = await sandbox();
    const answer = await exchange(sb.url, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    // `//` and `///` are valid origin-form paths (empty segments) naming no provider; the rest are no request-target.
    expect(statusOf(answer)).toBe(target === '//' || target === '///' ? 404 : 400);
    expect(answer).toMatch(/\r\n\r\n[\s\S]*\{"message":"[^"]+"\}/);
    await stillServes(sb);
    expect(watch.failures).toStrictEqual([]);
  });

  it.each([
    ['asterisk-form', 'OPTIONS * HTTP/1.1', 400],
    ['CONNECT (authority-form), which Node drops unanswered when nothing listens', 'CONNECT 127.0.0.1:1 HTTP/1.1', 400],
    ['a non-http absolute-form', 'GET ftp://x/formflow/api/token HTTP/1.1', 400],
    ['an http absolute-form naming a provider path', 'GET http://x/formflow/api/token HTTP/1.1', 405],
    ['a fragment', 'GET /formflow/api/token#x HTTP/1.1', 400],
  ])('%s gets an HTTP answer', async (_, line, status) => {
    const { sb } = await sandbox();
    expect(statusOf(await exchange(sb.url, `${line}\r\nHost: 127.0.0.1\r\n\r\n`))).toBe(status);
    await stillServes(sb);
    expect(watch.failures).toStrictEqual([]);
  });
});

/** Valid requests of every kind the sandbox serves, as the seeds the fuzzer mutates. */
function seedRequests(sb: Sandbox): string[] {
  const { formflow, transactionlink, onespan } = sb.credentials;
  const request = (method: string, target: string, headers: Record<string, string>, body = '') =>
    `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries({ ...headers, ...(body ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n${body}`;
  return [
    request('POST', '/formflow/api/token', { 'Content-Type': 'application/json' }, JSON.stringify(formflow)),
    request('POST', '/transactionlink/token', { 'Content-Type': 'application/json', Accept: 'application/json;version=2', Authorization: `Bearer ${transactionlink.auth.token}` }, '{"workflowDefinitionId":"3b2d8a4f-579f-4e2e-a51c-f859e532fe8c"}'),
    request('POST', '/transactionlink/auth/authorize', { 'Content-Type': 'application/json' }, JSON.stringify(sb.credentials.transactionlinkLogin.auth)),
    request('POST', '/onespan/api/transaction/dcaad720-d1e9-47ba-a76b-a6370ef0373b/token', { 'Content-Type': 'application/json', Authorization: `Bearer ${onespan.accessToken}` }, '{"role":"signer1"}'),
    request('POST', '/finpay/security/getToken', { 'Content-Type': 'application/json', Authorization: 'Basic dXNlcjpwYXNz' }, '{"requestType":"getToken","reqDtime":"20260310120000","transNumber":"T1","signature":"AB"}'),
    request('GET', '/formflow/api/token', {}),
    request('POST', '/transactionlink/token', { 'Transfer-Encoding': 'chunked', 'Content-Type': 'application/json' }, '').replace(/\r\n\r\n$/, '\r\n\r\n5\r\n{"a":\r\n2\r\n1}\r\n0\r\n\r\n'),
  ];
}

/** Fragments a mutation may splice in: the targets, methods, headers and bytes parsers trip over. */
const FRAGMENTS = [
  ...HOSTILE_TARGETS, '*', 'http://', 'https://x/', '%', '%zz', '%00', '?', '#', '..', '/../', '\\', '[', ']', '@', ':', '::',
  'GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'PROPFIND', 'M-SEARCH', 'get',
  'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1', 'HTTP/9',
  '\r\n', '\n', '\r', '\r\n\r\n', ' ', '\t', '\0', '\x7f', '\xff', 'é', '€', '\ud83d\ude00',
  'Content-Length: 0', 'Content-Length: -1', 'Content-Length: 99999999999999999999', 'Content-Length: 5, 6', 'Content-Length: 10000000',
  'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Transfer-Encoding: identity',
  'Content-Type: application/json', 'Content-Type: application/json;version=99', 'Content-Type: ;;;', 'Content-Type: a/b;c="\\', 'Content-Type: text/plain',
  'Accept: application/json;version=2', 'Accept: application/json;version="', 'Accept: */*;q=x', 'Accept: ,,,',
  'Authorization: Bearer', 'Authorization: Basic %%%', 'Authorization: Basic ' + 'A'.repeat(4000), 'Authorization: Bearer a.b.c',
  'Expect: 100-continue', 'Expect: nope', 'Connection: upgrade\r\nUpgrade: websocket', 'Connection: close', 'Host:', 'Host: [::1',
  '{', '}', '"', '[]', 'null', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '0\r\n\r\n', 'ffffffff\r\n', 'x'.repeat(70_000),
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace-byte' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...FRAGMENTS) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('target' as const), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.webUrl(), fc.webPath(), fc.string({ maxLength: 30 })) }),
  fc.record({ kind: fc.constant('method' as const), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(request: string, mutations: readonly Mutation[]): string {
  let text = request;
  for (const m of mutations) {
    const at = 'at' in m ? m.at % (text.length + 1) : 0;
    switch (m.kind) {
      case 'replace-byte':
        text = text.slice(0, at) + String.fromCharCode(m.byte) + text.slice(at + 1);
        break;
      case 'insert':
        text = text.slice(0, at) + m.text + text.slice(at);
        break;
      case 'delete':
        text = text.slice(0, at) + text.slice(at + m.length);
        break;
      case 'duplicate':
        text = text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
        break;
      case 'truncate':
        text = text.slice(0, Math.max(at, 1));
        break;
      case 'target':
        text = text.replace(/^(\S*) \S*/, (_, method: string) => `${method} ${m.text}`);
        break;
      case 'method':
        text = text.replace(/^\S*/, m.text);
        break;
    }
  }
  return text;
}

const RUNS = 10_000;
/** Connections open at once: enough to keep both cores busy, few enough for a shared machine. */
const CONCURRENCY = 24;

describe('a raw-socket fuzz test', () => {
  it(`answers ${RUNS} seeded, mutated requests with HTTP, throws nothing, and serves a valid request afterwards`, async () => {
    const seed = Number(process.env['SANDBOX_FUZZ_SEED'] ?? Date.now() % 2 ** 31);
    // Printed first, so that a failing run can be replayed: SANDBOX_FUZZ_SEED=<seed>.
    console.log(`sandbox fuzz seed: ${seed} (replay with SANDBOX_FUZZ_SEED=${seed})`);
    const { sb } = await sandbox({ maxBodyBytes: 64 * 1024 });
    const seeds = seedRequests(sb);
    const cases = fc.sample(
      fc.record({ seed: fc.nat({ max: seeds.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }),
      { seed, numRuns: RUNS },
    );
    const unanswered: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const { seed: index, mutations } = cases[next++]!;
        const bytes = Buffer.from(mutate(seeds[index]!, mutations), 'latin1');
        // Bytes a server cannot take for a request start (nothing at all, or only line breaks) need no answer.
        if (/^[\r\n]*$/.test(bytes.toString('latin1'))) continue;
        const status = statusOf(await exchange(sb.url, bytes));
        if (status === undefined) unanswered.push(JSON.stringify(bytes.toString('latin1').slice(0, 200)));
        else statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(watch.failures, `seed ${seed}`).toStrictEqual([]);
    expect(unanswered.slice(0, 5), `seed ${seed}: ${unanswered.length} requests got no HTTP answer`).toStrictEqual([]);
    const answered = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    console.log(`sandbox fuzz answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(answered).toBeGreaterThan(RUNS * 0.99);
    // The mutations reach past the parser into routing, validation and the handlers, not only Node's 400s.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 401, 404, 405]));
    expect(watch.servers.size).toBe(1); // the 'error' listener was on the sandbox's server
    await stillServes(sb);
    expect(watch.failures, `seed ${seed}`).toStrictEqual([]);
    // A few seconds alone; bounded by its request count, it may take far longer on a busy machine.
  }, 300_000);
});
