/**
 * getToken against a real server on 127.0.0.1: the exact request (method, path,
 * headers, signed body), the FinpayToken returned, Finpay's refusals (HTTP 200
 * with another statusCode), unusable answers, retries, signal and timeout.
 */
import type { RecordedRequest } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, FINPAY_DEVELOPMENT_BASE_URL, TimeoutError, TokensError, VersionNotSupportedError, createFinpayClient } from '../src/index';
import {
  BASIC,
  CREDENTIALS,
  SAMPLE_EXPIRES_AT,
  SAMPLE_REQ_DTIME,
  SAMPLE_SIGNATURE,
  SAMPLE_TRANS_NUMBER,
  bodyOf,
  expectedSignature,
  finpay,
  rejectionOf,
  success,
  testClock,
  tokenServer,
} from './support';

describe('the getToken request', () => {
  it('is POST <baseUrl>/security/getToken with Basic auth, JSON and the signed body of the sample request', async () => {
    const server = await tokenServer();
    const { clock } = testClock();
    const token = await finpay(server, clock).getToken({ transNumber: SAMPLE_TRANS_NUMBER });

    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/apicobrand/security/getToken');
    expect(sent.headers['authorization']).toBe(BASIC);
    expect(sent.headers['authorization']).toBe('Basic bWVyY2hhbnQtNzpwd19TRUNSRVRfcMOkc3N3w7ZyZF8zMTMzNw==');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['accept']).toBe('application/json');
    expect(sent.body).toBe(
      JSON.stringify({ reqDtime: SAMPLE_REQ_DTIME, requestType: 'getToken', transNumber: SAMPLE_TRANS_NUMBER, signature: SAMPLE_SIGNATURE }),
    );

    expect(token).toEqual({
      token: 'token-1',
      tokenType: 'tokenID',
      expiresAt: new Date(SAMPLE_EXPIRES_AT),
      raw: { statusCode: '000', statusDesc: 'Berhasil', tokenID: 'token-1', tokenExpiry: '24-AUG-24 16:23:30', processingTime: 0.119 },
      transNumber: SAMPLE_TRANS_NUMBER,
    });
    expect(token.expiresAt.toISOString()).toBe('2024-08-24T09:23:30.000Z');
  });

  it('signs with the lowercase hex key when keyHexCase is lower', async () => {
    const server = await tokenServer();
    await finpay(server, testClock().clock, { keyHexCase: 'lower' }).getToken({ transNumber: SAMPLE_TRANS_NUMBER });
    expect(bodyOf(server.requests[0]).signature).toBe('552D3E68A4A06F67B1A3AAEFF1ABE81F19FF0B74F555BA9D8B087B82BBC975CB');
  });

  it('writes reqDtime as the clock’s time in GMT+7 (here the next day in Jakarta)', async () => {
    const server = await tokenServer();
    await finpay(server, testClock(Date.UTC(2024, 7, 21, 20, 5, 9)).clock).getToken();
    expect(bodyOf(server.requests[0]).reqDtime).toBe('20240822030509');
  });

  it('generates an alphanumeric transNumber when none is given, signs it, and reports it on the token', async () => {
    const server = await tokenServer();
    const token = await finpay(server, testClock().clock).getToken();
    const body = bodyOf(server.requests[0]);
    expect(Object.keys(body)).toEqual(['reqDtime', 'requestType', 'transNumber', 'signature']);
    expect(body.transNumber).toMatch(/^TKN20240821142750[0-9A-F]{20}$/);
    expect(body.signature).toBe(expectedSignature(body, CREDENTIALS.secretKey));
    expect(token.transNumber).toBe(body.transNumber);
  });

  it('sends a different transNumber with each of 200 requests', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock);
    for (let i = 0; i < 200; i++) await client.getToken({ forceRefresh: true });
    const numbers = server.requests.map((request) => bodyOf(request).transNumber);
    expect(new Set(numbers).size).toBe(200);
    for (const number of numbers) expect(number).toMatch(/^[A-Za-z0-9]{1,100}$/);
  });

  it('accepts a transNumber of 100 letters and digits', async () => {
    const server = await tokenServer();
    const transNumber = 'aZ09'.repeat(25);
    await finpay(server, testClock().clock).getToken({ transNumber });
    expect(bodyOf(server.requests[0]).transNumber).toBe(transNumber);
  });

  it('keeps the client’s own headers, but sends its Basic credentials as the only Authorization', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock, { headers: { 'x-merchant-trace': 'abc', authorization: 'Bearer other' } });
    await client.getToken();
    expect(server.requests[0]!.headers['x-merchant-trace']).toBe('abc');
    expect(server.requests[0]!.headers['authorization']).toBe(BASIC);
  });

  it('takes the client’s headers from a function too', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock, { headers: async () => ({ 'x-merchant-trace': 'from-fn', Authorization: 'x' }) });
    await client.getToken();
    expect(server.requests[0]!.headers['x-merchant-trace']).toBe('from-fn');
    expect(server.requests[0]!.headers['authorization']).toBe(BASIC);
  });

  it('gives client.api the Basic credentials as well', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock);
    const body = { reqDtime: SAMPLE_REQ_DTIME, requestType: 'getToken' as const, transNumber: SAMPLE_TRANS_NUMBER, signature: SAMPLE_SIGNATURE };
    const { data } = await client.api.POST('/security/getToken', { body });
    expect(data?.tokenID).toBe('token-1');
    expect(server.requests[0]!.headers['authorization']).toBe(BASIC);
    expect(JSON.parse(server.requests[0]!.body)).toEqual(body);
  });

  it('defaults to Finpay’s development host', () => {
    expect(FINPAY_DEVELOPMENT_BASE_URL).toBe('https://demos.finnet.co.id/apicobrand');
  });

  it('sends to the development host when no baseUrl is given (seen through a custom fetch, nothing leaves the machine)', async () => {
    const urls: string[] = [];
    const client = createFinpayClient({
      ...CREDENTIALS,
      clock: testClock().clock,
      fetch: async (input) => {
        urls.push(input.url);
        return new Response(JSON.stringify(success(1).body), { headers: { 'content-type': 'application/json' } });
      },
    });
    await client.getToken();
    expect(urls).toEqual(['https://demos.finnet.co.id/apicobrand/security/getToken']);
  });
});

describe('Finpay’s refusals and unusable answers', () => {
  it('throws an ApiError for a statusCode other than "000" on HTTP 200: status 200, code, message from statusDesc', async () => {
    const server = await tokenServer(() => ({
      status: 200,
      headers: { 'x-request-id': 'req-77' },
      body: { statusCode: '005', statusDesc: 'Signature tidak valid', processingTime: 0.01 },
    }));
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken())) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(TokensError);
    expect(error.provider).toBe('finpay');
    expect(error.status).toBe(200);
    expect(error.code).toBe('005');
    expect(error.message).toBe('finpay: HTTP 200 005: Signature tidak valid');
    expect(error.body).toEqual({ statusCode: '005', statusDesc: 'Signature tidak valid', processingTime: 0.01 });
    expect(error.requestId).toBe('req-77');
    expect(server.requests).toHaveLength(1);
  });

  it('says so when a refusal has no statusDesc, and when there is no statusCode at all', async () => {
    const server = await tokenServer((n) => ({ status: 200, body: n === 1 ? { statusCode: '099' } : { hello: 'world' } }));
    const client = finpay(server, testClock().clock);
    const first = (await rejectionOf(client.getToken())) as ApiError;
    expect(first.message).toBe('finpay: HTTP 200 099: statusCode is not "000" (success)');
    expect(first.code).toBe('099');
    const second = (await rejectionOf(client.getToken())) as ApiError;
    expect(second.message).toBe('finpay: HTTP 200: statusCode is not "000" (success)');
    expect(second.code).toBeUndefined();
  });

  it('refuses a numeric statusCode 0: only the text "000" is success', async () => {
    const server = await tokenServer(() => ({ status: 200, body: { statusCode: 0, statusDesc: 'odd', tokenID: 't', tokenExpiry: '24-AUG-24 16:23:30' } }));
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken())) as ApiError;
    expect(error.code).toBe('0');
    expect(error.message).toBe('finpay: HTTP 200 0: odd');
  });

  it.each([
    ['a tokenExpiry in another format', '2024-08-24T16:23:30Z', 'finpay: HTTP 200: answered tokenExpiry "2024-08-24T16:23:30Z"; expected DD-MMM-YY HH24:MI:SS, e.g. 24-AUG-24 16:23:30'],
    ['an impossible tokenExpiry', '31-FEB-24 10:00:00', 'finpay: HTTP 200: answered tokenExpiry "31-FEB-24 10:00:00"; expected DD-MMM-YY HH24:MI:SS, e.g. 24-AUG-24 16:23:30'],
    ['a numeric tokenExpiry', 1724491410, 'finpay: HTTP 200: answered tokenExpiry 1724491410; expected DD-MMM-YY HH24:MI:SS, e.g. 24-AUG-24 16:23:30'],
    ['no tokenExpiry', undefined, 'finpay: HTTP 200: answered no tokenExpiry; expected DD-MMM-YY HH24:MI:SS, e.g. 24-AUG-24 16:23:30'],
  ])('throws a clear ApiError naming the field and format for %s, without the token', async (_, tokenExpiry, message) => {
    const tokenID = 'tok_SECRET_issued_token_4242';
    const server = await tokenServer(() => ({ status: 200, body: { statusCode: '000', statusDesc: 'Berhasil', tokenID, tokenExpiry } }));
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken())) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(message);
    expect(error.status).toBe(200);
    expect(error.code).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain(tokenID);
    expect(String(error.stack)).not.toContain(tokenID);
  });

  it('throws an ApiError naming tokenID when a "000" answer has none', async () => {
    const server = await tokenServer(() => ({ status: 200, body: { statusCode: '000', statusDesc: 'Berhasil', tokenExpiry: '24-AUG-24 16:23:30' } }));
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken())) as ApiError;
    expect(error.message).toBe('finpay: HTTP 200: answered statusCode "000" (success) without a tokenID');
  });

  it('throws the ApiError of an HTTP error status, with Finpay’s statusCode as its code, and does not retry it', async () => {
    const server = await tokenServer(() => ({ status: 401, body: { statusCode: '401', statusDesc: 'Unauthorized merchant' } }));
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken())) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.code).toBe('401');
    expect(error.body).toEqual({ statusCode: '401', statusDesc: 'Unauthorized merchant' });
    expect(server.requests).toHaveLength(1);
  });

  it('throws an ApiError, not a SyntaxError, for an HTML page answered with 200', async () => {
    const server = await tokenServer(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' }));
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken())) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(200);
    expect(error.message).toBe('finpay: HTTP 200: answered text/html where JSON was asked for');
  });

  it('keeps the class of a VersionNotSupportedError (a 415) while cleaning it', async () => {
    const server = await tokenServer(() => ({ status: 415, body: { statusDesc: 'unsupported' } }));
    const error = await rejectionOf(finpay(server, testClock().clock).getToken());
    expect(error).toBeInstanceOf(VersionNotSupportedError);
  });
});

describe('retries (getToken is not safe to repeat)', () => {
  it('retries a 429 with the very same body (same transNumber, reqDtime and signature), waiting Retry-After', async () => {
    const server = await tokenServer((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '2' }, body: { statusDesc: 'slow down' } } : success(n)));
    const { clock, delays, advance } = testClock();
    const client = finpay(server, { ...clock, sleep: async (ms) => (delays.push(ms), advance(ms)) });
    const token = await client.getToken();
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.body).toBe(server.requests[0]!.body);
    expect(delays).toEqual([2000]);
    expect(token.token).toBe('token-2');
    expect(token.transNumber).toBe(bodyOf(server.requests[0]).transNumber);
  });

  it('retries a 408 too', async () => {
    const server = await tokenServer((n) => (n === 1 ? { status: 408, body: {} } : success(n)));
    expect((await finpay(server, testClock().clock).getToken()).token).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });

  it.each([500, 502, 503])('does not retry a %i: Finpay may have acted on the request', async (status) => {
    const server = await tokenServer(() => ({ status, body: { statusDesc: 'down' } }));
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken())) as ApiError;
    expect(error.status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a refusal on HTTP 200', async () => {
    const server = await tokenServer(() => ({ status: 200, body: { statusCode: '001', statusDesc: 'Duplicate transNumber' } }));
    await rejectionOf(finpay(server, testClock().clock).getToken());
    expect(server.requests).toHaveLength(1);
  });

  it('makes one attempt with maxRetries 0', async () => {
    const server = await tokenServer(() => ({ status: 429, body: {} }));
    const error = (await rejectionOf(finpay(server, testClock().clock, { maxRetries: 0 }).getToken())) as ApiError;
    expect(error.status).toBe(429);
    expect(server.requests).toHaveLength(1);
  });
});

describe('signal and timeoutMs per call', () => {
  /** A server that holds its answers until released. */
  async function heldServer() {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const arrived: RecordedRequest[] = [];
    let signalArrival!: () => void;
    const firstArrival = new Promise<void>((resolve) => (signalArrival = resolve));
    const server = await tokenServer(async (n, request) => {
      arrived.push(request);
      signalArrival();
      await gate;
      return success(n);
    });
    return { server, release, firstArrival };
  }

  it('rejects with the signal’s reason and sends nothing when the signal is already aborted', async () => {
    const server = await tokenServer();
    const controller = new AbortController();
    controller.abort(new Error('changed my mind'));
    const error = await rejectionOf(finpay(server, testClock().clock).getToken({ signal: controller.signal }));
    expect(error).toEqual(new Error('changed my mind'));
    expect(server.requests).toHaveLength(0);
  });

  it('stops only the aborted caller: the shared request goes on and its token serves the others and is cached', async () => {
    const { server, release, firstArrival } = await heldServer();
    const client = finpay(server, testClock().clock);
    const controller = new AbortController();
    const aborted = client.getToken({ signal: controller.signal });
    const other = client.getToken();
    await firstArrival;
    controller.abort();
    expect(((await rejectionOf(aborted)) as Error).name).toBe('AbortError');
    release();
    expect((await other).token).toBe('token-1');
    expect((await client.getToken()).token).toBe('token-1');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up waiting after timeoutMs with a TimeoutError (on the injected clock); the request goes on and is cached', async () => {
    const { server, release, firstArrival } = await heldServer();
    let wake!: () => void;
    const { clock } = testClock();
    const sleepy = { ...clock, sleep: (ms: number) => new Promise<void>((resolve) => (wake = resolve)) };
    const client = finpay(server, sleepy);
    const waiting = client.getToken({ timeoutMs: 1000 });
    await firstArrival;
    wake();
    const error = (await rejectionOf(waiting)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('finpay: no token within 1000 ms');
    expect(error.timeoutMs).toBe(1000);
    release();
    expect((await client.getToken()).token).toBe('token-1');
    expect(server.requests).toHaveLength(1);
  });
});
