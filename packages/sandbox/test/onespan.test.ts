/**
 * The OneSpan sandbox over real HTTP with plain fetch: POST
 * /api/transaction/{transaction_id}/token behind the tenant JWT, answering an
 * HS384 session creation token; 401 / 403 / 400 with the sandbox's
 * `{ message, errors? }` bodies (OneSpan documents the statuses, not the bodies).
 */
import { describe, expect, it } from 'vitest';
import { START_MS, UUID, decodeJwt, post, requestIdOf, sandbox, type Answer } from './support/sandbox';

const TRANSACTION = 'dcaad720-d1e9-47ba-a76b-a6370ef0373b';
const ACCEPT = 'application/json, text/javascript';

async function tenant(options: Parameters<typeof sandbox>[0] = {}) {
  const { sb, clock } = await sandbox(options);
  const url = (transactionId: string) => `${sb.urls.onespan}/api/transaction/${transactionId}/token`;
  const create = (body: unknown, { transactionId = TRANSACTION, bearer = sb.credentials.onespan.accessToken, headers = {} as Record<string, string> } = {}) =>
    post(url(transactionId), body, { authorization: `Bearer ${bearer}`, accept: ACCEPT, ...headers });
  return { sb, clock, url, create };
}

/** Asserts an error answer with exactly this status and body. */
function expectError(answer: Answer, status: number, body: unknown): void {
  expect({ status: answer.status, body: answer.body }).toStrictEqual({ status, body });
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  requestIdOf(answer);
}

/** Asserts a 200 `{ token, role }` and returns the decoded token. */
function expectSessionToken(answer: Answer, role: string) {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(answer.headers.get('vary')).toBe('Accept');
  expect(answer.body).toStrictEqual({ token: expect.any(String), role });
  requestIdOf(answer);
  return decodeJwt((answer.body as { token: string }).token);
}

describe('OneSpan POST /api/transaction/{transaction_id}/token', () => {
  it('answers 200 { token, role } with an HS384 session token carrying the documented claims', async () => {
    const { create } = await tenant();
    const jwt = expectSessionToken(await create({ role: 'Borrower' }), 'Borrower');
    expect(jwt.header).toStrictEqual({ alg: 'HS384', typ: 'JWT' });
    expect(jwt.signature).toHaveLength(48); // SHA-384
    expect(jwt.claims).toStrictEqual({
      session: { role: 'Borrower' },
      scope: ['session_creation_authorization_code'],
      transaction_uuid: TRANSACTION,
      exp: START_MS / 1000 + 900,
      jti: expect.stringMatching(UUID),
      client_id: 'dealflo',
    });
  });

  it('gives every token its own jti', async () => {
    const { create } = await tenant();
    const first = expectSessionToken(await create({ role: 'unknown' }), 'unknown');
    const second = expectSessionToken(await create({ role: 'unknown' }), 'unknown');
    expect(first.claims['jti']).not.toBe(second.claims['jti']);
  });

  it('takes the lifetime from settings.onespanSessionTokenSeconds, counted from the sandbox clock', async () => {
    const { clock, create } = await tenant({ settings: { onespanSessionTokenSeconds: 60 } });
    clock.advance(5_000);
    const jwt = expectSessionToken(await create({ role: 'signer1' }), 'signer1');
    expect(jwt.claims['exp']).toBe(START_MS / 1000 + 5 + 60);
  });

  it('accepts a role of 1 and of 32 characters', async () => {
    const { create } = await tenant();
    expectSessionToken(await create({ role: 'x' }), 'x');
    expectSessionToken(await create({ role: 'r'.repeat(32) }), 'r'.repeat(32));
  });

  it('answers 400 with the problems for a role of 33 characters, an empty role and no role', async () => {
    const { create } = await tenant();
    const invalid = (field: string, message: string) => ({ message: 'The transaction data is invalid.', errors: [{ field, message }] });
    expectError(await create({ role: 'r'.repeat(33) }), 400, invalid('body.role', 'must NOT have more than 32 characters'));
    expectError(await create({ role: '' }), 400, invalid('body.role', 'must NOT have fewer than 1 characters'));
    expectError(await create({}), 400, invalid('body.role', 'is required'));
    expectError(await create({ role: 7 }), 400, invalid('body.role', 'must be string'));
  });

  it('answers 400 for a transaction id that is not a uuid, listing path and body problems together', async () => {
    const { create } = await tenant();
    expectError(await create({ role: 'unknown' }, { transactionId: 'not-a-uuid' }), 400, {
      message: 'The transaction data is invalid.',
      errors: [{ field: 'path.transaction_id', message: 'must match format "uuid"' }],
    });
    expectError(await create({ role: 'r'.repeat(33) }, { transactionId: '12345' }), 400, {
      message: 'The transaction data is invalid.',
      errors: [
        { field: 'path.transaction_id', message: 'must match format "uuid"' },
        { field: 'body.role', message: 'must NOT have more than 32 characters' },
      ],
    });
  });

  it('answers 400 "no longer valid" for the onespanInvalidTransactionId fixture', async () => {
    const { sb, create } = await tenant();
    expectError(await create({ role: 'unknown' }, { transactionId: sb.fixtures.onespanInvalidTransactionId }), 400, {
      message: 'The transaction is no longer valid.',
    });
  });

  it('answers 400 for malformed JSON and for a body that is not JSON', async () => {
    const { create } = await tenant();
    expectError(await create('{"role": unknown}'), 400, { message: 'The body is not valid JSON.' });
    expectError(await create('role=unknown', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, {
      message: 'Content-Type must be application/json.',
    });
  });

  it('answers 400, not 500, for a transaction id with broken percent-encoding', async () => {
    const { create } = await tenant();
    const answer = await create({ role: 'unknown' }, { transactionId: '%E0%A4%A' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ message: expect.any(String) });
    requestIdOf(answer);
  });
});

describe('OneSpan bearer: the tenant JWT', () => {
  const invalid = { message: 'Invalid token.' };

  it('hands out an HS384 tenant token with scope tenant_access and no expiry', async () => {
    const { sb } = await tenant();
    const jwt = decodeJwt(sb.credentials.onespan.accessToken);
    expect(jwt.header).toStrictEqual({ alg: 'HS384', typ: 'JWT' });
    expect(jwt.claims).toStrictEqual({ scope: 'tenant_access', tenant: 'sandbox', iat: START_MS / 1000 });
  });

  it('stays valid however long the sandbox runs (OneSpan tenant tokens are long-lived)', async () => {
    const { clock, create } = await tenant();
    clock.advance(10 * 365 * 86_400_000);
    expectSessionToken(await create({ role: 'unknown' }), 'unknown');
  });

  it('answers 401 without a bearer, with a garbage one, with a tampered one and under another scheme', async () => {
    const { sb, url, create } = await tenant();
    const token = sb.credentials.onespan.accessToken;
    expectError(await post(url(TRANSACTION), { role: 'unknown' }), 401, invalid);
    expectError(await create({ role: 'unknown' }, { bearer: 'not-a-jwt' }), 401, invalid);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ scope: 'tenant_access', tenant: 'other', iat: START_MS / 1000 })).toString('base64url');
    expectError(await create({ role: 'unknown' }, { bearer: `${header}.${forged}.${signature}` }), 401, invalid);
    expectError(await create({ role: 'unknown' }, { bearer: `${token.slice(0, -2)}AA` }), 401, invalid);
    expectError(await post(url(TRANSACTION), { role: 'unknown' }, { authorization: `Basic ${token}` }), 401, invalid);
  });

  it('checks the bearer before the body and the path', async () => {
    const { create } = await tenant();
    expectError(await create('{', { bearer: 'x', transactionId: 'nope' }), 401, invalid);
  });

  it('answers 403 to a valid sandbox JWT without scope tenant_access (a session creation token used as bearer)', async () => {
    // The tenant key is private to the sandbox, so the one valid JWT of another
    // scope a test can hold is a session creation token the sandbox issued.
    const { create } = await tenant();
    const session = (await create({ role: 'unknown' })).body as { token: string };
    expectError(await create({ role: 'unknown' }, { bearer: session.token }), 403, {
      message: 'The token does not grant transaction creation rights.',
    });
  });

  it('answers 401, not 403, once that other token has expired', async () => {
    const { clock, create } = await tenant();
    const session = (await create({ role: 'unknown' })).body as { token: string };
    clock.advance(900_000);
    expectError(await create({ role: 'unknown' }, { bearer: session.token }), 401, invalid);
  });

  it('accepts the accessToken given in options (credentials are "the options the sandbox accepts")', async () => {
    const { create } = await tenant({ credentials: { onespan: { accessToken: 'my-tenant-token' } } });
    expectSessionToken(await create({ role: 'unknown' }, { bearer: 'my-tenant-token' }), 'unknown');
  });
});
