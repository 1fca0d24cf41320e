/** getToken against a real server on 127.0.0.1: the exact request, the IssuedToken, 429 and 401 handling. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/index';
import { CREDENTIALS, formflow, issue, testClock, tokenServer } from './harness';

describe('the request', () => {
  it('POSTs the credentials as JSON to /api/token, with no Authorization', async () => {
    const server = await tokenServer();
    await formflow(server, testClock().clock, { baseUrl: `${server.url}/` }).getToken();
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent!.method).toBe('POST');
    expect(sent!.url).toBe('/api/token');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.headers['accept']).toBe('application/json');
    expect(sent!.headers['authorization']).toBeUndefined();
    expect(sent!.body).toBe('{"clientId":"client-7","clientSecret":"cs_SECRET_formflow_client_secret_31337","organizationId":"org-42"}');
  });

  it('sends the client headers along', async () => {
    const server = await tokenServer();
    await formflow(server, testClock().clock, { headers: { 'x-trace': 'abc' } }).getToken();
    expect(server.requests[0]!.headers['x-trace']).toBe('abc');
  });
});

describe('the IssuedToken', () => {
  it('has the token, its token_type and expiresAt = answer time + expires_in', async () => {
    const server = await tokenServer();
    const token = await formflow(server, testClock().clock).getToken(); // clock: 2026-01-01T12:00:00Z
    expect(token).toEqual({
      token: 'token-1',
      tokenType: 'Bearer',
      expiresAt: new Date('2026-01-01T13:00:00.000Z'),
      raw: { token: 'token-1', token_type: 'Bearer', expires_in: 3600 },
    });
  });

  it('follows expires_in, whatever it is (1799.5 s)', async () => {
    const server = await tokenServer((n) => issue(n, 1799.5));
    const token = await formflow(server, testClock().clock).getToken();
    expect(token.expiresAt.toISOString()).toBe('2026-01-01T12:29:59.500Z');
  });

  it('authHeaders() gives the Authorization header from the cached token', async () => {
    const server = await tokenServer();
    const ff = formflow(server, testClock().clock);
    expect(await ff.authHeaders()).toEqual({ Authorization: 'Bearer token-1' });
    expect(await ff.authHeaders()).toEqual({ Authorization: 'Bearer token-1' });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['no expires_in', { token: 'token-x', token_type: 'Bearer' }],
    ['a text expires_in', { token: 'token-x', token_type: 'Bearer', expires_in: '3600' }],
    ['no token', { token_type: 'Bearer', expires_in: 3600 }],
  ])('an answer with %s is an ApiError (not an Invalid Date), and is not cached', async (_, body) => {
    const server = await tokenServer((n) => (n === 1 ? { status: 200, body } : issue(n)));
    const ff = formflow(server, testClock().clock);
    const failure = await ff.getToken().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).message).toBe('formflow: HTTP 200: answered without a token and its expires_in');
    expect((failure as ApiError).status).toBe(200);
    expect(JSON.stringify(failure)).not.toContain('token-x');
    expect((await ff.getToken()).token).toBe('token-2');
  });
});

describe('rate limit (429)', () => {
  it('waits as Retry-After says (7 s), then asks again', async () => {
    const server = await tokenServer((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too Many Requests' } } : issue(n)));
    const { clock, delays } = testClock();
    const token = await formflow(server, clock).getToken();
    expect(delays).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
    expect(token.token).toBe('token-2');
  });

  it('takes Retry-After as an HTTP date too', async () => {
    const retryAt = new Date(Date.UTC(2026, 0, 1, 12, 0, 30)).toUTCString(); // 30 s after the clock's now
    const server = await tokenServer((n) => (n === 1 ? { status: 429, headers: { 'retry-after': retryAt } } : issue(n)));
    const { clock, delays } = testClock();
    await formflow(server, clock).getToken();
    expect(delays).toEqual([30_000]);
  });

  it('throws the 429 as an ApiError once maxRetries is used up, and does not cache it', async () => {
    const server = await tokenServer((n) => (n <= 3 ? { status: 429, headers: { 'retry-after': '1' } } : issue(n)));
    const { clock, delays } = testClock();
    const ff = formflow(server, clock);
    const failure = await ff.getToken().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(429);
    expect(delays).toEqual([1000, 1000]);
    expect(server.requests).toHaveLength(3);
    expect((await ff.getToken()).token).toBe('token-4');
  });
});

describe('refused credentials (401)', () => {
  it('are not retried: exactly one request, thrown as an ApiError with status 401', async () => {
    const server = await tokenServer(() => ({ status: 401, body: { statusCode: 401, message: 'Invalid credentials' } }));
    const { clock, delays } = testClock();
    const failure = await formflow(server, clock).getToken().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ name: 'ApiError', provider: 'formflow', status: 401, message: 'formflow: HTTP 401: Invalid credentials' });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('are asked again on the next call (a failure is not cached)', async () => {
    const server = await tokenServer((n) => (n === 1 ? { status: 401, body: { message: 'Invalid credentials' } } : issue(n)));
    const ff = formflow(server, testClock().clock);
    await expect(ff.getToken()).rejects.toBeInstanceOf(ApiError);
    expect((await ff.getToken()).token).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });
});

it('uses the documented base URL by default', async () => {
  const { createFormflowClient, FORMFLOW_BASE_URL } = await import('../src/index');
  expect(FORMFLOW_BASE_URL).toBe('https://main.formflow-dev.net');
  const seen: string[] = [];
  const ff = createFormflowClient({
    ...CREDENTIALS,
    fetch: async (url) => {
      seen.push(url.url);
      return Response.json({ token: 't', token_type: 'Bearer', expires_in: 3600 });
    },
  });
  await ff.getToken();
  expect(seen).toEqual(['https://main.formflow-dev.net/api/token']);
});
