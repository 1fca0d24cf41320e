/**
 * The Finpay sandbox over real HTTP with plain fetch: POST /security/getToken
 * behind Basic credentials, with the HMAC signature and the GMT+7 reqDtime
 * computed here with node:crypto as providers.md describes. Refusals of the
 * body come back as HTTP 200 with a statusCode other than "000", as Finpay's
 * do (the codes other than "000" are the sandbox's own: `finpayStatus`).
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { finpayStatus } from '../src/index';
import { START_MS, basic, compactTime, finpayBody, finpaySignature, jakartaTime, post, requestIdOf, sandbox, type Answer } from './support/sandbox';

async function finpay(options: Parameters<typeof sandbox>[0] = {}) {
  const { sb, clock } = await sandbox(options);
  const { username, password, secretKey } = sb.credentials.finpay;
  const url = `${sb.urls.finpay}/security/getToken`;
  const getToken = (body: unknown, headers: Record<string, string> = {}) => post(url, body, { authorization: basic(username, password), ...headers });
  /** A body signed with the sandbox's key, reqDtime = the sandbox's now in GMT+7. */
  const signed = (transNumber: string, reqDtime = jakartaTime(clock.ms)) => finpayBody(secretKey, { reqDtime, transNumber });
  return { sb, clock, url, getToken, signed, username, password, secretKey };
}

/** Asserts HTTP 200 with exactly this Finpay refusal (no token). */
function expectRefusal(answer: Answer, statusCode: string, statusDesc: string): void {
  expect({ status: answer.status, body: answer.body }).toStrictEqual({ status: 200, body: { statusCode, statusDesc } });
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  requestIdOf(answer);
}

function expectToken(answer: Answer, tokenExpiry: string): string {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(answer.body).toStrictEqual({
    statusCode: '000',
    statusDesc: 'Berhasil',
    tokenID: expect.stringMatching(/^[0-9A-F]{80}$/),
    tokenExpiry,
    processingTime: expect.any(Number),
  });
  requestIdOf(answer);
  return (answer.body as { tokenID: string }).tokenID;
}

/** START_MS (12:00:00 in Jakarta on 10 March 2026) + 72 h. */
const START_EXPIRY = '13-MAR-26 12:00:00';

describe('the test signer', () => {
  it('reproduces the test vectors of providers.md (secret mySecretKey, the sample request)', () => {
    const fields = { reqDtime: '20240821142750', requestType: 'getToken', transNumber: 'TKN212418241627519329' };
    expect(finpaySignature(fields, 'mySecretKey')).toBe('B4916007E177C3BEB3437A053A64B9E51D54827CCCE04AD664F69B598F6C5630');
    expect(finpaySignature(fields, 'mySecretKey', 'lower')).toBe('552D3E68A4A06F67B1A3AAEFF1ABE81F19FF0B74F555BA9D8B087B82BBC975CB');
  });

  it('writes reqDtime in GMT+7', () => {
    expect(jakartaTime(START_MS)).toBe('20260310120000');
    expect(jakartaTime(Date.UTC(2025, 11, 31, 17, 30, 5))).toBe('20260101003005');
  });
});

describe('Finpay POST /security/getToken', () => {
  it('exports its status codes as finpayStatus', () => {
    expect(finpayStatus).toStrictEqual({
      success: '000',
      invalidRequest: '001',
      invalidSignature: '002',
      duplicateTransNumber: '003',
      staleRequestTime: '004',
    });
  });

  it('answers statusCode "000" with a tokenID and tokenExpiry = now + 72 h as DD-MMM-YY HH:MM:SS in GMT+7', async () => {
    const { getToken, signed } = await finpay();
    expectToken(await getToken(signed('TKN1')), START_EXPIRY);
  });

  it('writes tokenExpiry across a year end in GMT+7 and honours settings.finpayTokenHours', async () => {
    const { clock, getToken, signed } = await finpay();
    clock.ms = Date.UTC(2025, 11, 29, 20, 0, 0); // 30 Dec 2025 03:00 in Jakarta
    expectToken(await getToken(signed('TKN-YEAR')), '02-JAN-26 03:00:00');

    const short = await finpay({ settings: { finpayTokenHours: 1 } });
    expectToken(await short.getToken(short.signed('TKN-SHORT')), '10-MAR-26 13:00:00');
  });

  it('answers a new tokenID for every transNumber', async () => {
    const { getToken, signed } = await finpay();
    const first = expectToken(await getToken(signed('A1')), START_EXPIRY);
    const second = expectToken(await getToken(signed('A2')), START_EXPIRY);
    expect(first).not.toBe(second);
  });

  it('answers HTTP 200 statusCode "001" for a reqDtime of 13 digits (validated before the signature)', async () => {
    const { getToken, secretKey, clock } = await finpay();
    const body = finpayBody(secretKey, { reqDtime: jakartaTime(clock.ms).slice(0, 13), transNumber: 'TKN13' });
    expectRefusal(
      await getToken(body),
      finpayStatus.invalidRequest,
      'Invalid request: body.reqDtime must NOT have fewer than 14 characters; body.reqDtime must match pattern "^[0-9]{14}$"',
    );
  });

  it('answers "001" for a wrong requestType, a missing signature, a lowercase signature and an empty transNumber', async () => {
    const { getToken, secretKey, clock, signed } = await finpay();
    const reqDtime = jakartaTime(clock.ms);
    expectRefusal(
      await getToken(finpayBody(secretKey, { reqDtime, transNumber: 'T1', requestType: 'getTokens' })),
      '001',
      'Invalid request: body.requestType must be equal to one of the allowed values; body.requestType must NOT have more than 8 characters',
    );
    const { signature, ...unsigned } = signed('T2');
    expectRefusal(await getToken(unsigned), '001', 'Invalid request: body.signature is required');
    expectRefusal(await getToken({ ...unsigned, signature: signature!.toLowerCase() }), '001', 'Invalid request: body.signature must match pattern "^[0-9A-F]{64}$"');
    expectRefusal(
      await getToken(finpayBody(secretKey, { reqDtime, transNumber: '' })),
      '001',
      'Invalid request: body.transNumber must NOT have fewer than 1 characters',
    );
  });

  it('answers HTTP 200 statusCode "002" for a wrong signature', async () => {
    const { getToken, signed, secretKey, clock } = await finpay();
    const reqDtime = jakartaTime(clock.ms);
    const refusal = [finpayStatus.invalidSignature, 'Invalid signature'] as const;
    // Signed with another key.
    expectRefusal(await getToken(finpayBody(`${secretKey}x`, { reqDtime, transNumber: 'S1' })), ...refusal);
    // Signed over other values.
    expectRefusal(await getToken({ ...signed('S2'), transNumber: 'S3' }), ...refusal);
    // Signed with the secret's text itself as key instead of its hex text.
    const unsigned = { reqDtime, requestType: 'getToken', transNumber: 'S5' };
    const plainKey = createHmac('sha256', secretKey).update(`${reqDtime}getTokenS5`).digest('hex').toUpperCase();
    expectRefusal(await getToken({ ...unsigned, signature: plainKey }), ...refusal);
    // The refused transNumbers were not used up.
    expectToken(await getToken(signed('S1')), START_EXPIRY);
  });

  // 'mySecretKey' is 6D79536563726574 4B6579 as hex text: its letters make the two cases differ.
  const lettered = { username: 'merchant', password: 'pass', secretKey: 'mySecretKey' };

  it('refuses ("002") a signature keyed with the lowercase hex text of the key by default (uppercase expected)', async () => {
    const { getToken, secretKey, clock } = await finpay({ credentials: { finpay: lettered } });
    const reqDtime = jakartaTime(clock.ms);
    expectRefusal(await getToken(finpayBody(secretKey, { reqDtime, transNumber: 'U1' }, 'lower')), '002', 'Invalid signature');
    expectToken(await getToken(finpayBody(secretKey, { reqDtime, transNumber: 'U1' }, 'upper')), START_EXPIRY);
  });

  it('takes the lowercase hex text of the key with settings.finpayKeyHexCase = "lower"', async () => {
    const { getToken, secretKey, clock } = await finpay({ credentials: { finpay: lettered }, settings: { finpayKeyHexCase: 'lower' } });
    const reqDtime = jakartaTime(clock.ms);
    expectToken(await getToken(finpayBody(secretKey, { reqDtime, transNumber: 'L1' }, 'lower')), START_EXPIRY);
    expectRefusal(await getToken(finpayBody(secretKey, { reqDtime, transNumber: 'L2' }, 'upper')), '002', 'Invalid signature');
  });

  it('makes a default secretKey whose hex text has letters, so a client with the wrong key case is caught', async () => {
    // With the default credentials a signer that uses the other hex case must be
    // refused; if the key's hex text were all digits, both cases would pass.
    const { getToken, secretKey, clock } = await finpay();
    const hexText = Buffer.from(secretKey, 'utf8').toString('hex');
    expect(hexText.toUpperCase()).not.toBe(hexText.toLowerCase());
    expectRefusal(await getToken(finpayBody(secretKey, { reqDtime: jakartaTime(clock.ms), transNumber: 'D1' }, 'lower')), '002', 'Invalid signature');
  });

  it('answers HTTP 200 statusCode "003" for a transNumber already used', async () => {
    const { clock, getToken, signed } = await finpay();
    expectToken(await getToken(signed('DUP-1')), START_EXPIRY);
    expectRefusal(await getToken(signed('DUP-1')), finpayStatus.duplicateTransNumber, 'Duplicate transNumber');
    clock.advance(60_000);
    expectRefusal(await getToken(signed('DUP-1')), '003', 'Duplicate transNumber');
    expectToken(await getToken(signed('DUP-2')), '13-MAR-26 12:01:00');
  });

  it('answers HTTP 200 statusCode "004" for a reqDtime in UTC (or any zone but GMT+7), even when correctly signed', async () => {
    const { getToken, secretKey, clock } = await finpay();
    const stale = [finpayStatus.staleRequestTime, 'reqDtime is not the current time in GMT+7'] as const;
    expectRefusal(await getToken(finpayBody(secretKey, { reqDtime: compactTime(clock.ms, 0), transNumber: 'Z0' })), ...stale);
    expectRefusal(await getToken(finpayBody(secretKey, { reqDtime: compactTime(clock.ms, 8), transNumber: 'Z8' })), ...stale);
    expectRefusal(await getToken(finpayBody(secretKey, { reqDtime: compactTime(clock.ms, 6), transNumber: 'Z6' })), ...stale);
  });

  it('tolerates a reqDtime up to 10 minutes from the sandbox clock, not more', async () => {
    const { getToken, secretKey, clock } = await finpay();
    const at = (offsetMs: number, transNumber: string) => finpayBody(secretKey, { reqDtime: jakartaTime(clock.ms + offsetMs), transNumber });
    expectToken(await getToken(at(600_000, 'T+10m')), START_EXPIRY);
    expectToken(await getToken(at(-600_000, 'T-10m')), START_EXPIRY);
    expectRefusal(await getToken(at(601_000, 'T+10m1s')), '004', 'reqDtime is not the current time in GMT+7');
    expectRefusal(await getToken(at(-601_000, 'T-10m1s')), '004', 'reqDtime is not the current time in GMT+7');
  });

  it('answers HTTP 401 for wrong, missing or non-Basic credentials, before reading the body', async () => {
    const { url, getToken, signed, username, password } = await finpay();
    const unauthorized = { statusCode: '401', statusDesc: 'Unauthorized' };
    const expect401 = (answer: Answer) => {
      expect({ status: answer.status, body: answer.body }).toStrictEqual({ status: 401, body: unauthorized });
      requestIdOf(answer);
    };
    expect401(await getToken(signed('B1'), { authorization: basic(username, `${password}x`) }));
    expect401(await getToken(signed('B2'), { authorization: basic(`${username}x`, password) }));
    expect401(await post(url, signed('B3')));
    expect401(await getToken(signed('B4'), { authorization: `Bearer ${Buffer.from(`${username}:${password}`).toString('base64')}` }));
    expect401(await getToken('{', { authorization: basic('nobody', 'nothing') }));
  });

  it('answers HTTP 400 for malformed JSON and for a body that is not JSON', async () => {
    const { getToken, signed } = await finpay();
    const badRequest = { status: 400, body: { statusCode: '400', statusDesc: 'Bad Request' } };
    const malformed = await getToken('{"reqDtime": "20260310120000", ');
    expect({ status: malformed.status, body: malformed.body }).toStrictEqual(badRequest);
    requestIdOf(malformed);
    const form = await getToken(new URLSearchParams(signed('F1')).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect({ status: form.status, body: form.body }).toStrictEqual(badRequest);
  });

  it('accepts the credentials given in options', async () => {
    const mine = { username: 'merchant', password: 'pass', secretKey: 'mySecretKey' };
    const { sb, clock } = await sandbox({ credentials: { finpay: mine } });
    expect(sb.credentials.finpay).toStrictEqual(mine);
    // The sample request of Finpay's documentation, signed with the providers.md test-vector key, at its own reqDtime.
    clock.ms = Date.UTC(2024, 7, 21, 7, 27, 50); // 2024-08-21 14:27:50 in GMT+7
    const answer = await post(
      `${sb.urls.finpay}/security/getToken`,
      {
        reqDtime: '20240821142750',
        requestType: 'getToken',
        transNumber: 'TKN212418241627519329',
        signature: 'B4916007E177C3BEB3437A053A64B9E51D54827CCCE04AD664F69B598F6C5630',
      },
      { authorization: basic('merchant', 'pass') },
    );
    expectToken(answer, '24-AUG-24 14:27:50');
  });
});
