/**
 * createSessionCreationToken against a real server on 127.0.0.1: the exact request
 * sent, and the IssuedToken made of the answer (expiry from the JWT's `exp`).
 */
import { startRawServer, startTestServer, type TestResponse, type TestServer } from '@tokens/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createOneSpanClient, TimeoutError, type Clock, type OneSpanClientOptions } from '../src/index';
import { ACCESS_TOKEN, DOCUMENTED_TOKEN, jwt, TRANSACTION_ID } from './fixtures';

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(respond: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(respond);
  servers.push(server);
  return server;
}

/**
 * The clock of the answers: 2021-06-17T14:00:00Z, before the documented token's exp
 * (14:13:19) and the other tokens' here, so that none is refused as expired on arrival.
 */
const answerClock: Clock = { now: () => Date.UTC(2021, 5, 17, 14, 0, 0), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

const client = (baseUrl: string, options: Partial<OneSpanClientOptions> = {}) =>
  createOneSpanClient({ baseUrl, accessToken: ACCESS_TOKEN, clock: answerClock, ...options });

const answer = (token: string, role = 'Borrower'): TestResponse => ({ status: 200, body: { token, role } });

describe('the request', () => {
  it('POSTs { role } to /api/transaction/{id}/token under the tenant path, with the tenant JWT as Bearer', async () => {
    const server = await serve(() => answer(DOCUMENTED_TOKEN));
    await client(`${server.url}/rpoc-saa`).createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'Borrower' });
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent!.method).toBe('POST');
    expect(sent!.url).toBe(`/rpoc-saa/api/transaction/${TRANSACTION_ID}/token`);
    expect(sent!.headers['authorization']).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(sent!.headers['accept']).toBe('application/json');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.body).toBe('{"role":"Borrower"}');
  });

  it('sends role "unknown" when none is given', async () => {
    const server = await serve(() => answer(DOCUMENTED_TOKEN, 'unknown'));
    const issued = await client(server.url).createSessionCreationToken({ transactionId: TRANSACTION_ID });
    expect(server.requests[0]!.body).toBe('{"role":"unknown"}');
    expect(issued.role).toBe('unknown');
  });

  it('keeps the user headers, but its own Authorization replaces theirs (whatever its case)', async () => {
    const server = await serve(() => answer(DOCUMENTED_TOKEN));
    await client(server.url, { headers: { 'X-Tenant': 'acme', authorization: 'Basic dXNlcjpwYXNz' } }).createSessionCreationToken({
      transactionId: TRANSACTION_ID,
    });
    await client(server.url, { headers: async () => ({ 'X-Tenant': 'beta', AUTHORIZATION: 'Bearer other' }) }).createSessionCreationToken({
      transactionId: TRANSACTION_ID,
    });
    expect(server.requests.map((r) => [r.headers['x-tenant'], r.headers['authorization']])).toEqual([
      ['acme', `Bearer ${ACCESS_TOKEN}`],
      ['beta', `Bearer ${ACCESS_TOKEN}`],
    ]);
  });

  it('sends the tenant JWT through `api` as well', async () => {
    const server = await serve(() => answer(DOCUMENTED_TOKEN));
    const { data } = await client(server.url).api.POST('/api/transaction/{transaction_id}/token', {
      params: { path: { transaction_id: TRANSACTION_ID } },
      body: { role: 'signer1' },
    });
    expect(data).toEqual({ token: DOCUMENTED_TOKEN, role: 'Borrower' });
    expect(server.requests[0]!.headers['authorization']).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(server.requests[0]!.body).toBe('{"role":"signer1"}');
  });
});

describe('the IssuedToken', () => {
  it('is the documented token, expiring at its exp claim (2021-06-17T14:13:19Z), typed by its typ header', async () => {
    const server = await serve(() => answer(DOCUMENTED_TOKEN, 'unknown'));
    const issued = await client(server.url).createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'unknown' });
    expect(issued).toEqual({
      token: DOCUMENTED_TOKEN,
      tokenType: 'JWT',
      expiresAt: new Date('2021-06-17T14:13:19.000Z'),
      role: 'unknown',
      raw: { token: DOCUMENTED_TOKEN, role: 'unknown' },
    });
  });

  it('decodes unpadded base64url with URL-safe characters (- and _)', async () => {
    const token = jwt({ alg: 'HS384', typ: 'JWT' }, { exp: 1_900_000_000, role: '~~~???' });
    const claims = token.split('.')[1]!;
    expect(claims).toMatch(/-/);
    expect(claims).toMatch(/_/);
    expect(claims.length % 4).not.toBe(0);
    const server = await serve(() => answer(token));
    const issued = await client(server.url).createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'Borrower' });
    expect(issued.expiresAt.toISOString()).toBe('2030-03-17T17:46:40.000Z');
  });

  it('takes the role from the answer, and tokenType "JWT" when the header has no typ', async () => {
    const token = jwt({ alg: 'HS384' }, { exp: 1_700_000_000 });
    const server = await serve(() => answer(token, 'signer1'));
    const issued = await client(server.url).createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'Signer1' });
    expect(issued.role).toBe('signer1');
    expect(issued.tokenType).toBe('JWT');
    expect(issued.expiresAt.toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  it('uses the typ header when it says something else', async () => {
    const server = await serve(() => answer(jwt({ alg: 'HS384', typ: 'at+jwt' }, { exp: 1_700_000_000 })));
    const issued = await client(server.url).createSessionCreationToken({ transactionId: TRANSACTION_ID });
    expect(issued.tokenType).toBe('at+jwt');
  });

  it('is never cached: two calls make two requests and return two tokens', async () => {
    let count = 0;
    const server = await serve(() => answer(jwt({ typ: 'JWT' }, { exp: 1_700_000_000 + ++count })));
    const os = client(server.url);
    const first = await os.createSessionCreationToken({ transactionId: TRANSACTION_ID });
    const second = await os.createSessionCreationToken({ transactionId: TRANSACTION_ID });
    expect(server.requests).toHaveLength(2);
    expect(first.token).not.toBe(second.token);
    expect(second.expiresAt.getTime() - first.expiresAt.getTime()).toBe(1000);
  });
});

describe('per-call options', () => {
  it('rejects with the reason of an aborted signal, without sending anything', async () => {
    const server = await serve(() => answer(DOCUMENTED_TOKEN));
    const reason = new Error('stop');
    await expect(
      client(server.url).createSessionCreationToken({ transactionId: TRANSACTION_ID, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it('gives up after the per-call timeoutMs with a TimeoutError', async () => {
    const server = await startRawServer(() => {}); // never answers
    servers.push(server);
    const failure = await client(server.url)
      .createSessionCreationToken({ transactionId: TRANSACTION_ID, timeoutMs: 20, maxRetries: 0 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TimeoutError);
    expect((failure as TimeoutError).timeoutMs).toBe(20);
  });
});

describe('retries', () => {
  it('repeats the call after a 500 (safe to repeat: it only issues another token)', async () => {
    const delays: number[] = [];
    const clock: Clock = { now: () => 0, sleep: async (ms) => void delays.push(ms) };
    let count = 0;
    const server = await serve(() => (++count === 1 ? { status: 500, body: { message: 'oops' } } : answer(DOCUMENTED_TOKEN)));
    const issued = await client(server.url, { clock, random: () => 0 }).createSessionCreationToken({ transactionId: TRANSACTION_ID });
    expect(issued.token).toBe(DOCUMENTED_TOKEN);
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([500]);
  });
});
