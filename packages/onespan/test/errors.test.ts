/**
 * Refusals and unusable answers become thrown ApiErrors, and neither the tenant JWT
 * nor the session token ever shows up in an error (message, stack, JSON, inspect)
 * or a log event, even when the server echoes them back.
 */
import { startTestServer, type RecordedRequest, type TestServer } from '@tokens/testkit';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createOneSpanClient, type LogEvent } from '../src/index';
import { ACCESS_TOKEN, jwt, TRANSACTION_ID } from './fixtures';

let server: TestServer | undefined;
afterEach(() => server?.close());

/** Every way an error or event can be seen; none may contain `secret`. */
function expectNoSecret(value: unknown, secret: string) {
  const error = value as Error;
  for (const view of [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })]) {
    expect(view).not.toContain(secret);
  }
}

/** Echoes back everything it got: the Authorization header in the body and a header. */
const echo = (status: number) => (request: RecordedRequest) => ({
  status,
  headers: { 'x-request-id': 'req-42', 'x-echo': String(request.headers['authorization']) },
  body: { message: `rejected ${request.headers['authorization']}`, authorization: request.headers['authorization'] },
});

describe.each([400, 401, 403, 500])('HTTP %i', (status) => {
  it('throws an ApiError with the status and request id, without the tenant JWT', async () => {
    server = await startTestServer(echo(status));
    const events: LogEvent[] = [];
    const os = createOneSpanClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN, maxRetries: 0, log: (event) => events.push(event) });
    const failure = await os.createSessionCreationToken({ transactionId: TRANSACTION_ID }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ name: 'ApiError', provider: 'onespan', status, requestId: 'req-42' });
    expect((failure as ApiError).message).toBe(`onespan: HTTP ${status}: rejected [REDACTED]`);
    expect(server.requests).toHaveLength(1);
    expectNoSecret(failure, ACCESS_TOKEN);
    expect(events.map((event) => event.type)).toEqual(['request', 'response']);
    expect(JSON.stringify(events)).not.toContain(ACCESS_TOKEN);
  });
});

describe('an answer without a usable session token', () => {
  const cases: [string, unknown, string][] = [
    ['a token that is not a JWT', { token: 'opaque-session-token-123', role: 'unknown' }, 'the session token is not a JWT'],
    ['a JWT whose claims are not JSON', { token: 'eyJhbGciOiJIUzM4NCJ9.bm90IGpzb24.c2ln', role: 'unknown' }, 'the session token is not a JWT'],
    ['a JWT without exp', { token: jwt({ typ: 'JWT' }, { jti: 'abc' }), role: 'unknown' }, 'the session token has no numeric exp claim'],
    ['a JWT with a text exp', { token: jwt({ typ: 'JWT' }, { exp: '1623939199' }), role: 'unknown' }, 'the session token has no numeric exp claim'],
    ['a JWT with an exp out of Date range', { token: jwt({ typ: 'JWT' }, { exp: 1e300 }), role: 'unknown' }, 'the session token has no numeric exp claim'],
    ['no token at all', { role: 'unknown' }, 'answered without a token'],
  ];

  it('an answer without a token that echoes the tenant JWT is an ApiError without it', async () => {
    server = await startTestServer((request) => ({ status: 200, body: { role: 'unknown', note: `you sent ${request.headers['authorization']}` } }));
    const os = createOneSpanClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN });
    const failure = await os.createSessionCreationToken({ transactionId: TRANSACTION_ID }).catch((error: unknown) => error);
    // Only the shape of an answer that should have been a token is kept (core's redactTokenAnswer).
    expect((failure as ApiError).body).toEqual({ role: '[REDACTED]', note: '[REDACTED]' });
    expectNoSecret(failure, ACCESS_TOKEN);
  });

  it.each(cases)('%s is an ApiError (not an Invalid Date), without the token', async (_, body, problem) => {
    server = await startTestServer(() => ({ status: 200, body }));
    const os = createOneSpanClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN });
    const failure = await os.createSessionCreationToken({ transactionId: TRANSACTION_ID }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).message).toBe(`onespan: HTTP 200: ${problem}`);
    expect((failure as ApiError).status).toBe(200);
    const token = (body as { token?: string }).token;
    // Only the shape: every string of it is [REDACTED] (core's redactTokenAnswer).
    expect((failure as ApiError).body).toEqual(token === undefined ? { role: '[REDACTED]' } : { token: '[REDACTED]', role: '[REDACTED]' });
    if (token) expectNoSecret(failure, token);
    expect(server.requests).toHaveLength(1);
  });
});
