/**
 * tl.authMiddleware() on a plain openapi-fetch client (not tl.api) of the
 * sandbox-only protected call (fixtures/sandbox-echo.yaml), served by the real
 * sandbox on 127.0.0.1, in both auth modes. Logins are counted at the sandbox
 * (`tokensIssued`), calls to the protected endpoint by the user client's fetch.
 */
import { startSandbox, type Sandbox } from '@tokens/sandbox';
import { startTestServer, type TestServer } from '@tokens/testkit';
import createClient, { type Middleware } from 'openapi-fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTransactionLinkClient } from '../src/index';
import type { paths } from './fixtures/sandbox-echo';

let sb: Sandbox;
const servers: TestServer[] = [];
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(async () => {
  await Promise.all([sb.close(), ...servers.splice(0).map((server) => server.close())]);
});

/** A user's own client of `baseUrl` with the middleware; `sent` records the Authorization of every request it sends. */
function userClient(baseUrl: string, middleware: Middleware) {
  const sent: (string | null)[] = [];
  const client = createClient<paths>({
    baseUrl,
    fetch: (request: Request) => {
      sent.push(request.headers.get('authorization'));
      return fetch(request);
    },
  });
  client.use(middleware);
  return { client, sent };
}

describe('tl.authMiddleware() with an organization token', () => {
  it('sends the organization token as Authorization: Bearer, as it is', async () => {
    const tl = createTransactionLinkClient({ baseUrl: sb.urls.transactionlink, ...sb.credentials.transactionlink });
    const { client, sent } = userClient(sb.urls.transactionlink, tl.authMiddleware());

    const { data, response } = await client.POST('/sandbox/echo', { body: { caseId: 'c-1' } });

    expect(response.status).toBe(200);
    expect(data?.received).toStrictEqual({ caseId: 'c-1' });
    expect(sent).toStrictEqual([`Bearer ${sb.credentials.transactionlink.auth.token}`]);
  });

  it('sends the configured scheme', async () => {
    const tl = createTransactionLinkClient({ baseUrl: sb.urls.transactionlink, auth: { token: 'tot_abc', scheme: 'Token' } });
    const { client, sent } = userClient(sb.urls.transactionlink, tl.authMiddleware());
    await client.POST('/sandbox/echo', { body: {} });
    expect(sent).toStrictEqual(['Token tot_abc']);
  });

  it('a 401 is returned as it is: a fixed token cannot be renewed, nothing is repeated', async () => {
    const tl = createTransactionLinkClient({ baseUrl: sb.urls.transactionlink, auth: { token: 'tot_revoked_in_the_dashboard' } });
    const { client, sent } = userClient(sb.urls.transactionlink, tl.authMiddleware());

    const { error, response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(response.status).toBe(401);
    expect(error?.errors[0]?.code).toBe('UNAUTHORIZED');
    expect(sent).toHaveLength(1);
    expect(sb.tokensIssued('transactionlink')).toBe(0);
  });
});

describe('tl.authMiddleware() with the key/secret login', () => {
  const loginClient = () => createTransactionLinkClient({ baseUrl: sb.urls.transactionlink, ...sb.credentials.transactionlinkLogin });

  /** Logs in once (the cache then holds an access token) and has the sandbox revoke it. */
  async function staleLogin() {
    const tl = loginClient();
    const { client, sent } = userClient(sb.urls.transactionlink, tl.authMiddleware());
    expect((await client.POST('/sandbox/echo', { body: {} })).response.status).toBe(200);
    expect(sb.revokeTokens('transactionlink')).toBe(1);
    sent.length = 0;
    return { client, sent };
  }

  it('sends the cached access token: one login for many calls', async () => {
    const tl = loginClient();
    const { client, sent } = userClient(sb.urls.transactionlink, tl.authMiddleware());
    for (const n of [1, 2, 3]) expect((await client.POST('/sandbox/echo', { body: { n } })).data?.received).toStrictEqual({ n });
    expect(sb.tokensIssued('transactionlink')).toBe(1);
    expect(new Set(sent).size).toBe(1);
    expect(sent[0]).toMatch(/^Bearer tla_/);
  });

  it('a 401 on a stale access token: exactly one refresh and one repeat, with the body, whose answer is returned', async () => {
    const { client, sent } = await staleLogin();

    const { data, error, response } = await client.POST('/sandbox/echo', { body: { recordId: 'r-7', fields: ['a'] } });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.received).toStrictEqual({ recordId: 'r-7', fields: ['a'] });
    expect(sb.tokensIssued('transactionlink')).toBe(2);
    expect(sent).toHaveLength(2);
    expect(sent[0]).not.toBe(sent[1]);
  });

  it('50 concurrent 401s on the same access token: one refresh, each request repeated once with its own body', async () => {
    const { client, sent } = await staleLogin();

    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => client.POST('/sandbox/echo', { body: { n } })));

    expect(results.map(({ response }) => response.status)).toStrictEqual(Array(50).fill(200));
    expect(results.map(({ data }) => data?.received)).toStrictEqual(Array.from({ length: 50 }, (_, n) => ({ n })));
    expect(sb.tokensIssued('transactionlink')).toBe(2);
    expect(sent).toHaveLength(100);
    expect(new Set(sent).size).toBe(2);
  });

  it('a second 401 is returned, not looped', async () => {
    const refusing = await startTestServer(() => ({ status: 401, body: { fingerprint: 'f-1', errors: [{ code: 'UNAUTHORIZED', message: 'no' }] } }));
    servers.push(refusing);
    const { client } = userClient(refusing.url, loginClient().authMiddleware());

    const { error, response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(response.status).toBe(401);
    expect(error?.fingerprint).toBe('f-1');
    expect(refusing.requests.map((request) => request.body)).toStrictEqual(['{"n":1}', '{"n":1}']);
    expect(sb.tokensIssued('transactionlink')).toBe(2);
  });

  it('repeats only the request it authorized: one a later middleware replaced gets its 401 as is', async () => {
    const { client, sent } = await staleLogin();
    client.use({ onRequest: ({ request }) => new Request(request) });

    const { response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(response.status).toBe(401);
    expect(sent).toHaveLength(1);
    expect(sb.tokensIssued('transactionlink')).toBe(1);
  });

  it('a 401 from another origin, after a redirect, is returned as is: no refresh', async () => {
    const elsewhere = await startTestServer(() => ({ status: 401, body: {} }));
    const api = await startTestServer(() => ({ status: 307, headers: { location: `${elsewhere.url}/sandbox/echo` } }));
    servers.push(elsewhere, api);
    const { client } = userClient(api.url, loginClient().authMiddleware());

    const { response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(response.status).toBe(401);
    expect(api.requests).toHaveLength(1);
    expect(sb.tokensIssued('transactionlink')).toBe(1);
  });

  it('a login that fails is thrown from the call, and nothing is sent', async () => {
    const tl = createTransactionLinkClient({ baseUrl: sb.urls.transactionlink, auth: { key: 'key_wrong', secret: 'not-the-secret' } });
    const { client, sent } = userClient(sb.urls.transactionlink, tl.authMiddleware());

    await expect(client.POST('/sandbox/echo', { body: {} })).rejects.toMatchObject({ name: 'ApiError', status: 401, code: 'INVALID_CREDENTIALS' });
    expect(sent).toHaveLength(0);
  });

  it("the request's signal stops its wait for the login", async () => {
    const controller = new AbortController();
    const stalled = await startTestServer(() => {
      controller.abort(new Error('the user gave up'));
      return new Promise(() => {}); // TransactionLink does not answer the login
    });
    servers.push(stalled);
    const tl = createTransactionLinkClient({ baseUrl: stalled.url, ...sb.credentials.transactionlinkLogin, maxRetries: 0 });
    const { client, sent } = userClient(sb.urls.transactionlink, tl.authMiddleware());

    await expect(client.POST('/sandbox/echo', { body: {}, signal: controller.signal })).rejects.toThrow('the user gave up');
    expect(stalled.requests.map((request) => request.url)).toStrictEqual(['/auth/authorize']);
    expect(sent).toHaveLength(0);
  });
});
