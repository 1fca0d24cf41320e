/**
 * No secret (password, secret key and its hex text, the Basic credentials, the
 * issued tokenID) in an error's message, stack, JSON or inspect output, nor in a
 * log event: against servers that echo them all back.
 */
import type { TestResponse } from '@tokens/testkit';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError, TokensError, type LogEvent } from '../src/index';
import { finpay, rejectionOf, success, testClock, tokenServer } from './support';

const CREDENTIALS = { username: 'merchant-7', password: 'pw_SECRET_password_123', secretKey: 'sk_SECRET_signing_key_456' };
const BASIC_B64 = Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64');
const KEY_HEX = Buffer.from(CREDENTIALS.secretKey).toString('hex');
const TOKEN_ID = 'tid_SECRET_issued_token_789';

const SECRETS = [CREDENTIALS.password, CREDENTIALS.secretKey, BASIC_B64, `${CREDENTIALS.username}:${CREDENTIALS.password}`, KEY_HEX, KEY_HEX.toUpperCase(), TOKEN_ID];
const ECHO = SECRETS.join(' | ');

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

function expectCleanError(error: unknown) {
  expect(error).toBeInstanceOf(TokensError);
  const e = error as ApiError;
  expectNoSecret(e.message);
  expectNoSecret(String(e.stack));
  expectNoSecret(JSON.stringify(e));
  expectNoSecret(inspect(e, { depth: 10 }));
}

describe.each<[string, TestResponse]>([
  ['a refusal on HTTP 200 echoing them in statusDesc', { status: 200, body: { statusCode: '005', statusDesc: `bad: ${ECHO}`, tokenID: TOKEN_ID } }],
  ['a 401 echoing them in statusDesc and other fields', { status: 401, body: { statusCode: '401', statusDesc: `bad: ${ECHO}`, echo: ECHO, message: ECHO } }],
  ['a 401 answered as text', { status: 401, headers: { 'content-type': 'text/plain' }, body: `denied ${ECHO}` }],
  ['a 502 HTML page', { status: 502, headers: { 'content-type': 'text/html' }, body: `<h1>${ECHO}</h1>` }],
  ['a success with a malformed tokenExpiry', { status: 200, body: { statusCode: '000', statusDesc: ECHO, tokenID: TOKEN_ID, tokenExpiry: `${TOKEN_ID} ${CREDENTIALS.secretKey}` } }],
  ['a success without a tokenID', { status: 200, body: { statusCode: '000', statusDesc: ECHO, tokenExpiry: '24-AUG-24 16:23:30' } }],
])('%s', (_, answer) => {
  it('gives an error and log events without any secret (the tokenID issued before included)', async () => {
    const server = await tokenServer((n) => (n === 1 ? { status: 200, body: { ...success(n).body as object, tokenID: TOKEN_ID } } : answer));
    const events: LogEvent[] = [];
    const client = finpay(server, testClock().clock, { ...CREDENTIALS, log: (event) => events.push(event) });
    expect((await client.getToken()).token).toBe(TOKEN_ID);
    const error = await rejectionOf(client.getToken({ forceRefresh: true }));
    expect(error).toBeInstanceOf(ApiError);
    expectCleanError(error);
    expect(events.length).toBeGreaterThan(0);
    expectNoSecret(JSON.stringify(events));
    // The request did carry the credentials: they were hidden, not missing.
    expect(server.requests[0]!.headers['authorization']).toBe(`Basic ${BASIC_B64}`);
  });
});

it('keeps what is not secret: statusDesc words around the cut-out secrets, and the code', async () => {
  const server = await tokenServer(() => ({ status: 200, body: { statusCode: '005', statusDesc: `key ${CREDENTIALS.secretKey} is wrong` } }));
  const error = (await rejectionOf(finpay(server, testClock().clock, CREDENTIALS).getToken())) as ApiError;
  expect(error.message).toBe('finpay: HTTP 200 005: key [REDACTED] is wrong');
  expect(error.body).toEqual({ statusCode: '005', statusDesc: 'key [REDACTED] is wrong' });
});

it('keeps only the shape of a success answer it cannot use', async () => {
  const server = await tokenServer(() => ({ status: 200, body: { statusCode: '000', statusDesc: 'Berhasil', tokenID: TOKEN_ID, tokenExpiry: 'soon' } }));
  const error = (await rejectionOf(finpay(server, testClock().clock, CREDENTIALS).getToken())) as ApiError;
  // Only the shape of an answer that claims success without a usable token is kept (core's redactTokenAnswer).
  expect(error.body).toEqual({ statusCode: '[REDACTED]', statusDesc: '[REDACTED]', tokenID: '[REDACTED]', tokenExpiry: '[REDACTED]' });
  expect(error.message).toBe('finpay: HTTP 200: answered tokenExpiry "soon"; expected DD-MMM-YY HH24:MI:SS, e.g. 24-AUG-24 16:23:30');
});

it('a connection failure carries no secret either', async () => {
  const { closedPortUrl } = await import('@tokens/testkit');
  const client = finpay({ url: await closedPortUrl(), requests: [], close: async () => {} }, testClock().clock, { ...CREDENTIALS, maxRetries: 0 });
  expectCleanError(await rejectionOf(client.getToken()));
});

it('does not cut short credentials out of innocent words (as core: values under 6 characters are not hunted for)', async () => {
  const server = await tokenServer(() => ({ status: 200, body: { statusCode: '005', statusDesc: 'Signature tidak valid' } }));
  const error = (await rejectionOf(finpay(server, testClock().clock, { username: 'u', password: 'a', secretKey: 'k' }).getToken())) as ApiError;
  expect(error.message).toBe('finpay: HTTP 200 005: Signature tidak valid');
});
