/**
 * formflow.authMiddleware() on a plain openapi-fetch client (not formflow.api) of
 * the sandbox-only protected call (fixtures/sandbox-echo.yaml), served by the real
 * sandbox on 127.0.0.1. Token refreshes are counted at the sandbox
 * (`tokensIssued`), calls to the protected endpoint by the user client's fetch.
 */
import { startSandbox, type Sandbox } from '@tokens/sandbox';
import { startTestServer, type TestServer } from '@tokens/testkit';
import createClient, { type Middleware } from 'openapi-fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, createFormflowClient } from '../src/index';
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

const formflow = () => createFormflowClient({ baseUrl: sb.urls.formflow, ...sb.credentials.formflow });

describe('formflow.authMiddleware()', () => {
  it('sends the cached token as Authorization: Bearer, one token request for many calls', async () => {
    const ff = formflow();
    const { client, sent } = userClient(sb.urls.formflow, ff.authMiddleware());
    for (const n of [1, 2, 3]) {
      const { data, response } = await client.POST('/sandbox/echo', { body: { n } });
      expect(response.status).toBe(200);
      expect(data?.received).toStrictEqual({ n });
    }
    const { token } = await ff.getToken();
    expect(sent).toStrictEqual([`Bearer ${token}`, `Bearer ${token}`, `Bearer ${token}`]);
    expect(sb.tokensIssued('formflow')).toBe(1);
  });

  it('a 401 on a stale token: exactly one refresh and one repeat, with the body, whose answer is returned', async () => {
    const ff = formflow();
    const stale = (await ff.getToken()).token;
    sb.revokeTokens('formflow'); // the cached token is still fresh to the client, refused by the sandbox
    const { client, sent } = userClient(sb.urls.formflow, ff.authMiddleware());

    const { data, error, response } = await client.POST('/sandbox/echo', { body: { claim: 'c-1', amount: 1200 } });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.received).toStrictEqual({ claim: 'c-1', amount: 1200 }); // the body, sent again
    expect(sb.tokensIssued('formflow')).toBe(2);
    const fresh = (await ff.getToken()).token;
    expect(fresh).not.toBe(stale);
    expect(sent).toStrictEqual([`Bearer ${stale}`, `Bearer ${fresh}`]);
  });

  it('50 concurrent 401s on the same token: one refresh, each request repeated once with its own body', async () => {
    const ff = formflow();
    await ff.getToken();
    sb.revokeTokens('formflow');
    const { client, sent } = userClient(sb.urls.formflow, ff.authMiddleware());

    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => client.POST('/sandbox/echo', { body: { n } })));

    expect(results.map(({ response }) => response.status)).toStrictEqual(Array(50).fill(200));
    expect(results.map(({ data }) => data?.received)).toStrictEqual(Array.from({ length: 50 }, (_, n) => ({ n })));
    expect(sb.tokensIssued('formflow')).toBe(2);
    expect(sent).toHaveLength(100);
    expect(new Set(sent).size).toBe(2);
  });

  it('a second 401 is returned, not looped: one refresh and one repeat', async () => {
    const refusing = await startTestServer(() => ({ status: 401, body: { statusCode: 401, message: 'Unauthorized' } }));
    servers.push(refusing);
    const ff = formflow();
    const { client } = userClient(refusing.url, ff.authMiddleware());

    const { data, error, response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toStrictEqual({ statusCode: 401, message: 'Unauthorized' });
    expect(refusing.requests).toHaveLength(2);
    expect(refusing.requests.map((request) => request.body)).toStrictEqual(['{"n":1}', '{"n":1}']);
    expect(sb.tokensIssued('formflow')).toBe(2);
    expect(refusing.requests[0]!.headers.authorization).not.toBe(refusing.requests[1]!.headers.authorization);
  });

  it('repeats only the request it authorized: one a later middleware replaced gets its 401 as is', async () => {
    const ff = formflow();
    await ff.getToken();
    sb.revokeTokens('formflow');
    const { client, sent } = userClient(sb.urls.formflow, ff.authMiddleware());
    client.use({ onRequest: ({ request }) => new Request(request) });

    const { response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(response.status).toBe(401);
    expect(sent).toHaveLength(1);
    expect(sb.tokensIssued('formflow')).toBe(1);
  });

  it('the repeat follows no redirect: its 3xx is returned and the other origin gets nothing', async () => {
    const elsewhere = await startTestServer(() => ({ status: 200, body: { received: {} } }));
    let calls = 0;
    const api = await startTestServer(() =>
      ++calls === 1 ? { status: 401, body: {} } : { status: 307, headers: { location: `${elsewhere.url}/sandbox/echo` } },
    );
    servers.push(elsewhere, api);
    const { client } = userClient(api.url, formflow().authMiddleware());

    const { response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(response.status).toBe(307);
    expect(api.requests).toHaveLength(2);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a 401 from another origin, after a redirect, is not about the token: returned as is, no refresh', async () => {
    const elsewhere = await startTestServer(() => ({ status: 401, body: {} }));
    const api = await startTestServer(() => ({ status: 307, headers: { location: `${elsewhere.url}/sandbox/echo` } }));
    servers.push(elsewhere, api);
    const { client } = userClient(api.url, formflow().authMiddleware());

    const { response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(response.status).toBe(401);
    expect(api.requests).toHaveLength(1);
    expect(elsewhere.requests[0]?.headers.authorization).toBeUndefined(); // fetch drops it across origins
    expect(sb.tokensIssued('formflow')).toBe(1);
  });

  it('does not repeat with the token that was refused: when the refresh brings the same token, the 401 is returned', async () => {
    const sameToken = await startTestServer(() => ({ status: 200, body: { token: 'always-the-same', token_type: 'Bearer', expires_in: 3600 } }));
    const api = await startTestServer(() => ({ status: 401, body: {} }));
    servers.push(sameToken, api);
    const ff = createFormflowClient({ baseUrl: sameToken.url, ...sb.credentials.formflow });
    const { client } = userClient(api.url, ff.authMiddleware());

    const { response } = await client.POST('/sandbox/echo', { body: { n: 1 } });

    expect(response.status).toBe(401);
    expect(api.requests).toHaveLength(1);
    expect(sameToken.requests).toHaveLength(2); // the first token, and the one refresh
  });

  it("throws the token call's error from the call: refused credentials are an ApiError, nothing is sent", async () => {
    const ff = createFormflowClient({ baseUrl: sb.urls.formflow, ...sb.credentials.formflow, clientSecret: 'not-the-secret' });
    const { client, sent } = userClient(sb.urls.formflow, ff.authMiddleware());

    const call = client.POST('/sandbox/echo', { body: { n: 1 } });

    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ status: 401 });
    expect(sent).toHaveLength(0);
  });

  it("the request's signal stops its wait for a token", async () => {
    const controller = new AbortController();
    const stalled = await startTestServer(() => {
      controller.abort(new Error('the user gave up'));
      return new Promise(() => {}); // Formflow does not answer
    });
    servers.push(stalled);
    const ff = createFormflowClient({ baseUrl: stalled.url, ...sb.credentials.formflow, maxRetries: 0 });
    const { client, sent } = userClient(sb.urls.formflow, ff.authMiddleware());

    await expect(client.POST('/sandbox/echo', { body: { n: 1 }, signal: controller.signal })).rejects.toThrow('the user gave up');
    expect(stalled.requests).toHaveLength(1);
    expect(sent).toHaveLength(0);
  });
});
