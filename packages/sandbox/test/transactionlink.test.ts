/**
 * The TransactionLink sandbox over real HTTP with plain fetch: POST /token in v1
 * and v2 (negotiated by Accept / Content-Type), organization-token and
 * key/secret auth with single-use refresh tokens, and every refusal with its
 * status and ErrorResponse body.
 */
import { describe, expect, it } from 'vitest';
import { START_MS, UUID, decodeJwt, post, requestIdOf, sandbox, type Answer } from './support/sandbox';

const WORKFLOW = '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c';
const CASE = '11111111-2222-3333-4444-555555555555';
const RECORD = 'a6f3c8de-4f2b-4d7e-9a55-3c2f1e0b9d17';
const V2 = 'application/json;version=2';
const iat = START_MS / 1000;

/** Asserts a TransactionLink ErrorResponse: `{ fingerprint, errors: [{ code, message }] }`, exactly. */
function expectErrorResponse(answer: Answer, status: number, errors: { code: string; message: string }[]): void {
  expect({ status: answer.status, body: answer.body }).toStrictEqual({
    status,
    body: { fingerprint: expect.stringMatching(UUID), errors },
  });
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  requestIdOf(answer);
}

async function withToken() {
  const { sb, clock } = await sandbox();
  const bearer = { authorization: `Bearer ${sb.credentials.transactionlink.auth.token}` };
  const token = (body: unknown, headers: Record<string, string> = {}) => post(`${sb.urls.transactionlink}/token`, body, { ...bearer, ...headers });
  return { sb, clock, bearer, token };
}

/** Asserts a 201 v1 answer and returns the decoded widget token. */
function expectV1(answer: Answer) {
  expect(answer.status).toBe(201);
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.body).toStrictEqual({ token: expect.any(String), expiryDuration: 3600, tokenType: 'Bearer' });
  requestIdOf(answer);
  return decodeJwt((answer.body as { token: string }).token);
}

/** Asserts a 201 v2 answer (with `id`) and returns the decoded widget token. */
function expectV2(answer: Answer) {
  expect(answer.status).toBe(201);
  expect(answer.headers.get('content-type')).toBe('application/json;version=2');
  expect(answer.body).toStrictEqual({ id: expect.stringMatching(UUID), token: expect.any(String), expiryDuration: 3600, tokenType: 'Bearer' });
  requestIdOf(answer);
  return decodeJwt((answer.body as { token: string }).token);
}

describe('TransactionLink POST /token, v1 (application/json)', () => {
  it('answers 201 WorkflowTokenDto (no id) with an RS512 JWT whose iat/exp match expiryDuration', async () => {
    const { token } = await withToken();
    const jwt = expectV1(await token({ caseId: CASE, workflowDefinitionId: WORKFLOW, parametersId: 'p-1', lang: 'en' }));
    expect(jwt.header).toStrictEqual({ alg: 'RS512', typ: 'JWT' });
    expect(jwt.signature).toHaveLength(256); // RSA-2048 signature
    expect(jwt.claims).toStrictEqual({
      customerId: expect.stringMatching(UUID),
      partyId: WORKFLOW,
      workspaceId: expect.stringMatching(UUID),
      caseId: CASE,
      iat,
      exp: iat + 3600,
    });
  });

  it('serves v1 for Accept application/json;version=1 and for Accept */* (the default)', async () => {
    const { token } = await withToken();
    expectV1(await token({ caseId: CASE, workflowDefinitionId: WORKFLOW }, { accept: 'application/json;version=1' }));
    expectV1(await token({ caseId: CASE, workflowDefinitionId: WORKFLOW }, { accept: '*/*' }));
    expectV1(await token({ caseId: CASE, workflowDefinitionId: WORKFLOW }, { accept: 'application/json', 'content-type': 'application/json;version=1' }));
  });

  it('makes a new token on every call (widget tokens are one-time)', async () => {
    const { token } = await withToken();
    const first = await token({ caseId: CASE, workflowDefinitionId: WORKFLOW });
    const second = await token({ caseId: CASE, workflowDefinitionId: WORKFLOW });
    expect((first.body as { token: string }).token).not.toBe((second.body as { token: string }).token);
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });

  it('refuses a v1 body without caseId: 400 VALIDATION_ERROR', async () => {
    const { token } = await withToken();
    expectErrorResponse(await token({ workflowDefinitionId: WORKFLOW }), 400, [{ code: 'VALIDATION_ERROR', message: 'body.caseId is required' }]);
  });

  it('refuses a caseId that is not a uuid and an empty body, listing every problem', async () => {
    const { token } = await withToken();
    expectErrorResponse(await token({ caseId: 'case-1', workflowDefinitionId: WORKFLOW }), 400, [
      { code: 'VALIDATION_ERROR', message: 'body.caseId must match format "uuid"' },
    ]);
    expectErrorResponse(await token({}), 400, [
      { code: 'VALIDATION_ERROR', message: 'body.caseId is required' },
      { code: 'VALIDATION_ERROR', message: 'body.workflowDefinitionId is required' },
    ]);
  });

  it('reads a v2 body sent without a version as v1: 400 for the missing caseId', async () => {
    const { token } = await withToken();
    expectErrorResponse(await token({ workflowDefinitionId: WORKFLOW, recordId: RECORD }), 400, [
      { code: 'VALIDATION_ERROR', message: 'body.caseId is required' },
    ]);
  });

  it('answers 404 CASE_NOT_FOUND for the missing-id fixture as caseId', async () => {
    const { sb, token } = await withToken();
    expectErrorResponse(await token({ caseId: sb.fixtures.transactionlinkMissingId, workflowDefinitionId: WORKFLOW }), 404, [
      { code: 'CASE_NOT_FOUND', message: 'Case not found' },
    ]);
  });
});

describe('TransactionLink POST /token, v2 (application/json;version=2)', () => {
  it('serves v2 for a versioned Accept with a plain Content-Type (the official examples): 201 with id', async () => {
    const { token } = await withToken();
    const jwt = expectV2(await token({ workflowDefinitionId: WORKFLOW, recordId: RECORD, parametersId: RECORD }, { accept: V2 }));
    expect(jwt.header).toStrictEqual({ alg: 'RS512', typ: 'JWT' });
    expect(jwt.signature).toHaveLength(256);
    expect(jwt.claims).toStrictEqual({
      customerId: expect.stringMatching(UUID),
      partyId: WORKFLOW,
      workspaceId: expect.stringMatching(UUID),
      recordId: RECORD,
      iat,
      exp: iat + 3600,
    });
  });

  it('serves v2 for the versioned type as both Content-Type and Accept, and without recordId', async () => {
    const { token } = await withToken();
    const jwt = expectV2(await token({ workflowDefinitionId: WORKFLOW }, { accept: V2, 'content-type': V2 }));
    expect(jwt.claims).toStrictEqual({
      customerId: expect.stringMatching(UUID),
      partyId: WORKFLOW,
      workspaceId: expect.stringMatching(UUID),
      iat,
      exp: iat + 3600,
    });
  });

  it.each([
    ['spaces and quotes', 'application/json; version="2"'],
    ['a charset too', 'application/json;version=2;charset=utf-8'],
    ['upper-case names', 'Application/JSON; Version=2'],
  ])('parses the media type rather than matching text (%s)', async (_, mediaType) => {
    const { token } = await withToken();
    expectV2(await token({ workflowDefinitionId: WORKFLOW }, { accept: mediaType, 'content-type': mediaType }));
  });

  it('takes the version from Content-Type when Accept names none', async () => {
    const { token } = await withToken();
    expectV2(await token({ workflowDefinitionId: WORKFLOW }, { 'content-type': V2 }));
  });

  it('refuses a workflowDefinitionId that is not a uuid (v2 declares the format, v1 does not)', async () => {
    const { token } = await withToken();
    expectErrorResponse(await token({ workflowDefinitionId: 'wf-1' }, { accept: V2 }), 400, [
      { code: 'VALIDATION_ERROR', message: 'body.workflowDefinitionId must match format "uuid"' },
    ]);
    expectV1(await token({ caseId: CASE, workflowDefinitionId: 'wf-1' }));
  });

  it('refuses a recordId that is not a uuid and a missing workflowDefinitionId', async () => {
    const { token } = await withToken();
    expectErrorResponse(await token({ recordId: 'r-1' }, { accept: V2 }), 400, [
      { code: 'VALIDATION_ERROR', message: 'body.workflowDefinitionId is required' },
      { code: 'VALIDATION_ERROR', message: 'body.recordId must match format "uuid"' },
    ]);
  });

  it('answers 404 RECORD_NOT_FOUND for the missing-id fixture as recordId', async () => {
    const { sb, token } = await withToken();
    expectErrorResponse(await token({ workflowDefinitionId: WORKFLOW, recordId: sb.fixtures.transactionlinkMissingId }, { accept: V2 }), 404, [
      { code: 'RECORD_NOT_FOUND', message: 'Record not found' },
    ]);
  });
});

describe('TransactionLink version negotiation refusals', () => {
  it('answers 406 VERSION_NOT_SUPPORTED for version 3, in Accept or in Content-Type', async () => {
    const { token } = await withToken();
    const refusal = [{ code: 'VERSION_NOT_SUPPORTED', message: 'Version 3 of POST /token is not served; use 1 or 2' }];
    expectErrorResponse(await token({ workflowDefinitionId: WORKFLOW }, { accept: 'application/json;version=3' }), 406, refusal);
    expectErrorResponse(
      await token({ workflowDefinitionId: WORKFLOW }, { accept: 'application/json;version=3', 'content-type': 'application/json;version=3' }),
      406,
      refusal,
    );
    expectErrorResponse(await token({ workflowDefinitionId: WORKFLOW }, { 'content-type': 'application/json;version=3' }), 406, refusal);
  });

  it('answers 406 for a version that is not a number', async () => {
    const { token } = await withToken();
    expectErrorResponse(await token({ workflowDefinitionId: WORKFLOW }, { accept: 'application/json;version=two' }), 406, [
      { code: 'VERSION_NOT_SUPPORTED', message: 'Version ? of POST /token is not served; use 1 or 2' },
    ]);
  });

  it('answers 415 when the Content-Type version is not the Accept version', async () => {
    const { token } = await withToken();
    expectErrorResponse(await token({ workflowDefinitionId: WORKFLOW }, { accept: 'application/json;version=1', 'content-type': V2 }), 415, [
      { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type version 2 does not match the requested version 1' },
    ]);
    expectErrorResponse(await token({ caseId: CASE, workflowDefinitionId: WORKFLOW }, { accept: V2, 'content-type': 'application/json;version=1' }), 415, [
      { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type version 1 does not match the requested version 2' },
    ]);
  });

  it('answers 415 for a body that is not JSON by its Content-Type', async () => {
    const { token } = await withToken();
    const refusal = [{ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type must be application/json' }];
    expectErrorResponse(await token(JSON.stringify({ caseId: CASE, workflowDefinitionId: WORKFLOW }), { 'content-type': 'text/plain' }), 415, refusal);
    expectErrorResponse(
      await token(`caseId=${CASE}&workflowDefinitionId=${WORKFLOW}`, { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      refusal,
    );
  });

  it('answers 400 MALFORMED_JSON for a body that does not parse, in v1 and v2', async () => {
    const { token } = await withToken();
    const refusal = [{ code: 'MALFORMED_JSON', message: 'The body is not valid JSON' }];
    expectErrorResponse(await token('{"caseId": '), 400, refusal);
    expectErrorResponse(await token("{'workflowDefinitionId': 1}", { accept: V2, 'content-type': V2 }), 400, refusal);
    expectErrorResponse(await token(''), 400, refusal);
  });
});

describe('TransactionLink bearer authentication', () => {
  const unauthorized = [{ code: 'UNAUTHORIZED', message: 'Missing or invalid bearer token' }];

  it('answers 401 without Authorization, with an unknown token, and with another scheme', async () => {
    const { sb } = await withToken();
    const url = `${sb.urls.transactionlink}/token`;
    const body = { caseId: CASE, workflowDefinitionId: WORKFLOW };
    expectErrorResponse(await post(url, body), 401, unauthorized);
    expectErrorResponse(await post(url, body, { authorization: 'Bearer tot_not-the-token' }), 401, unauthorized);
    expectErrorResponse(await post(url, body, { authorization: `Basic ${sb.credentials.transactionlink.auth.token}` }), 401, unauthorized);
    expectErrorResponse(await post(url, body, { authorization: 'Bearer' }), 401, unauthorized);
    expectErrorResponse(await post(url, body, { authorization: sb.credentials.transactionlink.auth.token }), 401, unauthorized);
  });

  it('checks the bearer before the version and the body', async () => {
    const { sb } = await withToken();
    const url = `${sb.urls.transactionlink}/token`;
    expectErrorResponse(await post(url, '{', { accept: 'application/json;version=3' }), 401, unauthorized);
  });

  it('takes the scheme name case-insensitively', async () => {
    const { sb, token } = await withToken();
    expectV1(await token({ caseId: CASE, workflowDefinitionId: WORKFLOW }, { authorization: `bearer ${sb.credentials.transactionlink.auth.token}` }));
  });

  it('hands out a tot_ organization token by default and accepts the one given in options', async () => {
    const { sb: random } = await sandbox();
    expect(random.credentials.transactionlink.auth.token).toMatch(/^tot_[0-9a-f]{48}$/);
    const { sb } = await sandbox({ credentials: { transactionlink: { auth: { token: 'tot_mine' } } } });
    expect(sb.credentials.transactionlink.auth.token).toBe('tot_mine');
    expectV1(await post(`${sb.urls.transactionlink}/token`, { caseId: CASE, workflowDefinitionId: WORKFLOW }, { authorization: 'Bearer tot_mine' }));
    expectErrorResponse(
      await post(`${sb.urls.transactionlink}/token`, { caseId: CASE, workflowDefinitionId: WORKFLOW }, { authorization: `Bearer ${random.credentials.transactionlink.auth.token}` }),
      401,
      unauthorized,
    );
  });
});

describe('TransactionLink key/secret login (deprecated) with refresh', () => {
  async function login(options: Parameters<typeof sandbox>[0] = {}) {
    const { sb, clock } = await sandbox(options);
    const base = sb.urls.transactionlink;
    const authorize = (body: unknown, headers: Record<string, string> = {}) => post(`${base}/auth/authorize`, body, headers);
    const refresh = (body: unknown) => post(`${base}/auth/refresh`, body);
    const token = (accessToken: string) =>
      post(`${base}/token`, { workflowDefinitionId: WORKFLOW }, { authorization: `Bearer ${accessToken}`, accept: V2 });
    return { sb, clock, authorize, refresh, token, ...sb.credentials.transactionlinkLogin.auth };
  }

  function expectLogin(answer: Answer, expiryDuration = 3600): { accessToken: string; refreshToken: string } {
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({
      accessToken: expect.stringMatching(/^tla_[0-9a-f]{48}$/),
      refreshToken: expect.stringMatching(/^tlr_[0-9a-f]{48}$/),
      expiryDuration,
      tokenType: 'Bearer',
    });
    requestIdOf(answer);
    return answer.body as { accessToken: string; refreshToken: string };
  }

  it('logs in with key and secret; the access token authorizes POST /token', async () => {
    const { authorize, token, key, secret } = await login();
    const { accessToken } = expectLogin(await authorize({ key, secret }));
    expectV2(await token(accessToken));
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong secret or key', async () => {
    const { authorize, key, secret } = await login();
    const refusal = [{ code: 'INVALID_CREDENTIALS', message: 'Invalid key or secret' }];
    expectErrorResponse(await authorize({ key, secret: `${secret}x` }), 401, refusal);
    expectErrorResponse(await authorize({ key: 'key_other', secret }), 401, refusal);
  });

  it('answers 400 for a login body without secret or with an empty key, 415 for a non-JSON body, 400 for malformed JSON', async () => {
    const { authorize, key, secret } = await login();
    expectErrorResponse(await authorize({ key }), 400, [{ code: 'VALIDATION_ERROR', message: 'body.secret is required' }]);
    expectErrorResponse(await authorize({ key: '', secret }), 400, [{ code: 'VALIDATION_ERROR', message: 'body.key must NOT have fewer than 1 characters' }]);
    expectErrorResponse(await authorize(`key=${key}&secret=${secret}`, { 'content-type': 'application/x-www-form-urlencoded' }), 415, [
      { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type must be application/json' },
    ]);
    expectErrorResponse(await authorize('{"key":'), 400, [{ code: 'MALFORMED_JSON', message: 'The body is not valid JSON' }]);
  });

  it('refuses the access token once it expires (expiryDuration later), not a millisecond before', async () => {
    const { clock, authorize, token, key, secret } = await login();
    const { accessToken } = expectLogin(await authorize({ key, secret }));
    clock.advance(3600_000 - 1);
    expectV2(await token(accessToken));
    clock.advance(1);
    expectErrorResponse(await token(accessToken), 401, [{ code: 'UNAUTHORIZED', message: 'Missing or invalid bearer token' }]);
  });

  it('honours settings.transactionlinkAccessTokenSeconds', async () => {
    const { clock, authorize, token, key, secret } = await login({ settings: { transactionlinkAccessTokenSeconds: 60 } });
    const { accessToken } = expectLogin(await authorize({ key, secret }), 60);
    clock.advance(59_999);
    expectV2(await token(accessToken));
    clock.advance(1);
    expect((await token(accessToken)).status).toBe(401);
  });

  it('refreshes with a single-use refresh token: a new pair, and reusing the old refresh token gets 401', async () => {
    const { clock, authorize, refresh, token, key, secret } = await login();
    const first = expectLogin(await authorize({ key, secret }));
    clock.advance(3000_000);
    const second = expectLogin(await refresh({ refreshToken: first.refreshToken }));
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expectV2(await token(second.accessToken));

    const reused = [{ code: 'INVALID_REFRESH_TOKEN', message: 'Unknown or used refresh token' }];
    expectErrorResponse(await refresh({ refreshToken: first.refreshToken }), 401, reused);

    // The refreshed access token lives expiryDuration from the refresh, the first one from the login.
    clock.advance(3000_000);
    expectV2(await token(second.accessToken));
    expect((await token(first.accessToken)).status).toBe(401);

    // The new refresh token works once too.
    expectLogin(await refresh({ refreshToken: second.refreshToken }));
    expectErrorResponse(await refresh({ refreshToken: second.refreshToken }), 401, reused);
  });

  it('does not take an access token as a refresh token, nor a refresh token as a bearer', async () => {
    const { authorize, refresh, token, key, secret } = await login();
    const { accessToken, refreshToken } = expectLogin(await authorize({ key, secret }));
    expectErrorResponse(await refresh({ refreshToken: accessToken }), 401, [{ code: 'INVALID_REFRESH_TOKEN', message: 'Unknown or used refresh token' }]);
    expectErrorResponse(await token(refreshToken), 401, [{ code: 'UNAUTHORIZED', message: 'Missing or invalid bearer token' }]);
    // The refused attempt did not use up the real refresh token.
    expectLogin(await refresh({ refreshToken }));
  });

  it('answers 400 for a refresh body without refreshToken', async () => {
    const { refresh } = await login();
    expectErrorResponse(await refresh({}), 400, [{ code: 'VALIDATION_ERROR', message: 'body.refreshToken is required' }]);
    expectErrorResponse(await refresh({ refreshToken: '' }), 400, [
      { code: 'VALIDATION_ERROR', message: 'body.refreshToken must NOT have fewer than 1 characters' },
    ]);
  });

  it('accepts the key and secret given in options', async () => {
    const { authorize } = await login({ credentials: { transactionlinkLogin: { auth: { key: 'key_mine', secret: 'shh' } } } });
    expectLogin(await authorize({ key: 'key_mine', secret: 'shh' }));
  });
});
