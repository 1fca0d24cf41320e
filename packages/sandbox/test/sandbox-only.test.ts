/**
 * The sandbox-only protected call, `POST <provider>/sandbox/echo` (no provider
 * has it): it honours only bearer tokens the sandbox issued and has neither
 * seen expire (on the sandbox clock) nor revoked with `revokeTokens`, and
 * `tokensIssued` counts what was issued. Plain fetch over real HTTP.
 */
import { describe, expect, it } from 'vitest';
import { post, requestIdOf, sandbox, send, type Answer } from './support/sandbox';

const HOUR = 3_600_000;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectRefused(answer: Answer, body: unknown): void {
  expect({ status: answer.status, body: answer.body }).toStrictEqual({ status: 401, body });
  expect(answer.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  requestIdOf(answer);
}

const formflowRefusal = { statusCode: 401, message: 'Missing, expired or revoked bearer token', error: 'Unauthorized' };
const transactionLinkRefusal = { fingerprint: expect.any(String), errors: [{ code: 'UNAUTHORIZED', message: 'Missing, expired or revoked bearer token' }] };

describe('Formflow POST /sandbox/echo', () => {
  async function setUp() {
    const { sb, clock } = await sandbox();
    const echo = (body: unknown, headers: Record<string, string> = {}) => post(`${sb.urls.formflow}/sandbox/echo`, body, headers);
    const token = async () => ((await post(`${sb.urls.formflow}/api/token`, sb.credentials.formflow)).body as { token: string }).token;
    return { sb, clock, echo, token };
  }

  it('echoes the JSON body for a token the sandbox issued', async () => {
    const { echo, token } = await setUp();
    const answer = await echo({ form: 'claim', fields: [1, 2] }, bearer(await token()));
    expect({ status: answer.status, body: answer.body }).toStrictEqual({ status: 200, body: { received: { form: 'claim', fields: [1, 2] } } });
  });

  it('refuses with 401 no token, another scheme, a token it did not issue, and an expired one', async () => {
    const { sb, clock, echo, token } = await setUp();
    expectRefused(await echo({}), formflowRefusal);
    const issued = await token();
    expectRefused(await echo({}, { authorization: `Basic ${issued}` }), formflowRefusal);
    expectRefused(await echo({}, bearer(`${issued}x`)), formflowRefusal);
    expectRefused(await echo({}, bearer(sb.credentials.transactionlink.auth.token)), formflowRefusal);
    clock.advance(HOUR - 1000);
    expect((await echo({}, bearer(issued))).status).toBe(200);
    clock.advance(1000); // exp = iat + 3600 s
    expectRefused(await echo({}, bearer(issued)), formflowRefusal);
  });

  it('revokeTokens refuses every token issued so far and none issued after; tokensIssued counts them', async () => {
    const { sb, echo, token } = await setUp();
    const [first, second] = [await token(), await token()];
    expect(sb.tokensIssued('formflow')).toBe(2);
    expect(sb.revokeTokens('formflow')).toBe(2);
    expectRefused(await echo({}, bearer(first)), formflowRefusal);
    expectRefused(await echo({}, bearer(second)), formflowRefusal);
    const third = await token();
    expect((await echo({ n: 3 }, bearer(third))).body).toStrictEqual({ received: { n: 3 } });
    expect(sb.tokensIssued('formflow')).toBe(3);
    expect(sb.tokensIssued('transactionlink')).toBe(0);
    expect(sb.revokeTokens('formflow')).toBe(1);
  });

  it('serves POST only', async () => {
    const { sb } = await setUp();
    const answer = await send(`${sb.urls.formflow}/sandbox/echo`);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
  });
});

describe('TransactionLink POST /sandbox/echo', () => {
  async function setUp() {
    const { sb, clock } = await sandbox({ settings: { transactionlinkAccessTokenSeconds: 60 } });
    const echo = (body: unknown, headers: Record<string, string> = {}) => post(`${sb.urls.transactionlink}/sandbox/echo`, body, headers);
    const login = async () => ((await post(`${sb.urls.transactionlink}/auth/authorize`, sb.credentials.transactionlinkLogin.auth)).body as { accessToken: string }).accessToken;
    return { sb, clock, echo, login };
  }

  it('honours the organization token, also after revokeTokens and on any clock', async () => {
    const { sb, clock, echo } = await setUp();
    const organization = bearer(sb.credentials.transactionlink.auth.token);
    expect((await echo({ a: 1 }, organization)).body).toStrictEqual({ received: { a: 1 } });
    expect(sb.revokeTokens('transactionlink')).toBe(0);
    clock.advance(1000 * HOUR);
    expect((await echo({ a: 2 }, organization)).status).toBe(200);
  });

  it('honours a login access token until it expires or is revoked, in the ErrorResponse shape', async () => {
    const { sb, clock, echo, login } = await setUp();
    expectRefused(await echo({}), transactionLinkRefusal);
    const first = await login();
    expect((await echo({ b: true }, bearer(first))).body).toStrictEqual({ received: { b: true } });
    clock.advance(60_000);
    expectRefused(await echo({}, bearer(first)), transactionLinkRefusal);
    const second = await login();
    expect(sb.revokeTokens('transactionlink')).toBe(1);
    expectRefused(await echo({}, bearer(second)), transactionLinkRefusal);
    expect(sb.tokensIssued('transactionlink')).toBe(2);
  });

  it('counts a refresh as an issued token, and echoes null for a body that is not JSON', async () => {
    const { sb, echo } = await setUp();
    const login = (await post(`${sb.urls.transactionlink}/auth/authorize`, sb.credentials.transactionlinkLogin.auth)).body as { refreshToken: string };
    const refreshed = (await post(`${sb.urls.transactionlink}/auth/refresh`, { refreshToken: login.refreshToken })).body as { accessToken: string };
    expect(sb.tokensIssued('transactionlink')).toBe(2);
    const answer = await echo('plain text', { ...bearer(refreshed.accessToken), 'content-type': 'text/plain' });
    expect({ status: answer.status, body: answer.body }).toStrictEqual({ status: 200, body: { received: null } });
  });

  it('a revoked access token is refused by POST /token too', async () => {
    const { sb, login } = await setUp();
    const token = await login();
    sb.revokeTokens('transactionlink');
    const answer = await post(`${sb.urls.transactionlink}/token`, { workflowDefinitionId: '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c' }, bearer(token));
    expect(answer.status).toBe(401);
  });
});
