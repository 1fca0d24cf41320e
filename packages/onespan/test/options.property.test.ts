/**
 * Issue 12, point 11: for random values of every createOneSpanClient option and every
 * createSessionCreationToken argument (well-typed, of the wrong type, or missing), the call
 * succeeds or is a ValidationError with nothing sent — never another error, a raw TypeError
 * or a hang. 500 runs against a counting server on 127.0.0.1; the seed is printed (FC_SEED=<seed> replays).
 */
import { assertOptionsGiveSuccessOrValidationError, commonCallOptions, commonOptions, headersValue, mostly, startTestServer, wrongNonFunction } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';
import { createOneSpanClient, ValidationError } from '../src/index';
import { ACCESS_TOKEN, jwt } from './fixtures';

/** Hundreds of HTTP calls: bounded by runs, not time, on a machine the whole suite shares. */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
const fetchOnce = (input: Request, init?: RequestInit) => fetch(input, init);

it('random client options and call arguments give a token or a ValidationError before any request (500 runs)', () =>
  assertOptionsGiveSuccessOrValidationError({
    name: 'onespan options',
    numRuns: 500,
    minSuccesses: 50,
    ValidationError,
    server: () => startTestServer(() => ({ status: 200, body: { token: jwt({ alg: 'HS384', typ: 'JWT' }, { exp: Math.floor(Date.now() / 1000) + 900 }), role: 'unknown' } })),
    options: (baseUrl) => ({
      baseUrl: fc.constant(baseUrl),
      fetch: fc.constant(fetchOnce),
      ...commonOptions(),
      accessToken: mostly(fc.oneof(fc.constant(ACCESS_TOKEN), fc.stringMatching(/^[!-~]{1,40}$/))),
    }),
    wrongFor: { fetch: wrongNonFunction },
    args: [
      {
        transactionId: mostly(fc.uuid()),
        role: mostly(fc.string({ minLength: 1, maxLength: 32 })),
        ...commonCallOptions(),
        maxRetries: fc.nat(3),
        headers: headersValue,
        fetch: fc.constant(fetchOnce),
      },
    ],
    call: (options, [input]) => createOneSpanClient(options as never).createSessionCreationToken(input as never),
  }), SLOW_ON_A_BUSY_MACHINE);
