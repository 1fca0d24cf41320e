/**
 * Issue 12, point 3: an issued token is a secret everywhere. When a
 * TransactionLink widget-token answer or login answer cannot be read as a token
 * (truncated JSON, HTML, text/plain, the token under another field name), the
 * token appears in no error (message, stack, fields, body, JSON, inspect, cause)
 * and no log event; the body keeps only its shape (core's redactTokenAnswer).
 */
import { leaksOf, SAMPLE_TOKENS, type TestResponse } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, type LogEvent } from '../src/index';
import { KEY, ORG_TOKEN, SECRET, caseId, startFakeTransactionLink, workflowDefinitionId } from './support/fake-transactionlink';

const html = (token: string) => `<html><body><p>Your token: ${token}</p></body></html>`;

/** The four ways an answer fails to be a token; `fields` is the answer it spoils, the token in its first field. */
function unreadable(status: number, fields: (token: string) => Record<string, unknown>, renamed: (token: string) => Record<string, unknown>) {
  const json = (token: string) => JSON.stringify(fields(token));
  return {
    'truncated JSON': {
      answer: (token: string): TestResponse => ({ status, headers: { 'content-type': 'application/json' }, body: json(token).slice(0, -6) }),
      shownBody: (token: string): unknown => `[REDACTED] JSON text that does not parse, ${json(token).length - 6} characters`,
    },
    HTML: {
      answer: (token: string): TestResponse => ({ status, headers: { 'content-type': 'text/html' }, body: html(token) }),
      shownBody: (token: string): unknown => `[REDACTED] HTML or XML text, ${html(token).length} characters`,
    },
    'text/plain': {
      answer: (token: string): TestResponse => ({ status, headers: { 'content-type': 'text/plain' }, body: `token: ${token}` }),
      shownBody: (token: string): unknown => `[REDACTED] text, ${`token: ${token}`.length} characters`,
    },
    'an unexpected field name': {
      answer: (token: string): TestResponse => ({ status, body: renamed(token) }),
      shownBody: (token: string): unknown => Object.fromEntries(Object.entries(renamed(token)).map(([name, value]) => [name, typeof value === 'string' ? '[REDACTED]' : value])),
    },
  };
}

const WIDGET = unreadable(201, (token) => ({ token, expiryDuration: 3600, tokenType: 'Bearer' }), (token) => ({ jwt: token, expiryDuration: 3600, tokenType: 'Bearer' }));
const LOGIN = unreadable(
  200,
  (token) => ({ accessToken: token, refreshToken: `r${token}`, expiryDuration: 3600, tokenType: 'Bearer' }),
  (token) => ({ access: token, refresh: `r${token}`, expiryDuration: 3600, tokenType: 'Bearer' }),
);

describe.each(Object.entries(SAMPLE_TOKENS))('TransactionLink, a %s token', (_, token) => {
  it.each(Object.keys(WIDGET))('in a widget-token answer with %s: an ApiError holding only the body shape, the token nowhere', async (kind) => {
    const { answer, shownBody } = WIDGET[kind as keyof typeof WIDGET];
    const fake = await startFakeTransactionLink();
    fake.on('/token', () => answer(token));
    const events: LogEvent[] = [];
    const client = fake.client({ auth: { token: ORG_TOKEN }, log: (event) => events.push(event) });
    const error = await client.createWidgetToken({ version: 1, caseId, workflowDefinitionId }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(201);
    expect((error as ApiError).body).toStrictEqual(shownBody(token));
    expect(leaksOf([token, ORG_TOKEN], error, events)).toStrictEqual([]);
  });

  it.each(Object.keys(LOGIN))('in a login answer with %s: an ApiError holding only the body shape, neither token anywhere', async (kind) => {
    const { answer, shownBody } = LOGIN[kind as keyof typeof LOGIN];
    const fake = await startFakeTransactionLink();
    fake.on('/auth/authorize', () => answer(token));
    const events: LogEvent[] = [];
    const client = fake.client({ auth: { key: KEY, secret: SECRET }, log: (event) => events.push(event) });
    const error = await client.createWidgetToken({ workflowDefinitionId }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).body).toStrictEqual(shownBody(token));
    expect(leaksOf([token, `r${token}`, KEY, SECRET], error, events)).toStrictEqual([]);
    expect(fake.calls()).toStrictEqual(['POST /auth/authorize']);
  });

  it.each([
    ['a 500 whose JSON echoes it', (previous: string): TestResponse => ({ status: 500, body: { message: `cannot refresh ${previous}`, accessToken: previous } })],
    ['a 502 whose text echoes it', (previous: string): TestResponse => ({ status: 502, headers: { 'content-type': 'text/plain' }, body: `refresh of ${previous} failed` })],
    ['a 200 HTML page that echoes it', (previous: string): TestResponse => ({ status: 200, headers: { 'content-type': 'text/html' }, body: `<p>${previous}</p>` })],
  ])('a failed login refresh, %s, does not show the access token it replaces', async (_, failure) => {
    const fake = await startFakeTransactionLink();
    fake.on('/auth/authorize', () => ({ status: 200, body: { accessToken: token, refreshToken: 'tl_refresh_token_0123456789', expiryDuration: 60, tokenType: 'Bearer' } }));
    fake.on('/auth/refresh', () => failure(token));
    fake.on('/token', () => ({ status: 201, headers: { 'content-type': 'application/json;version=2' }, body: { id: 'wt_1', token: 'tl_widget_token_0123456789', expiryDuration: 3600, tokenType: 'Bearer' } }));
    const events: LogEvent[] = [];
    const client = fake.client({ auth: { key: KEY, secret: SECRET }, log: (event) => events.push(event) });
    await client.createWidgetToken({ workflowDefinitionId });
    fake.now += 120_000; // the access token has expired: the next call must refresh it
    const error = await client.createWidgetToken({ workflowDefinitionId }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(leaksOf([token, 'tl_refresh_token_0123456789', KEY, SECRET], error, events)).toStrictEqual([]);
    expect(fake.calls()).toStrictEqual(['POST /auth/authorize', 'POST /token', 'POST /auth/refresh']);
  });
});
