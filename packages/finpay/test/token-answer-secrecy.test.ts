/**
 * Issue 12, point 3: an issued token is a secret everywhere. When Finpay's
 * getToken answer cannot be read as a token (truncated JSON, HTML, text/plain,
 * the tokenID under another field name), the tokenID appears in no error
 * (message, stack, fields, body, JSON, inspect, cause) and no log event; the
 * body keeps only its shape (core's redactTokenAnswer).
 */
import { leaksOf, SAMPLE_TOKENS, type TestResponse } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, type LogEvent } from '../src/index';
import { CREDENTIALS, SAMPLE_EXPIRY, SAMPLE_TIME, finpay, testClock, tokenServer } from './support';

const html = (token: string) => `<html><body><p>tokenID: ${token}</p></body></html>`;
const json = (token: string) => JSON.stringify({ tokenID: token, statusCode: '000', statusDesc: 'Berhasil', tokenExpiry: SAMPLE_EXPIRY });

const UNREADABLE: Record<string, { answer: (token: string) => TestResponse; shownBody: (token: string) => unknown }> = {
  'truncated JSON': {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: json(token).slice(0, -5) }),
    shownBody: (token) => `[REDACTED] JSON text that does not parse, ${json(token).length - 5} characters`,
  },
  HTML: {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'text/html' }, body: html(token) }),
    shownBody: (token) => `[REDACTED] HTML or XML text, ${html(token).length} characters`,
  },
  'text/plain': {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `tokenID=${token}` }),
    shownBody: (token) => `[REDACTED] text, ${`tokenID=${token}`.length} characters`,
  },
  'an unexpected field name': {
    answer: (token) => ({ status: 200, body: { statusCode: '000', statusDesc: 'Berhasil', id: token, tokenExpiry: SAMPLE_EXPIRY } }),
    shownBody: () => ({ statusCode: '[REDACTED]', statusDesc: '[REDACTED]', id: '[REDACTED]', tokenExpiry: '[REDACTED]' }),
  },
  'the token where the expiry belongs': {
    answer: (token) => ({ status: 200, body: { statusCode: '000', statusDesc: 'Berhasil', tokenId: 'x', tokenExpiry: token } }),
    shownBody: () => ({ statusCode: '[REDACTED]', statusDesc: '[REDACTED]', tokenId: '[REDACTED]', tokenExpiry: '[REDACTED]' }),
  },
};

describe.each(Object.entries(SAMPLE_TOKENS))('Finpay, a %s tokenID', (_, token) => {
  it.each(Object.keys(UNREADABLE))('in an answer with %s: an ApiError holding only the body shape, the token nowhere', async (kind) => {
    const { answer, shownBody } = UNREADABLE[kind]!;
    const server = await tokenServer(() => answer(token));
    const events: LogEvent[] = [];
    const error = await finpay(server, testClock(SAMPLE_TIME).clock, { maxRetries: 0, log: (event) => events.push(event) })
      .getToken()
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).body).toStrictEqual(shownBody(token));
    expect(leaksOf([token, CREDENTIALS.password, CREDENTIALS.secretKey], error, events)).toStrictEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});
