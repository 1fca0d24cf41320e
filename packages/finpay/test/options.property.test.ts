/**
 * Issue 12, point 11: for random values of every createFinpayClient option and every
 * getToken option (well-typed, of the wrong type, or missing), getToken succeeds or is a
 * ValidationError with nothing sent — never another error, a raw TypeError or a hang.
 * 500 runs against a counting token server on 127.0.0.1; the seed is printed (FC_SEED=<seed> replays).
 */
import { assertOptionsGiveSuccessOrValidationError, commonCallOptions, commonOptions, mostly, startTestServer, tokenStoreLockValue, withInProcessLock, wrongNonFunction } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';
import { createFinpayClient, memoryTokenStore, ValidationError } from '../src/index';
import { success } from './support';
import { tomorrowInJakarta } from './tomorrow';

/** Hundreds of HTTP calls: bounded by runs, not time, on a machine the whole suite shares. */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.constantFrom('\uD800', 'a:b', 'caf\u00e9'));

it('random client and getToken options give a token or a ValidationError before any request (500 runs)', () =>
  assertOptionsGiveSuccessOrValidationError({
    name: 'finpay options',
    numRuns: 500,
    minSuccesses: 50,
    ValidationError,
    server: () => startTestServer(() => success(1, tomorrowInJakarta())),
    options: (baseUrl) => ({
      baseUrl: fc.constant(baseUrl),
      fetch: fc.constant((input: Request, init?: RequestInit) => fetch(input, init)),
      ...commonOptions(),
      username: text,
      password: text,
      secretKey: text,
      keyHexCase: fc.constantFrom('upper', 'lower'),
      refreshWindowMs: fc.nat(600_000),
      tokenExpiryUtcOffsetMinutes: fc.integer({ min: -720, max: 840 }),
      tokenStore: mostly(fc.oneof(fc.constant(null).map(() => memoryTokenStore()), fc.constant(null).map(() => withInProcessLock(memoryTokenStore()))), fc.record({ get: fc.func(fc.constant(undefined)), open: fc.constant('x') }, { requiredKeys: [] })),
      tokenStoreLock: tokenStoreLockValue,
      tokenCacheLog: fc.func(fc.constant(undefined)),
    }),
    wrongFor: { fetch: wrongNonFunction },
    args: [{ ...commonCallOptions(), forceRefresh: fc.boolean(), transNumber: mostly(fc.stringMatching(/^[A-Za-z0-9]{1,100}$/)) }],
    call: (options, [getOptions]) => createFinpayClient(options as never).getToken(getOptions as never),
  }), SLOW_ON_A_BUSY_MACHINE);
