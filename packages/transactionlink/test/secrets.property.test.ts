/**
 * Issue 12, point 11: for random secrets (any printable text, quotes,
 * backslashes, non-ASCII) as the organization token, or as the login key and
 * secret, no error and no log event holds a secret, its JSON-escaped or
 * URL-encoded form, whatever way a hostile 127.0.0.1 server fails the calls while
 * echoing the whole request (a token no header can carry is a ValidationError
 * before any request). 500 runs each, real HTTP calls; the seed is printed
 * (FC_SEED=<seed> replays).
 */
import { ECHO_KINDS, anySecretText, leaksOf, propertyRuns, startEchoServer, type EchoServer } from '@tokens/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransactionLinkClient, TokensError, ValidationError, type LogEvent, type TransactionLinkClientOptions } from '../src/index';
import { workflowDefinitionId } from './support/fake-transactionlink';

let server: EchoServer;
beforeAll(async () => {
  server = await startEchoServer();
});
afterAll(() => server.close());

/** Runs whose call reached the server (the rest were refused before any request). */
let httpRuns = 0;
const countHttpRun = (before: number) => void (server.requests.length > before && httpRuns++);

/** Makes a client with `auth` and asks for a widget token; resolves with what was thrown, and the log events. */
async function failure(auth: TransactionLinkClientOptions['auth'], retry: boolean) {
  const events: LogEvent[] = [];
  const error = await Promise.resolve()
    .then(() =>
      createTransactionLinkClient({
        baseUrl: server.url,
        auth,
        maxRetries: retry ? 1 : 0,
        retryTiming: { initialDelayMs: 1, maxDelayMs: 1 },
        log: (event) => events.push(event),
      }).createWidgetToken({ workflowDefinitionId }),
    )
    .then(() => undefined, (thrown: unknown) => thrown);
  return { error, events };
}

describe('TransactionLink secrets, by fast-check', () => {
  it('a random organization token is in no error and no log event, whatever the failure (800 runs, 500 or more of them HTTP calls)', async () => {
    httpRuns = 0;
    await fc.assert(
      fc.asyncProperty(anySecretText, fc.constantFrom(...ECHO_KINDS), fc.boolean(), async (token, kind, retry) => {
        server.kind = kind;
        const before = server.requests.length;
        const { error, events } = await failure({ token }, retry);
        expect(error).toBeInstanceOf(TokensError);
        if (error instanceof ValidationError) expect(server.requests.length).toBe(before);
        countHttpRun(before);
        expect(leaksOf([token], error, events)).toStrictEqual([]);
      }),
      propertyRuns('transactionlink organization token', 800),
    );
    expect(httpRuns).toBeGreaterThanOrEqual(500);
  });

  it('a random login key and secret are in no error and no log event, whatever the failure (800 runs, 500 or more of them HTTP calls)', async () => {
    httpRuns = 0;
    await fc.assert(
      fc.asyncProperty(anySecretText, anySecretText, fc.constantFrom(...ECHO_KINDS), fc.boolean(), async (key, secret, kind, retry) => {
        server.kind = kind;
        const before = server.requests.length;
        const { error, events } = await failure({ key, secret }, retry);
        expect(error).toBeInstanceOf(TokensError);
        if (error instanceof ValidationError) expect(server.requests.length).toBe(before);
        countHttpRun(before);
        expect(leaksOf([key, secret], error, events)).toStrictEqual([]);
      }),
      propertyRuns('transactionlink login key and secret', 800),
    );
    expect(httpRuns).toBeGreaterThanOrEqual(500);
  });
});
