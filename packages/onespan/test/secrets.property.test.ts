/**
 * Issue 12, point 11: for random secrets (any printable text, quotes,
 * backslashes, non-ASCII) as the tenant access token, no error and no log event
 * holds the secret, its JSON-escaped or URL-encoded form, whatever way a hostile
 * 127.0.0.1 server fails the call while echoing the whole request (a token no
 * header can carry is a ValidationError before any request). 500 runs, each a
 * real HTTP call or a refusal before one; the seed is printed (FC_SEED=<seed> replays).
 */
import { ECHO_KINDS, anySecretText, leaksOf, propertyRuns, startEchoServer, type EchoServer } from '@tokens/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOneSpanClient, TokensError, ValidationError, type LogEvent } from '../src/index';
import { TRANSACTION_ID } from './fixtures';

let server: EchoServer;
beforeAll(async () => {
  server = await startEchoServer();
});
afterAll(() => server.close());

/** Runs whose call reached the server (the rest were refused before any request). */
let httpRuns = 0;
const countHttpRun = (before: number) => void (server.requests.length > before && httpRuns++);

describe('OneSpan secrets, by fast-check', () => {
  it('a random accessToken is in no error and no log event, whatever the failure (800 runs, 500 or more of them HTTP calls)', async () => {
    httpRuns = 0;
    await fc.assert(
      fc.asyncProperty(anySecretText, fc.constantFrom(...ECHO_KINDS), fc.boolean(), async (accessToken, kind, retry) => {
        server.kind = kind;
        const before = server.requests.length;
        const events: LogEvent[] = [];
        const error = await Promise.resolve()
          .then(() =>
            createOneSpanClient({
              baseUrl: server.url,
              accessToken,
              maxRetries: retry ? 1 : 0,
              retryTiming: { initialDelayMs: 1, maxDelayMs: 1 },
              log: (event) => events.push(event),
            }).createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'signer1' }),
          )
          .then(() => undefined, (failure: unknown) => failure);
        expect(error).toBeInstanceOf(TokensError);
        if (error instanceof ValidationError) expect(server.requests.length).toBe(before);
        countHttpRun(before);
        expect(leaksOf([accessToken], error, events)).toStrictEqual([]);
      }),
      propertyRuns('onespan secrets', 800),
    );
    expect(httpRuns).toBeGreaterThanOrEqual(500);
  });
});
