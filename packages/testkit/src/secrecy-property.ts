/**
 * The property every client's credentials must hold, by fast-check: for random
 * secrets in its credential options, no error and no log event holds a secret
 * (as written, JSON-escaped or URL-encoded), whatever way a hostile 127.0.0.1
 * server fails the call while echoing the whole request (startEchoServer). A
 * secret the client refuses must be a ValidationError before any request.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { ECHO_KINDS, startEchoServer } from './echo-server';
import { leaksOf } from './leaks';
import { propertyRuns } from './property-runs';

/** What each run hands the client factory, besides the secrets. */
export interface EchoClientOptions {
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly retryTiming: { initialDelayMs: number; maxDelayMs: number };
  readonly log: (event: unknown) => void;
}

export interface SecrecyProperty<Secrets extends readonly string[]> {
  /** Names the run in the printed seed line. */
  readonly name: string;
  readonly secrets: fc.Arbitrary<Secrets>;
  readonly numRuns: number;
  /** At least this many runs must reach the server (the rest were refused before a request). */
  readonly minHttpRuns: number;
  /** Creates the client with the secrets and `options`, and makes the call that must fail. */
  readonly call: (secrets: Secrets, options: EchoClientOptions) => Promise<unknown>;
  /** The package's error classes. */
  readonly errors: { readonly TokensError: abstract new (...args: never[]) => Error; readonly ValidationError: abstract new (...args: never[]) => Error };
}

export async function assertSecretsStayHidden<Secrets extends readonly string[]>(property: SecrecyProperty<Secrets>): Promise<void> {
  const server = await startEchoServer();
  let httpRuns = 0;
  try {
    await fc.assert(
      fc.asyncProperty(property.secrets, fc.constantFrom(...ECHO_KINDS), fc.boolean(), async (secrets, kind, retry) => {
        server.kind = kind;
        const before = server.requests.length;
        const events: unknown[] = [];
        const options: EchoClientOptions = { baseUrl: server.url, maxRetries: retry ? 1 : 0, retryTiming: { initialDelayMs: 1, maxDelayMs: 1 }, log: (event) => events.push(event) };
        // Called inside a promise chain: a factory that throws counts as the call failing.
        const error = await Promise.resolve()
          .then(() => property.call(secrets, options))
          .then(() => undefined, (failure: unknown) => failure);
        expect(error).toBeInstanceOf(property.errors.TokensError);
        if (error instanceof property.errors.ValidationError) expect(server.requests.length).toBe(before);
        else httpRuns++;
        expect(leaksOf(secrets, error, events)).toStrictEqual([]);
      }),
      propertyRuns(property.name, property.numRuns),
    );
  } finally {
    await server.close();
  }
  expect(httpRuns).toBeGreaterThanOrEqual(property.minHttpRuns);
}
