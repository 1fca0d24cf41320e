/**
 * Issue 12, point 3: an issued token is a secret everywhere. When OneSpan's
 * session-token answer cannot be read as a token (truncated JSON, HTML,
 * text/plain, the token under another field name), the token appears in no
 * error (message, stack, fields, body, JSON, inspect, cause) and no log event;
 * the body keeps only its shape (core's redactTokenAnswer).
 */
import { leaksOf, SAMPLE_TOKENS, startTestServer, type TestResponse, type TestServer } from '@tokens/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createOneSpanClient, type LogEvent } from '../src/index';
import { ACCESS_TOKEN, TRANSACTION_ID } from './fixtures';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const html = (token: string) => `<html><body><p>Your token: ${token}</p></body></html>`;
const json = (token: string) => JSON.stringify({ token, role: 'signer1' });

const UNREADABLE: Record<string, { answer: (token: string) => TestResponse; shownBody: (token: string) => unknown }> = {
  'truncated JSON': {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: json(token).slice(0, -4) }),
    shownBody: (token) => `[REDACTED] JSON text that does not parse, ${json(token).length - 4} characters`,
  },
  HTML: {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'text/html' }, body: html(token) }),
    shownBody: (token) => `[REDACTED] HTML or XML text, ${html(token).length} characters`,
  },
  'text/plain': {
    answer: (token) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: token }),
    shownBody: (token) => `[REDACTED] text, ${token.length} characters`,
  },
  'an unexpected field name': {
    answer: (token) => ({ status: 200, body: { sessionCreationToken: token, role: 'signer1' } }),
    shownBody: () => ({ sessionCreationToken: '[REDACTED]', role: '[REDACTED]' }),
  },
};

describe.each(Object.entries(SAMPLE_TOKENS))('OneSpan, a %s token', (_, token) => {
  it.each(Object.keys(UNREADABLE))('in an answer with %s: an ApiError holding only the body shape, the token nowhere', async (kind) => {
    const { answer, shownBody } = UNREADABLE[kind]!;
    const server = await startTestServer(() => answer(token));
    servers.push(server);
    const events: LogEvent[] = [];
    const client = createOneSpanClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN, maxRetries: 0, log: (event) => events.push(event) });
    const error = await client.createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'signer1' }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).body).toStrictEqual(shownBody(token));
    expect(leaksOf([token, ACCESS_TOKEN], error, events)).toStrictEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});
