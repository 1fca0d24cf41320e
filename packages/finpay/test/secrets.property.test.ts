/**
 * Issue 12, point 11: for random secrets (any printable text, quotes,
 * backslashes, non-ASCII) as the password and the signing key, no error and no
 * log event holds a secret, its JSON-escaped or URL-encoded form, whatever way a
 * hostile 127.0.0.1 server fails the getToken call while echoing the whole
 * request (Basic credentials decoded). 500 runs, real HTTP calls; the seed is
 * printed (FC_SEED=<seed> replays).
 */
import { ECHO_KINDS, leaksOf, propertyRuns, secretText, startEchoServer, type EchoServer } from '@tokens/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFinpayClient, TokensError, ValidationError, type LogEvent } from '../src/index';

let server: EchoServer;
beforeAll(async () => {
  server = await startEchoServer();
});
afterAll(() => server.close());

/** Runs whose call reached the server (the rest were refused before any request). */
let httpRuns = 0;
const countHttpRun = (before: number) => void (server.requests.length > before && httpRuns++);

describe('Finpay secrets, by fast-check', () => {
  it('a random password and secretKey are in no error and no log event, whatever the failure (500 HTTP calls)', async () => {
    httpRuns = 0;
    await fc.assert(
      fc.asyncProperty(secretText, secretText, fc.constantFrom(...ECHO_KINDS), fc.boolean(), async (password, secretKey, kind, retry) => {
        server.kind = kind;
        const before = server.requests.length;
        const events: LogEvent[] = [];
        const error = await Promise.resolve()
          .then(() =>
            createFinpayClient({
              baseUrl: server.url,
              username: 'merchant-7',
              password,
              secretKey,
              maxRetries: retry ? 1 : 0,
              retryTiming: { initialDelayMs: 1, maxDelayMs: 1 },
              log: (event) => events.push(event),
            }).getToken(),
          )
          .then(() => undefined, (failure: unknown) => failure);
        expect(error).toBeInstanceOf(TokensError);
        if (error instanceof ValidationError) expect(server.requests.length).toBe(before);
        countHttpRun(before);
        expect(leaksOf([password, secretKey], error, events)).toStrictEqual([]);
      }),
      propertyRuns('finpay password and secretKey', 500),
    );
    expect(httpRuns).toBeGreaterThanOrEqual(500);
  });
});
