/**
 * Issue 12, point 11: for random values of every createFormflowClient option and every
 * getToken option (well-typed, of the wrong type, or missing), getToken succeeds or is a
 * ValidationError with nothing sent — never another error, a raw TypeError or a hang.
 * 500 runs against a counting token server on 127.0.0.1; the seed is printed (FC_SEED=<seed> replays).
 */
import { assertOptionsGiveSuccessOrValidationError, commonCallOptions, commonOptions, mostly, startTestServer, tokenStoreLockValue, withInProcessLock, wrongNonFunction } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';
import { createFormflowClient, memoryTokenStore, ValidationError } from '../src/index';

/** Hundreds of HTTP calls: bounded by runs, not time, on a machine the whole suite shares. */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.constantFrom('\uD800', 'a:b', 'caf\u00e9'));

it('random client and getToken options give a token or a ValidationError before any request (500 runs)', () =>
  assertOptionsGiveSuccessOrValidationError({
    name: 'formflow options',
    numRuns: 500,
    minSuccesses: 50,
    ValidationError,
    server: () => startTestServer(() => ({ status: 200, body: { token: 'token-1', token_type: 'Bearer', expires_in: 3600 } })),
    options: (baseUrl) => ({
      baseUrl: fc.constant(baseUrl),
      fetch: fc.constant((input: Request, init?: RequestInit) => fetch(input, init)),
      ...commonOptions(),
      clientId: text,
      clientSecret: text,
      organizationId: text,
      refreshWindowMs: fc.nat(600_000),
      tokenStore: mostly(fc.oneof(fc.constant(null).map(() => memoryTokenStore()), fc.constant(null).map(() => withInProcessLock(memoryTokenStore()))), fc.record({ get: fc.func(fc.constant(undefined)), watch: fc.constant(1) }, { requiredKeys: [] })),
      tokenStoreLock: tokenStoreLockValue,
      tokenCacheLog: fc.func(fc.constant(undefined)),
    }),
    wrongFor: { fetch: wrongNonFunction },
    args: [{ ...commonCallOptions(), forceRefresh: fc.boolean() }],
    call: (options, [getOptions]) => createFormflowClient(options as never).getToken(getOptions as never),
  }), SLOW_ON_A_BUSY_MACHINE);
