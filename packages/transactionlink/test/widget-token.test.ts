/**
 * createWidgetToken with an organization token, against a real server on
 * 127.0.0.1: the exact request of each version, the IssuedToken returned (on an
 * injected clock), no caching, and how refusals become errors.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, VersionNotSupportedError } from '../src/index';
import {
  ORG_TOKEN,
  START,
  caseId,
  parametersId,
  recordId,
  rejectionOf,
  startFakeTransactionLink,
  widgetToken,
  workflowDefinitionId,
} from './support/fake-transactionlink';

const auth = { token: ORG_TOKEN };

describe('createWidgetToken, version 2 (the default)', () => {
  it('sends POST /token with the v2 media type as Content-Type and Accept, the Bearer token and exactly the v2 body', async () => {
    const tl = await startFakeTransactionLink();
    await tl.client({ auth }).createWidgetToken({ workflowDefinitionId, recordId, parametersId });
    expect(tl.requests).toHaveLength(1);
    const sent = tl.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/token');
    expect(sent.headers['authorization']).toBe(`Bearer ${ORG_TOKEN}`);
    expect(sent.headers['content-type']).toBe('application/json;version=2');
    expect(sent.headers['accept']).toBe('application/json;version=2');
    expect(JSON.parse(sent.body)).toEqual({ workflowDefinitionId, recordId, parametersId });
  });

  it('sends only workflowDefinitionId when nothing else is given', async () => {
    const tl = await startFakeTransactionLink();
    await tl.client({ auth }).createWidgetToken({ version: 2, workflowDefinitionId });
    expect(tl.requests[0]!.body).toBe(JSON.stringify({ workflowDefinitionId }));
  });

  it('returns the IssuedToken with id; expiresAt = time of the answer + expiryDuration', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => {
      tl.now += 7_000; // the answer arrives 7 s after the call started
      return {
        status: 201,
        headers: { 'content-type': 'application/json; version="2"; charset=utf-8' },
        body: { id: 'wt_42', token: 'widget_token_v2_abcdef', expiryDuration: 1800, tokenType: 'Bearer' },
      };
    });
    const issued = await tl.client({ auth }).createWidgetToken({ workflowDefinitionId });
    expect(issued).toEqual({
      id: 'wt_42',
      token: 'widget_token_v2_abcdef',
      tokenType: 'Bearer',
      expiresAt: new Date('2026-03-01T12:30:07.000Z'),
      raw: { id: 'wt_42', token: 'widget_token_v2_abcdef', expiryDuration: 1800, tokenType: 'Bearer' },
    });
    expect(issued.expiresAt.getTime()).toBe(START + 7_000 + 1_800_000);
  });

  it('takes tokenType from the answer', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => ({ status: 201, body: { id: 'wt_1', token: 'widget_token_pop_123', expiryDuration: 60, tokenType: 'PoP' } }));
    const issued = await tl.client({ auth }).createWidgetToken({ workflowDefinitionId });
    expect(issued.tokenType).toBe('PoP');
    expect(issued.expiresAt.toISOString()).toBe('2026-03-01T12:01:00.000Z');
  });

  it('accepts uuids in upper case', async () => {
    const tl = await startFakeTransactionLink();
    const upper = workflowDefinitionId.toUpperCase();
    await tl.client({ auth }).createWidgetToken({ workflowDefinitionId: upper, recordId: recordId.toUpperCase() });
    expect(JSON.parse(tl.requests[0]!.body)).toEqual({ workflowDefinitionId: upper, recordId: recordId.toUpperCase() });
  });
});

describe('createWidgetToken, version 1 (deprecated)', () => {
  it('sends POST /token with plain application/json, the Bearer token and exactly the v1 body', async () => {
    const tl = await startFakeTransactionLink();
    await tl.client({ auth }).createWidgetToken({ version: 1, caseId, workflowDefinitionId, parametersId, lang: 'en' });
    expect(tl.requests).toHaveLength(1);
    const sent = tl.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/token');
    expect(sent.headers['authorization']).toBe(`Bearer ${ORG_TOKEN}`);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['accept']).toBe('application/json');
    expect(JSON.parse(sent.body)).toEqual({ caseId, workflowDefinitionId, parametersId, lang: 'en' });
  });

  it('takes any non-empty workflowDefinitionId (v1 declares no uuid format)', async () => {
    const tl = await startFakeTransactionLink();
    await tl.client({ auth }).createWidgetToken({ version: 1, caseId, workflowDefinitionId: 'onboarding-v3' });
    expect(JSON.parse(tl.requests[0]!.body)).toEqual({ caseId, workflowDefinitionId: 'onboarding-v3' });
  });

  it('returns the IssuedToken without id', async () => {
    const tl = await startFakeTransactionLink();
    const issued = await tl.client({ auth }).createWidgetToken({ version: 1, caseId, workflowDefinitionId });
    expect(issued).toEqual({
      token: widgetToken(1),
      tokenType: 'Bearer',
      expiresAt: new Date('2026-03-01T13:00:00.000Z'),
      raw: { token: widgetToken(1), expiryDuration: 3600, tokenType: 'Bearer' },
    });
    expect('id' in issued).toBe(false);
  });
});

describe('widget tokens are one-time', () => {
  it('two calls make two /token requests and return two tokens', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth });
    const first = await client.createWidgetToken({ workflowDefinitionId });
    const second = await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.calls()).toEqual(['POST /token', 'POST /token']);
    expect([first.token, second.token]).toEqual([widgetToken(1), widgetToken(2)]);
  });
});

describe('refusals', () => {
  const errorResponse = { fingerprint: 'fp-7d1e2c', errors: [{ code: 'CASE_NOT_FOUND', message: 'Case not found' }] };

  it.each([400, 404])('an ErrorResponse with %i becomes an ApiError: code errors[0].code, its message, the body, the fingerprint as requestId', async (status) => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => ({ status, body: errorResponse }));
    const error = (await rejectionOf(tl.client({ auth }).createWidgetToken({ version: 1, caseId, workflowDefinitionId }))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.provider).toBe('transactionlink');
    expect(error.status).toBe(status);
    expect(error.code).toBe('CASE_NOT_FOUND');
    expect(error.message).toBe(`transactionlink: HTTP ${status} CASE_NOT_FOUND: Case not found`);
    expect(error.body).toEqual(errorResponse);
    expect(error.requestId).toBe('fp-7d1e2c');
  });

  it('a request-id header wins over the fingerprint', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => ({ status: 400, headers: { 'x-request-id': 'req-99' }, body: errorResponse }));
    const error = (await rejectionOf(tl.client({ auth }).createWidgetToken({ workflowDefinitionId }))) as ApiError;
    expect(error.requestId).toBe('req-99');
  });

  it('tl.api returns the same ApiError, fingerprint as requestId', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => ({ status: 404, body: errorResponse }));
    const { data, error } = await tl.client({ auth }).api.POST('/token', { version: 2, body: { workflowDefinitionId } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.code).toBe('CASE_NOT_FOUND');
    expect(error!.requestId).toBe('fp-7d1e2c');
  });

  it.each([406, 415])('%i becomes a VersionNotSupportedError', async (status) => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => ({ status }));
    const error = (await rejectionOf(tl.client({ auth }).createWidgetToken({ workflowDefinitionId }))) as VersionNotSupportedError;
    expect(error).toBeInstanceOf(VersionNotSupportedError);
    expect(error.status).toBe(status);
    expect(error.requestedMediaType).toBe('application/json;version=2');
  });

  it('a 401 to an organization token is thrown at once: no retry, no login', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => ({ status: 401, body: { fingerprint: 'fp-401', errors: [{ code: 'UNAUTHORIZED', message: 'Invalid token' }] } }));
    const error = (await rejectionOf(tl.client({ auth, maxRetries: 2 }).createWidgetToken({ workflowDefinitionId }))) as ApiError;
    expect(error.status).toBe(401);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(tl.calls()).toEqual(['POST /token']);
  });

  it('a 201 without expiryDuration is an ApiError with the token redacted, not an Invalid Date', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => ({ status: 201, body: { id: 'wt_1', token: 'widget_token_half_baked', tokenType: 'Bearer' } }));
    const error = (await rejectionOf(tl.client({ auth }).createWidgetToken({ workflowDefinitionId }))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(201);
    expect(error.message).toBe('transactionlink: HTTP 201: the answer lacks token, expiryDuration, id');
    // Only the shape of an answer that should have been a token is kept (core's redactTokenAnswer).
    expect(error.body).toEqual({ id: '[REDACTED]', token: '[REDACTED]', tokenType: '[REDACTED]' });
  });

  it('a v2 answer without id is an ApiError', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', () => ({ status: 201, body: { token: 'widget_token_no_id', expiryDuration: 3600, tokenType: 'Bearer' } }));
    const error = (await rejectionOf(tl.client({ auth }).createWidgetToken({ workflowDefinitionId }))) as ApiError;
    expect(error.status).toBe(201);
    expect(error.message).toContain('lacks');
  });
});

describe('retries: every TransactionLink call is safe to repeat', () => {
  it('a 503 to POST /token is retried', async () => {
    const tl = await startFakeTransactionLink();
    const ok = { status: 201, body: { id: 'wt_2', token: widgetToken(2), expiryDuration: 3600, tokenType: 'Bearer' } };
    tl.on('/token', (_, n) => (n === 1 ? { status: 503, body: 'busy' , headers: { 'content-type': 'text/plain' } } : ok));
    const issued = await tl.client({ auth, maxRetries: 1 }).createWidgetToken({ workflowDefinitionId });
    expect(issued.token).toBe(widgetToken(2));
    expect(tl.calls()).toEqual(['POST /token', 'POST /token']);
  });
});

describe('per-call options and tl.api', () => {
  it('an aborted signal rejects with its reason and sends nothing', async () => {
    const tl = await startFakeTransactionLink();
    const controller = new AbortController();
    const reason = new Error('user left');
    controller.abort(reason);
    const error = await rejectionOf(tl.client({ auth }).createWidgetToken({ workflowDefinitionId }, { signal: controller.signal }));
    expect(error).toBe(reason);
    expect(tl.requests).toHaveLength(0);
  });

  it('per-call headers are sent alongside', async () => {
    const tl = await startFakeTransactionLink();
    await tl.client({ auth }).createWidgetToken({ workflowDefinitionId }, { headers: { 'x-trace': 'trace-1' } });
    expect(tl.requests[0]!.headers['x-trace']).toBe('trace-1');
  });

  it('tl.api adds the Bearer header to every call, keeps the client headers and replaces a client Authorization', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth, headers: { 'x-team': 'growth', Authorization: 'Basic ignored' } });
    const { data } = await client.api.POST('/token', { body: { caseId, workflowDefinitionId } });
    expect(data).toEqual({ token: widgetToken(1), expiryDuration: 3600, tokenType: 'Bearer' });
    const sent = tl.requests[0]!;
    expect(sent.headers['authorization']).toBe(`Bearer ${ORG_TOKEN}`);
    expect(sent.headers['x-team']).toBe('growth');
  });

  it('client headers given as a function are called per call', async () => {
    const tl = await startFakeTransactionLink();
    let n = 0;
    const client = tl.client({ auth, headers: () => ({ 'x-call': String(++n) }) });
    await client.createWidgetToken({ workflowDefinitionId });
    await client.createWidgetToken({ workflowDefinitionId });
    expect(tl.requests.map((request) => request.headers['x-call'])).toEqual(['1', '2']);
    expect(tl.requests.map((request) => request.headers['authorization'])).toEqual([`Bearer ${ORG_TOKEN}`, `Bearer ${ORG_TOKEN}`]);
  });
});

describe('the guesses, as options', () => {
  it('auth.scheme changes the Authorization scheme of the organization token; an empty one sends the token alone', async () => {
    const tl = await startFakeTransactionLink();
    await tl.client({ auth: { token: ORG_TOKEN, scheme: 'Token' } }).createWidgetToken({ workflowDefinitionId });
    await tl.client({ auth: { token: ORG_TOKEN, scheme: '' } }).createWidgetToken({ workflowDefinitionId });
    expect(tl.requests.map((request) => request.headers['authorization'])).toEqual([`Token ${ORG_TOKEN}`, ORG_TOKEN]);
  });

  it('versionedContentType: false sends Content-Type: application/json with the versioned Accept', async () => {
    const tl = await startFakeTransactionLink();
    const issued = await tl.client({ auth, versionedContentType: false }).createWidgetToken({ workflowDefinitionId, recordId });
    const sent = tl.requests[0]!;
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['accept']).toBe('application/json;version=2');
    expect(sent.headers['authorization']).toBe(`Bearer ${ORG_TOKEN}`);
    expect(JSON.parse(sent.body)).toEqual({ workflowDefinitionId, recordId });
    expect(issued.id).toBe('wt_1');
  });

  it('versionedContentType: false goes through a custom fetch', async () => {
    const tl = await startFakeTransactionLink();
    const seen: string[] = [];
    const client = tl.client({
      auth,
      versionedContentType: false,
      fetch: (url, init) => {
        seen.push(String(url.headers.get('content-type')));
        return fetch(url, init);
      },
    });
    await client.createWidgetToken({ workflowDefinitionId });
    expect(seen).toEqual(['application/json']);
    expect(tl.requests).toHaveLength(1);
  });
});

it('defaults to https://api.transactionlink.io', async () => {
  const { createTransactionLinkClient, TRANSACTIONLINK_BASE_URL } = await import('../src/index');
  expect(TRANSACTIONLINK_BASE_URL).toBe('https://api.transactionlink.io');
  const urls: string[] = [];
  const client = createTransactionLinkClient({
    auth,
    fetch: async (url) => {
      urls.push(url.url);
      return new Response(JSON.stringify({ id: 'wt', token: 'widget_token_default', expiryDuration: 3600, tokenType: 'Bearer' }), {
        status: 201,
        headers: { 'content-type': 'application/json;version=2' },
      });
    },
  });
  await client.createWidgetToken({ workflowDefinitionId });
  expect(urls).toEqual(['https://api.transactionlink.io/token']);
});
