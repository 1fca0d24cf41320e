/**
 * The deprecated key/secret login against a real server on 127.0.0.1, on an
 * injected clock: the access token is cached, renewed with /auth/refresh inside
 * its refresh window, renewed with /auth/authorize when the refresh is refused,
 * shared by concurrent callers; widget tokens are never cached.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, memoryTokenStore } from '../src/index';
import {
  KEY,
  SECRET,
  START,
  accessToken,
  caseId,
  refreshToken,
  rejectionOf,
  startFakeTransactionLink,
  widgetToken,
  workflowDefinitionId,
} from './support/fake-transactionlink';

const auth = { key: KEY, secret: SECRET };
const MINUTE = 60_000;
const bearerOf = (request: { headers: Record<string, unknown> }) => request.headers['authorization'];

/** The account part of the default store key: the first 16 bytes of SHA-256(key), in hex. */
async function fingerprint(loginKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(loginKey)));
  return Array.from(digest.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('logging in', () => {
  it('sends POST /auth/authorize with exactly {key, secret} as application/json and no Authorization, then uses the access token', async () => {
    const tl = await startFakeTransactionLink();
    const issued = await tl.client({ auth }).createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token']);
    const [login, token] = tl.requests;
    expect(login!.headers['content-type']).toBe('application/json');
    expect(login!.headers['accept']).toBe('application/json');
    expect(login!.headers['authorization']).toBeUndefined();
    expect(JSON.parse(login!.body)).toEqual({ key: KEY, secret: SECRET });
    expect(token!.headers['authorization']).toBe(`Bearer ${accessToken(1)}`);
    expect(token!.headers['content-type']).toBe('application/json;version=2');
    expect(token!.headers['accept']).toBe('application/json;version=2');
    expect(JSON.parse(token!.body)).toEqual({ workflowDefinitionId });
    expect(issued).toEqual({
      id: 'wt_1',
      token: widgetToken(1),
      tokenType: 'Bearer',
      expiresAt: new Date('2026-03-01T13:00:00.000Z'),
      raw: { id: 'wt_1', token: widgetToken(1), expiryDuration: 3600, tokenType: 'Bearer' },
    });
  });

  it('v1 calls use the access token too', async () => {
    const tl = await startFakeTransactionLink();
    await tl.client({ auth }).createWidgetToken({ version: 1, caseId, workflowDefinitionId });
    const token = tl.requests[1]!;
    expect(token.headers['authorization']).toBe(`Bearer ${accessToken(1)}`);
    expect(token.headers['content-type']).toBe('application/json');
    expect(JSON.parse(token.body)).toEqual({ caseId, workflowDefinitionId });
  });

  it('caches the access token (expiresAt = time of the login answer + expiryDuration) but never the widget token', async () => {
    const tl = await startFakeTransactionLink();
    const store = memoryTokenStore();
    tl.on('/auth/authorize', () => {
      tl.now += 2_000;
      return { status: 200, body: { accessToken: accessToken(1), refreshToken: refreshToken(1), expiryDuration: 900, tokenType: 'Bearer' } };
    });
    const client = tl.client({ auth, tokenStore: store });
    const first = await client.createWidgetToken({ workflowDefinitionId });
    tl.now += 5 * MINUTE;
    const second = await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /token']);
    expect(tl.requests.slice(1).map(bearerOf)).toEqual([`Bearer ${accessToken(1)}`, `Bearer ${accessToken(1)}`]);
    expect([first.token, second.token]).toEqual([widgetToken(1), widgetToken(2)]);
    // A plain record under the default key: the base URL and a fingerprint of the login key, never the key.
    const record = (await store.get(`transactionlink:${tl.server.url}:${await fingerprint(KEY)}`))!;
    expect(record.expiresAt).toBe(Date.parse('2026-03-01T12:15:02.000Z'));
    expect(JSON.parse(record.value)).toEqual({
      token: accessToken(1),
      tokenType: 'Bearer',
      expiresAt: Date.parse('2026-03-01T12:15:02.000Z'),
      raw: { accessToken: accessToken(1), refreshToken: refreshToken(1), expiryDuration: 900, tokenType: 'Bearer' },
    });
  });

  it('concurrent calls on a cold login make exactly one /auth/authorize', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth });
    const tokens = await Promise.all(Array.from({ length: 25 }, () => client.createWidgetToken({ workflowDefinitionId })));
    expect(tl.calls().filter((call) => call === 'POST /auth/authorize')).toHaveLength(1);
    expect(tl.calls().filter((call) => call === 'POST /token')).toHaveLength(25);
    expect(new Set(tokens.map((token) => token.token)).size).toBe(25);
    expect(new Set(tl.requests.filter((request) => request.url === '/token').map(bearerOf))).toEqual(new Set([`Bearer ${accessToken(1)}`]));
  });

  it('a refused login is thrown, /token is not called, and the next call logs in again', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/auth/authorize', (_, n) =>
      n === 1
        ? { status: 401, body: { fingerprint: 'fp-login', errors: [{ code: 'INVALID_CREDENTIALS', message: 'Invalid key or secret' }] } }
        : { status: 200, body: { accessToken: accessToken(n), refreshToken: refreshToken(n), expiryDuration: 3600, tokenType: 'Bearer' } },
    );
    const client = tl.client({ auth });
    const error = (await rejectionOf(client.createWidgetToken({ workflowDefinitionId }))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.code).toBe('INVALID_CREDENTIALS');
    expect(error.requestId).toBe('fp-login');
    expect(tl.calls()).toEqual(['POST /auth/authorize']);
    await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /auth/authorize', 'POST /token']);
    expect(bearerOf(tl.requests[2]!)).toBe(`Bearer ${accessToken(2)}`);
  });
});

describe('renewing the access token', () => {
  it('refreshes an expired access token with POST /auth/refresh {refreshToken} (no Authorization), then uses the new one', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.now = START + 3600_000 + 1_000; // one second past expiry
    await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /auth/refresh', 'POST /token']);
    const refresh = tl.requests[2]!;
    expect(refresh.headers['content-type']).toBe('application/json');
    expect(refresh.headers['accept']).toBe('application/json');
    expect(refresh.headers['authorization']).toBeUndefined();
    expect(JSON.parse(refresh.body)).toEqual({ refreshToken: refreshToken(1) });
    expect(bearerOf(tl.requests[3]!)).toBe(`Bearer ${accessToken(101)}`);
  });

  it('refreshes inside the refresh window (default 5 minutes before expiry), not before it', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.now = START + 54 * MINUTE; // 6 minutes left
    await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /token']);
    tl.now = START + 56 * MINUTE; // 4 minutes left: served at once, renewed in the background
    await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls().filter((call) => call === 'POST /auth/refresh')).toHaveLength(1);
    expect(bearerOf(tl.requests.filter((request) => request.url === '/token')[2]!)).toBe(`Bearer ${accessToken(1)}`);
    await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls().filter((call) => call === 'POST /auth/refresh')).toHaveLength(1);
    expect(bearerOf(tl.requests.at(-1)!)).toBe(`Bearer ${accessToken(101)}`);
  });

  it('takes refreshWindowMs', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth, refreshWindowMs: 30 * MINUTE });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.now = START + 31 * MINUTE; // 29 minutes left: inside a 30-minute window
    await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /auth/refresh', 'POST /token']);
  });

  it('uses each refreshed token\'s own refresh token next time, and keeps the old one when a refresh answer has none', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/auth/refresh', (_, n) => ({
      status: 200,
      body: n === 1 ? { accessToken: accessToken(101), refreshToken: refreshToken(101), expiryDuration: 3600, tokenType: 'Bearer' } : { accessToken: accessToken(100 + n), expiryDuration: 3600, tokenType: 'Bearer' },
    }));
    const client = tl.client({ auth });
    for (let hour = 0; hour < 4; hour++) {
      tl.now = START + hour * 3600_000;
      await client.createWidgetToken({ workflowDefinitionId });
    }
    const refreshes = tl.requests.filter((request) => request.url === '/auth/refresh').map((request) => JSON.parse(request.body));
    expect(refreshes).toEqual([{ refreshToken: refreshToken(1) }, { refreshToken: refreshToken(101) }, { refreshToken: refreshToken(101) }]);
  });

  it.each([400, 401, 403])('a refresh refused with %i falls back to /auth/authorize', async (status) => {
    const tl = await startFakeTransactionLink();
    tl.on('/auth/refresh', () => ({ status, body: { fingerprint: 'fp-refresh', errors: [{ code: 'INVALID_REFRESH_TOKEN', message: 'expired' }] } }));
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.now = START + 2 * 3600_000;
    const issued = await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /auth/refresh', 'POST /auth/authorize', 'POST /token']);
    expect(JSON.parse(tl.requests[3]!.body)).toEqual({ key: KEY, secret: SECRET });
    expect(bearerOf(tl.requests[4]!)).toBe(`Bearer ${accessToken(2)}`);
    expect(issued.token).toBe(widgetToken(2));
  });

  it('a refresh that fails with a 5xx is thrown (an outage, not a refusal) once the token has expired', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/auth/refresh', () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' }));
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.now = START + 2 * 3600_000;
    const error = (await rejectionOf(client.createWidgetToken({ workflowDefinitionId }))) as ApiError;
    expect(error.status).toBe(502);
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /auth/refresh']);
  });

  it('a failed refresh inside the refresh window keeps serving the still-valid token', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/auth/refresh', () => ({ status: 503 }));
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.now = START + 58 * MINUTE;
    await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /auth/refresh', 'POST /token']);
    expect(bearerOf(tl.requests[3]!)).toBe(`Bearer ${accessToken(1)}`);
  });
});

describe('a 401 to a cached access token', () => {
  const unauthorized = { status: 401, body: { fingerprint: 'fp-401', errors: [{ code: 'UNAUTHORIZED', message: 'Token revoked' }] } };

  it('invalidates the refused token, renews it (/auth/refresh) and tries once more', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.on('/token', (request, n) =>
      n === 2 ? unauthorized : { status: 201, body: { id: `wt_${n}`, token: widgetToken(n), expiryDuration: 3600, tokenType: 'Bearer' } },
    );
    const issued = await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /token', 'POST /auth/refresh', 'POST /token']);
    expect(tl.requests.filter((request) => request.url === '/token').map(bearerOf)).toEqual([
      `Bearer ${accessToken(1)}`,
      `Bearer ${accessToken(1)}`,
      `Bearer ${accessToken(101)}`,
    ]);
    expect(JSON.parse(tl.requests[4]!.body)).toEqual({ workflowDefinitionId });
    expect(issued.token).toBe(widgetToken(3));
  });

  it('20 concurrent calls refused with the same token make one renewal, not one each', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    const stale = `Bearer ${accessToken(1)}`;
    tl.on('/token', (request, n) =>
      bearerOf(request) === stale ? unauthorized : { status: 201, body: { id: `wt_${n}`, token: widgetToken(n), expiryDuration: 3600, tokenType: 'Bearer' } },
    );
    const issued = await Promise.all(Array.from({ length: 20 }, () => client.createWidgetToken({ workflowDefinitionId })));
    expect(issued).toHaveLength(20);
    expect(tl.calls().filter((call) => call.startsWith('POST /auth/'))).toEqual(['POST /auth/authorize', 'POST /auth/refresh']);
  });

  it('throws when the fresh login is refused too (one retry only)', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.on('/token', () => unauthorized);
    const error = (await rejectionOf(client.createWidgetToken({ workflowDefinitionId }))) as ApiError;
    expect(error.status).toBe(401);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /token', 'POST /auth/refresh', 'POST /token']);
  });

  it('a 401 to a token just obtained is repeated once and thrown, without another login', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => unauthorized);
    const error = (await rejectionOf(tl.client({ auth }).createWidgetToken({ workflowDefinitionId }))) as ApiError;
    expect(error.status).toBe(401);
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /token']);
  });

  it('tl.api gets the same single retry', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.on('/token', (_, n) => (n === 2 ? unauthorized : { status: 201, body: { token: widgetToken(n), expiryDuration: 3600, tokenType: 'Bearer' } }));
    const { data, error } = await client.api.POST('/token', { body: { caseId, workflowDefinitionId } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ token: widgetToken(3), expiryDuration: 3600, tokenType: 'Bearer' });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /token', 'POST /auth/refresh', 'POST /token']);
  });
});

describe('tokenStore', () => {
  it('a shared store lets a second client reuse the access token', async () => {
    const tl = await startFakeTransactionLink();
    const tokenStore = memoryTokenStore();
    await tl.client({ auth, tokenStore }).createWidgetToken({ workflowDefinitionId });
    await tl.client({ auth, tokenStore }).createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /token']);
  });

  it('tokenStoreKey keeps two accounts apart in one store', async () => {
    const tl = await startFakeTransactionLink();
    const tokenStore = memoryTokenStore();
    await tl.client({ auth, tokenStore, tokenStoreKey: 'tl:a' }).createWidgetToken({ workflowDefinitionId });
    await tl.client({ auth, tokenStore, tokenStoreKey: 'tl:b' }).createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /auth/authorize', 'POST /token', 'POST /auth/authorize', 'POST /token']);
    expect(JSON.parse((await tokenStore.get('tl:b'))!.value).token).toBe(accessToken(2));
  });

  it('two accounts sharing one store never get each other\'s access token, through logins and refreshes', async () => {
    const tl = await startFakeTransactionLink();
    // The server issues each account its own tokens, and refreshes only that account's.
    const accountOf = new Map<string, string>();
    const issue = (account: string, n: number) => {
      accountOf.set(`refresh-${account}-${n}`, account);
      return { status: 200, body: { accessToken: `access-${account}-${n}`, refreshToken: `refresh-${account}-${n}`, expiryDuration: 3600, tokenType: 'Bearer' } };
    };
    tl.on('/auth/authorize', (request, n) => issue((JSON.parse(request.body) as { key: string }).key, n));
    tl.on('/auth/refresh', (request, n) => issue(accountOf.get((JSON.parse(request.body) as { refreshToken: string }).refreshToken)!, 100 + n));
    const tokenStore = memoryTokenStore();
    const other = { key: 'tl_key_other_account_77', secret: 'tl_secret_other_account_77' };
    const clients = [auth, other, auth, other].map((credentials) => tl.client({ auth: credentials, tokenStore }));
    const accountOfCall = [KEY, other.key, KEY, other.key];
    const check = async () => {
      for (const [index, client] of clients.entries()) {
        await client.createWidgetToken({ workflowDefinitionId });
        expect(String(bearerOf(tl.requests.at(-1)!))).toMatch(new RegExp(`^Bearer access-${accountOfCall[index]}-\\d+$`));
      }
    };
    await check();
    expect(tl.calls().filter((call) => call === 'POST /auth/authorize')).toHaveLength(2);
    tl.now = START + 61 * MINUTE; // both expired: each account refreshes with its own refresh token
    await check();
    await check();
    expect(tl.calls().filter((call) => call === 'POST /auth/refresh')).toHaveLength(2);
    const keys = [await fingerprint(KEY), await fingerprint(other.key)].map((print) => `transactionlink:${tl.server.url}:${print}`);
    expect(JSON.parse((await tokenStore.get(keys[0]!))!.value).token).toMatch(/^access-tl_key_8d2e6c4a1f-/);
    expect(JSON.parse((await tokenStore.get(keys[1]!))!.value).token).toMatch(/^access-tl_key_other_account_77-/);
    expect(keys.join()).not.toContain(KEY);
  });
});
