/**
 * Issue 12, point 11, third property, by fast-check: random values for every option of
 * a client and every argument of its main call give success or a ValidationError —
 * never another error, never a raw TypeError, never a hang — and a ValidationError
 * means the counting 127.0.0.1 server received nothing. Each option takes well-typed
 * values (from the test), values of the wrong type (below) or is left out.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { propertyRuns } from './property-runs';
import type { TestServer } from './test-server';

/**
 * What no option wants, or wants only in some shapes: null, odd numbers, broken text, objects, arrays, functions, symbols.
 * No URL here is valid for any option: a valid non-loopback one (with `allowInsecureHttp`) would be fetched, off this machine.
 */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, NaN, Infinity, -Infinity, -1, 0, -0, 0.5, 1e308, -1e308, Number.MIN_VALUE, 2 ** 53, 10n, true, false),
  fc.constantFrom('', ' ', 'a\r\nx-injected: b', 'a\nb', 'a\0b', 'caf\u00e9 \u0101', '\u{1F511}', '\uD800', 'ftp://127.0.0.1/things', '[object Object]'),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constant(Symbol('option')),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.func(fc.anything({ maxDepth: 1 })),
);

/** The wrong values that are not functions: for options whose functions are called as given (`fetch`). */
export const wrongNonFunction = wrongValue.filter((value) => typeof value !== 'function');

/** Text a header can carry: tabs, visible ASCII, Latin-1. */
export const latin1Text = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((code) => String.fromCharCode(code)), maxLength: 16 });
const headerName = fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((name) => `x-${name}`);

/** Mostly `valid`, sometimes `wrong`: an option's nested values, valid in most runs so that most runs reach the server. */
export const mostly = <T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown> = wrongValue) => fc.oneof({ weight: 10, arbitrary: valid }, { weight: 1, arbitrary: wrong });

/** Headers in every form fetch takes (record, `[name, value]` pairs, `Headers`), valid or not. */
export const headersValue: fc.Arbitrary<unknown> = mostly(
  fc.oneof(
    fc.dictionary(headerName, fc.oneof(latin1Text, fc.integer(), fc.constant(undefined)), { maxKeys: 3 }),
    fc.array(fc.tuple(headerName, fc.oneof(latin1Text, fc.constant(undefined))), { maxLength: 3 }),
    fc.dictionary(headerName, latin1Text, { maxKeys: 3 }).map((record) => new Headers(record)),
  ),
  fc.oneof(
    fc.dictionary(fc.oneof(headerName, fc.string({ maxLength: 4 })), wrongValue, { maxKeys: 2 }),
    fc.array(fc.oneof(fc.tuple(headerName, wrongValue), wrongValue), { maxLength: 2 }),
  ),
);

/** A lock time wrong in ways a number check may miss: a bigint or symbol (no arithmetic), an unsafe integer (from 1e21 up, its text `1e+21` is no PX Redis takes). */
const wrongLockTime = fc.oneof(wrongValue, fc.constantFrom(10n, Symbol('ms'), 2 ** 53, 1e308, '1000'));

/** Values for `tokenStoreLock`: a lease and a wait of whole ms, each mostly valid. */
export const tokenStoreLockValue: fc.Arbitrary<unknown> = fc.record(
  { leaseMs: mostly(fc.integer({ min: 1, max: 60_000 }), wrongLockTime), waitMs: mostly(fc.integer({ min: 1, max: 60_000 }), wrongLockTime) },
  { requiredKeys: [] },
);

/** `store` with a lock that runs the refresh at once: so that the lock's options are used, as a Redis store's are. */
export const withInProcessLock = <S extends object>(store: S) => ({ ...store, withLock: <R>(_key: string, refresh: () => Promise<R>) => refresh() });

/** A signal that has not aborted, made per run. */
export const liveSignal = fc.constant(null).map(() => new AbortController().signal);

/** Real time, as a caller's own clock would keep it (a wait past setTimeout's 2^31-1 ms stays a long wait). */
const realClock = {
  now: () => Date.now(),
  sleep: (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, Math.min(ms, 2 ** 31 - 1));
      signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    }),
};

/** Values for `timeoutMs`, `maxRetries`, `retryTiming`, `log`, `clock`, `random`, `allowInsecureHttp`, `maxResponseBytes`: every client takes these. */
export const commonOptions = (): Record<string, fc.Arbitrary<unknown>> => ({
  timeoutMs: fc.oneof(fc.integer({ min: 10_000, max: 2 ** 32 }), fc.constant(1e308)),
  maxRetries: fc.oneof(fc.nat(5), fc.constant(2 ** 53)),
  retryTiming: fc.record(
    { initialDelayMs: mostly(fc.oneof(fc.nat(5), fc.double({ min: 0, max: 5, noNaN: true }))), maxDelayMs: mostly(fc.integer({ min: 5, max: 60_000 })) },
    { requiredKeys: [] },
  ),
  log: fc.oneof(fc.constant(() => {}), fc.func(fc.anything({ maxDepth: 1 }))),
  clock: mostly(fc.constant(realClock), fc.record({ now: wrongValue }, { requiredKeys: [] })),
  random: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((value) => () => value),
  allowInsecureHttp: fc.boolean(),
  maxResponseBytes: fc.oneof(fc.integer({ min: 100_000, max: 2 ** 40 }), fc.constant(2 ** 53)),
  headers: fc.oneof(headersValue, headersValue.map((headers) => () => headers)),
});

/** Per-call options every client's main call passes on to core. */
export const commonCallOptions = (): Record<string, fc.Arbitrary<unknown>> => ({
  signal: fc.oneof(liveSignal, fc.constant(undefined)),
  timeoutMs: fc.integer({ min: 10_000, max: 2 ** 32 }),
});

/** Leaves an option out, as a caller who does not give it. */
const MISSING = Symbol('missing');

/**
 * Each option: well-typed (mostly), of the wrong type, or missing — `baseUrl` aside, which is never
 * left out nor null (a provider's default is the real provider: not a call for a test).
 */
export function optionsOf(model: Record<string, fc.Arbitrary<unknown>>, wrongFor: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(model).map(([name, valid]) => [
    name,
    fc.oneof(
      { weight: 30, arbitrary: valid },
      // A provider's client takes a null baseUrl as none, as a missing one.
      { weight: 1, arbitrary: wrongFor[name] ?? (name === 'baseUrl' ? wrongValue.filter((value) => value !== null) : wrongValue) },
      { weight: name === 'baseUrl' ? 0 : 1, arbitrary: fc.constant(MISSING) },
    ),
  ]);
  return fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<unknown>>).map((record) => {
    const options: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(record)) if (value !== MISSING) options[name] = value;
    return options;
  });
}

export interface OptionsProperty {
  /** Names the run in the printed seed line. */
  readonly name: string;
  readonly numRuns: number;
  /** A server on 127.0.0.1 answering the call with success; its requests are counted. */
  readonly server: () => Promise<TestServer>;
  /** Well-typed values per client option (the base URL given as the server's). */
  readonly options: (baseUrl: string) => Record<string, fc.Arbitrary<unknown>>;
  /** Well-typed values per argument of the call: an options record of its own (each option mutated), or an arbitrary of the whole argument. */
  readonly args: readonly (Record<string, fc.Arbitrary<unknown>> | fc.Arbitrary<unknown>)[];
  /** Wrong values for the options that want others than `wrongValue` (e.g. `fetch`: no functions). */
  readonly wrongFor?: Record<string, fc.Arbitrary<unknown>>;
  /** Creates the client and makes the call; resolves on success. */
  readonly call: (options: Record<string, unknown>, args: unknown[]) => Promise<unknown>;
  /** The package's ValidationError. */
  readonly ValidationError: abstract new (...args: never[]) => Error;
  /** At least this many runs must succeed (the rest were refused before a request). */
  readonly minSuccesses: number;
}

/** An argument as a whole: mostly its options record, sometimes null, a wrong value, or left out. */
const argumentOf = (record: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 30, arbitrary: record }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrongValue }, { weight: 1, arbitrary: fc.constant(undefined) });

export async function assertOptionsGiveSuccessOrValidationError(property: OptionsProperty): Promise<void> {
  const server = await property.server();
  let successes = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        optionsOf(property.options(server.url), property.wrongFor ?? {}),
        fc.tuple(...property.args.map((arg) => argumentOf(arg instanceof fc.Arbitrary ? arg : optionsOf(arg, property.wrongFor ?? {})))),
        async (options, args) => {
          const before = server.requests.length;
          let timer: ReturnType<typeof setTimeout> | undefined;
          const hang = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('hang'), 20_000)));
          // Called inside a promise chain: a factory that throws counts as the call failing.
          const outcome = await Promise.race([
            Promise.resolve()
              .then(() => property.call(options, args))
              .then(() => 'success', (error: unknown) => error),
            hang,
          ]).finally(() => clearTimeout(timer));
          if (outcome === 'success') return void successes++;
          expect(outcome, String(outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : outcome)).toBeInstanceOf(property.ValidationError);
          expect(server.requests.length, 'requests sent before a ValidationError').toBe(before);
        },
      ),
      propertyRuns(property.name, property.numRuns),
    );
  } finally {
    await server.close();
  }
  console.log(`fast-check ${property.name}: ${successes} of ${property.numRuns} runs succeeded, the others were ValidationErrors with nothing sent`);
  expect(successes).toBeGreaterThanOrEqual(property.minSuccesses);
}
