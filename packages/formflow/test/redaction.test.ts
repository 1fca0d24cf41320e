/**
 * The client secret never shows: not in an error's message, stack, JSON or inspect
 * output, not in a log event, not in the client object, even when the server
 * echoes it back in every way it can.
 */
import { closedPortUrl, type RecordedRequest } from '@tokens/testkit';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, createFormflowClient, type LogEvent } from '../src/index';
import { CREDENTIALS, formflow, testClock, tokenServer } from './harness';

const SECRET = CREDENTIALS.clientSecret;

function expectNoSecret(value: unknown) {
  const error = value as Error;
  for (const view of [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })]) {
    expect(view).not.toContain(SECRET);
  }
}

/** Echoes the request body: in a message, as fields, in a header. */
const echo = (status: number) => (_: number, request: RecordedRequest) => ({
  status,
  headers: { 'x-echo': JSON.parse(request.body).clientSecret as string, 'retry-after': '0' },
  body: { message: `bad credentials: ${request.body}`, received: JSON.parse(request.body) as unknown, hint: SECRET },
});

describe.each([400, 401, 429, 500])('an HTTP %i that echoes the secret', (status) => {
  it('is an ApiError without the secret, and no log event holds it', async () => {
    const server = await tokenServer(echo(status));
    const events: LogEvent[] = [];
    const ff = formflow(server, testClock().clock, { log: (event) => events.push(event) });
    const failure = await ff.getToken().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(status);
    expect((failure as ApiError).message).toContain('[REDACTED]');
    expectNoSecret(failure);
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });
});

it('an answer without a token that echoes the secret is an ApiError without it', async () => {
  const server = await tokenServer(() => ({ status: 200, body: { message: `hello ${SECRET}`, clientSecret: SECRET } }));
  const failure = await formflow(server, testClock().clock).getToken().catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ApiError);
  // Only the shape of an answer that should have been a token is kept (core's redactTokenAnswer).
  expect((failure as ApiError).body).toEqual({ message: '[REDACTED]', clientSecret: '[REDACTED]' });
  expectNoSecret(failure);
});

it('a refused connection is a ConnectionError without the secret', async () => {
  const ff = createFormflowClient({ ...CREDENTIALS, baseUrl: await closedPortUrl(), maxRetries: 0 });
  const failure = await ff.getToken().catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ConnectionError);
  expectNoSecret(failure);
});

it('the client object does not show the secret (inspect, JSON)', async () => {
  const server = await tokenServer();
  const ff = formflow(server, testClock().clock);
  await ff.getToken();
  expect(inspect(ff, { depth: Infinity, showHidden: true })).not.toContain(SECRET);
  expect(JSON.stringify(ff)).not.toContain(SECRET);
});
