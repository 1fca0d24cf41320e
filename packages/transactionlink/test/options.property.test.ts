/**
 * Issue 12, point 11: for random values of every createTransactionLinkClient option (either
 * auth) and every createWidgetToken argument, v1 and v2 (well-typed, of the wrong type, or
 * missing), the call succeeds or is a ValidationError with nothing sent — never another error,
 * a raw TypeError or a hang. 500 runs against a counting fake TransactionLink on 127.0.0.1;
 * the seed is printed (FC_SEED=<seed> replays).
 */
import { assertOptionsGiveSuccessOrValidationError, commonCallOptions, commonOptions, headersValue, mostly, optionsOf, tokenStoreLockValue, withInProcessLock, wrongNonFunction } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';
import { createTransactionLinkClient, memoryTokenStore, ValidationError } from '../src/index';
import { startFakeTransactionLink } from './support/fake-transactionlink';

/** Hundreds of HTTP calls: bounded by runs, not time, on a machine the whole suite shares. */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
const fetchOnce = (input: Request, init?: RequestInit) => fetch(input, init);
const text = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.constantFrom('\uD800', 'caf\u00e9'));

it('random client options and createWidgetToken arguments give a token or a ValidationError before any request (500 runs)', () =>
  assertOptionsGiveSuccessOrValidationError({
    name: 'transactionlink options',
    numRuns: 500,
    minSuccesses: 30,
    ValidationError,
    server: async () => {
      const { server } = await startFakeTransactionLink();
      // The fake closes itself after the test.
      return { url: server.url, requests: server.requests, close: async () => {} };
    },
    options: (baseUrl) => ({
      baseUrl: fc.constant(baseUrl),
      fetch: fc.constant(fetchOnce),
      ...commonOptions(),
      auth: mostly(
        fc.oneof(optionsOf({ token: text, scheme: fc.constantFrom('Bearer', '', 'Token') }, {}), optionsOf({ key: text, secret: text }, {})),
        fc.record({ token: text, key: text }),
      ),
      refreshWindowMs: fc.nat(600_000),
      tokenStore: mostly(fc.oneof(fc.constant(null).map(() => memoryTokenStore()), fc.constant(null).map(() => withInProcessLock(memoryTokenStore()))), fc.record({ get: fc.func(fc.constant(undefined)), seal: fc.constant(1) }, { requiredKeys: [] })),
      tokenStoreKey: fc.string({ minLength: 1, maxLength: 20 }),
      tokenStoreLock: tokenStoreLockValue,
      tokenCacheLog: fc.func(fc.constant(undefined)),
      versionedContentType: fc.boolean(),
    }),
    wrongFor: { fetch: wrongNonFunction },
    args: [
      // The input: v2 (the default) or v1, each field mutated.
      fc.oneof(
        optionsOf({ version: fc.constant(2), workflowDefinitionId: fc.uuid(), recordId: fc.uuid(), parametersId: fc.uuid() }, {}),
        optionsOf({ version: fc.constant(1), caseId: fc.uuid(), workflowDefinitionId: fc.string({ minLength: 1 }), parametersId: fc.string({ minLength: 1 }), lang: fc.constantFrom('en', 'pl') }, {}),
      ),
      { ...commonCallOptions(), maxRetries: fc.nat(3), headers: headersValue, fetch: fc.constant(fetchOnce) },
    ],
    call: (options, [input, callOptions]) => createTransactionLinkClient(options as never).createWidgetToken(input as never, callOptions as never),
  }), SLOW_ON_A_BUSY_MACHINE);
