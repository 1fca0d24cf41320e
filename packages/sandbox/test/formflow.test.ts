/**
 * The Formflow sandbox over real HTTP with plain fetch: POST /api/token with
 * client credentials, the 60-a-minute limit (429 + Retry-After) on a clock the
 * test moves, and the sandbox's NestJS-style error bodies (Formflow documents
 * the statuses, not the bodies).
 */
import { describe, expect, it } from 'vitest';
import { START_MS, UUID, decodeJwt, post, requestIdOf, sandbox, type Answer } from './support/sandbox';

async function formflow(options: Parameters<typeof sandbox>[0] = {}) {
  const { sb, clock } = await sandbox(options);
  const getToken = (body: unknown, headers: Record<string, string> = {}) => post(`${sb.urls.formflow}/api/token`, body, headers);
  return { sb, clock, getToken, credentials: sb.credentials.formflow };
}

function expectError(answer: Answer, status: number, body: unknown): void {
  expect({ status: answer.status, body: answer.body }).toStrictEqual({ status, body });
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  requestIdOf(answer);
}

function expectToken(answer: Answer) {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(answer.headers.get('retry-after')).toBeNull();
  expect(answer.body).toStrictEqual({ token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
  requestIdOf(answer);
  return decodeJwt((answer.body as { token: string }).token);
}

const tooMany = { statusCode: 429, message: 'ThrottlerException: Too Many Requests' };

/** Asserts a 429 with exactly this Retry-After (seconds). */
function expectThrottled(answer: Answer, retryAfter: number): void {
  expectError(answer, 429, tooMany);
  expect(answer.headers.get('retry-after')).toBe(String(retryAfter));
}

describe('Formflow POST /api/token', () => {
  it('answers 200 { token, token_type: "Bearer", expires_in: 3600 } with a JWT whose exp is iat + 3600', async () => {
    const { getToken, credentials } = await formflow();
    const jwt = expectToken(await getToken(credentials));
    expect(jwt.header).toStrictEqual({ alg: 'HS384', typ: 'JWT' });
    expect(jwt.claims).toStrictEqual({
      sub: credentials.clientId,
      org: credentials.organizationId,
      jti: expect.stringMatching(UUID),
      iat: START_MS / 1000,
      exp: START_MS / 1000 + 3600,
    });
  });

  it('answers 400 with every problem for a body without clientSecret, with an empty clientId, or empty', async () => {
    const { getToken, credentials } = await formflow();
    const { clientId, organizationId } = credentials;
    expectError(await getToken({ clientId, organizationId }), 400, { statusCode: 400, message: ['body.clientSecret is required'], error: 'Bad Request' });
    expectError(await getToken({ ...credentials, clientId: '' }), 400, {
      statusCode: 400,
      message: ['body.clientId must NOT have fewer than 1 characters'],
      error: 'Bad Request',
    });
    expectError(await getToken({}), 400, {
      statusCode: 400,
      message: ['body.clientId is required', 'body.clientSecret is required', 'body.organizationId is required'],
      error: 'Bad Request',
    });
    expectError(await getToken([]), 400, { statusCode: 400, message: ['body must be object'], error: 'Bad Request' });
  });

  it('answers 401 for a wrong secret, client or organization', async () => {
    const { getToken, credentials } = await formflow();
    const refusal = { statusCode: 401, message: 'Invalid credentials', error: 'Unauthorized' };
    expectError(await getToken({ ...credentials, clientSecret: `${credentials.clientSecret}x` }), 401, refusal);
    expectError(await getToken({ ...credentials, clientId: 'client_other' }), 401, refusal);
    expectError(await getToken({ ...credentials, organizationId: 'org_other' }), 401, refusal);
  });

  it('answers 400 for malformed JSON and for a body that is not JSON', async () => {
    const { getToken, credentials } = await formflow();
    expectError(await getToken('{"clientId": "a",'), 400, { statusCode: 400, message: 'Unexpected token in JSON', error: 'Bad Request' });
    expectError(await getToken(new URLSearchParams(credentials).toString(), { 'content-type': 'application/x-www-form-urlencoded' }), 400, {
      statusCode: 400,
      message: 'Content-Type must be application/json',
      error: 'Bad Request',
    });
  });

  it('accepts the credentials given in options', async () => {
    const mine = { clientId: 'client_mine', clientSecret: 'shh', organizationId: 'org_mine' };
    const { sb, getToken } = await formflow({ credentials: { formflow: mine } });
    expect(sb.credentials.formflow).toStrictEqual(mine);
    expectToken(await getToken(mine));
  });
});

describe('Formflow rate limit: 60 requests a minute per client', () => {
  it('answers the 61st request within a minute 429 with Retry-After, and serves again once the window frees', async () => {
    const { clock, getToken, credentials } = await formflow();
    for (let i = 0; i < 60; i++) expectToken(await getToken(credentials));
    expectThrottled(await getToken(credentials), 60);

    clock.advance(30_000);
    expectThrottled(await getToken(credentials), 30);
    clock.advance(29_999);
    expectThrottled(await getToken(credentials), 1);
    clock.advance(1); // a minute after the first 60
    const jwt = expectToken(await getToken(credentials));
    expect(jwt.claims['iat']).toBe(START_MS / 1000 + 60);
  });

  it('is a sliding window: Retry-After counts to when the oldest request in it leaves', async () => {
    const { clock, getToken, credentials } = await formflow();
    for (let i = 0; i < 30; i++) expectToken(await getToken(credentials));
    clock.advance(20_000);
    for (let i = 0; i < 30; i++) expectToken(await getToken(credentials));
    clock.advance(10_000);
    expectThrottled(await getToken(credentials), 30); // the first 30 leave at +60 s

    clock.advance(30_000); // +60 s: the first 30 have left, the 30 of +20 s are still in
    for (let i = 0; i < 30; i++) expectToken(await getToken(credentials));
    expectThrottled(await getToken(credentials), 20); // the next leave at +80 s
  });

  it('does not count refused (429) requests against the window', async () => {
    const { clock, getToken, credentials } = await formflow();
    for (let i = 0; i < 60; i++) expectToken(await getToken(credentials));
    for (let i = 0; i < 10; i++) expectThrottled(await getToken(credentials), 60);
    clock.advance(60_000);
    for (let i = 0; i < 60; i++) expectToken(await getToken(credentials));
    expectThrottled(await getToken(credentials), 60);
  });

  it('counts requests with a wrong secret (401) but not invalid ones (400)', async () => {
    const { getToken, credentials } = await formflow({ settings: { formflowRequestsPerMinute: 3 } });
    for (let i = 0; i < 5; i++) expect((await getToken({ clientId: credentials.clientId })).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await getToken({ ...credentials, clientSecret: 'wrong' })).status).toBe(401);
    expectThrottled(await getToken(credentials), 60);
  });

  it('limits each clientId on its own', async () => {
    const { getToken, credentials } = await formflow({ settings: { formflowRequestsPerMinute: 2 } });
    expectToken(await getToken(credentials));
    expectToken(await getToken(credentials));
    expectThrottled(await getToken(credentials), 60);
    // Another client is not throttled (only refused for its credentials).
    expectError(await getToken({ ...credentials, clientId: 'client_other' }), 401, { statusCode: 401, message: 'Invalid credentials', error: 'Unauthorized' });
  });

  it('honours settings.formflowRequestsPerMinute', async () => {
    const { clock, getToken, credentials } = await formflow({ settings: { formflowRequestsPerMinute: 5 } });
    for (let i = 0; i < 5; i++) {
      expectToken(await getToken(credentials));
      clock.advance(1_000);
    }
    expectThrottled(await getToken(credentials), 55);
  });
});
