/**
 * Issue 12, point 11: for random secrets (any printable text, quotes,
 * backslashes, non-ASCII) as the client secret, no error and no log event holds
 * the secret, its JSON-escaped or URL-encoded form, whatever way a hostile
 * 127.0.0.1 server fails the token call while echoing the whole request. 500
 * runs, each a real HTTP call; the seed is printed (FC_SEED=<seed> replays).
 */
import { ECHO_KINDS, leaksOf, propertyRuns, secretText, startEchoServer, type EchoServer } from '@tokens/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormflowClient, TokensError, ValidationError, type LogEvent } from '../src/index';

let server: EchoServer;
beforeAll(async () => {
  server = await startEchoServer();
});
afterAll(() => server.close());

/** Runs whose call reached the server (the rest were refused before any request). */
let httpRuns = 0;
const countHttpRun = (before: number) => void (server.requests.length > before && httpRuns++);

describe('Formflow secrets, by fast-check', () => {
  it('a random clientSecret is in no error and no log event, whatever the failure (500 HTTP calls)', async () => {
    httpRuns = 0;
    await fc.assert(
      fc.asyncProperty(secretText, fc.constantFrom(...ECHO_KINDS), fc.boolean(), async (clientSecret, kind, retry) => {
        server.kind = kind;
        const before = server.requests.length;
        const events: LogEvent[] = [];
        const client = createFormflowClient({
          baseUrl: server.url,
          clientId: 'client-7',
          organizationId: 'org-42',
          clientSecret,
          maxRetries: retry ? 1 : 0,
          retryTiming: { initialDelayMs: 1, maxDelayMs: 1 },
          log: (event) => events.push(event),
        });
        const error = await client.getToken().then(() => undefined, (failure: unknown) => failure);
        expect(error).toBeInstanceOf(TokensError);
        if (error instanceof ValidationError) expect(server.requests.length).toBe(before);
        countHttpRun(before);
        expect(leaksOf([clientSecret], error, events)).toStrictEqual([]);
      }),
      propertyRuns('formflow secrets', 500),
    );
    expect(httpRuns).toBeGreaterThanOrEqual(500);
  });
});
