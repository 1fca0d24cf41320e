/**
 * Issue 12, point 3: an issued token is a secret everywhere. When Formflow's token
 * answer cannot be read as a token (truncated JSON, HTML, text/plain, the token
 * under another field name), or a failed refresh echoes the previous token, the
 * token appears in no error (message, stack, fields, body, JSON, inspect, cause)
 * and no log event; the body keeps only its shape (core's redactTokenAnswer).
 */
import { leaksOf, SAMPLE_TOKENS, type TestResponse } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, type LogEvent } from '../src/index';
import { CREDENTIALS, formflow, testClock, tokenServer } from './harness';

/** The four ways an answer fails to be a token, each carrying `token`, and the body the error must show. */
export const UNREADABLE: Record<string, { answer: (token: string) => TestResponse; shownBody: (token: string) => unknown }> = {
  'truncated JSON': {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, token_type: 'Bearer', expires_in: 3600 }).slice(0, -8) }),
    shownBody: (token) => `[REDACTED] JSON text that does not parse, ${JSON.stringify({ token, token_type: 'Bearer', expires_in: 3600 }).length - 8} characters`,
  },
  HTML: {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'text/html' }, body: `<html><body><p>Your token: ${token}</p></body></html>` }),
    shownBody: (token) => `[REDACTED] HTML or XML text, ${`<html><body><p>Your token: ${token}</p></body></html>`.length} characters`,
  },
  'text/plain': {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `token=${token}` }),
    shownBody: (token) => `[REDACTED] text, ${`token=${token}`.length} characters`,
  },
  'an unexpected field name': {
    answer: (token) => ({ status: 200, body: { jwt: token, token_type: 'Bearer', expires_in: 3600 } }),
    shownBody: () => ({ jwt: '[REDACTED]', token_type: '[REDACTED]', expires_in: 3600 }),
  },
};

describe.each(Object.entries(SAMPLE_TOKENS))('Formflow, a %s token', (_, token) => {
  it.each(Object.keys(UNREADABLE))('in an answer with %s: an ApiError holding only the body shape, the token nowhere', async (kind) => {
    const { answer, shownBody } = UNREADABLE[kind]!;
    const server = await tokenServer(() => answer(token));
    const events: LogEvent[] = [];
    const error = await formflow(server, testClock().clock, { maxRetries: 0, log: (event) => events.push(event) })
      .getToken()
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).body).toStrictEqual(shownBody(token));
    expect(leaksOf([token, CREDENTIALS.clientSecret], error, events)).toStrictEqual([]);
    expect(events.length).toBeGreaterThan(0);
  });

  it.each([
    ['a 401 whose JSON echoes it', (previous: string): TestResponse => ({ status: 401, body: { message: `token ${previous} cannot be refreshed`, previous } })],
    ['a 400 whose text echoes it', (previous: string): TestResponse => ({ status: 400, headers: { 'content-type': 'text/plain' }, body: `refresh of ${previous} refused` })],
    ['a 200 HTML page that echoes it', (previous: string): TestResponse => ({ status: 200, headers: { 'content-type': 'text/html' }, body: `<p>${previous}</p>` })],
  ])('a failed refresh, %s, does not show the previous token', async (_, refusal) => {
    const server = await tokenServer((n) => (n === 1 ? { status: 200, body: { token, token_type: 'Bearer', expires_in: 3600 } } : refusal(token)));
    const events: LogEvent[] = [];
    const client = formflow(server, testClock().clock, { maxRetries: 0, log: (event) => events.push(event) });
    expect((await client.getToken()).token).toBe(token);
    const error = await client.getToken({ forceRefresh: true }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect(leaksOf([token, CREDENTIALS.clientSecret], error, events)).toStrictEqual([]);
    expect(server.requests).toHaveLength(2);
  });
});
