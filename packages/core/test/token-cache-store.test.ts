/**
 * The token cache with a store: plain records (JSON text, expiry as epoch ms), encryption
 * at rest, the in-memory copy in front of the store, the shared-store lock and watch, and
 * a store that fails or hangs (the cache goes on without it). Token time is an injected clock.
 */
import { describe, expect, it } from 'vitest';
import { createTokenCache, encryptedTokenStore, memoryTokenStore, type StoredToken, type TokenCacheEvent, type TokenCacheOptions, type TokenStore } from '../src/index';
import { fakeClock, type FakeClock } from './support/fake-clock';
import { sharedStore } from './support/shared-store';

interface Token {
  readonly token: string;
  readonly expiresAt: Date;
  readonly raw: { readonly refreshToken: string };
}

const MINUTE = 60_000;
const KEY = 'test:account-1';
const ENCRYPTION_KEY = new Uint8Array(32).fill(7);

/** One upstream shared by every cache of a test: it counts requests across "processes". */
function upstream(clock: FakeClock) {
  let requests = 0;
  let gate: Promise<void> | undefined;
  let release: (() => void) | undefined;
  return {
    requests: () => requests,
    hold() {
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release?.();
      };
    },
    cache(options: Partial<TokenCacheOptions<Token>> = {}) {
      const events: TokenCacheEvent[] = [];
      const cache = createTokenCache<Token>({
        key: KEY,
        clock,
        log: (event) => events.push(event),
        fetchToken: async () => {
          const number = ++requests;
          if (gate) await gate;
          return { token: `token-${number}`, expiresAt: new Date(clock.now() + 60 * MINUTE), raw: { refreshToken: `refresh-${number}` } };
        },
        ...options,
      });
      return Object.assign(cache, { events });
    },
  };
}

/** Lets what runs in the background (a renewal, a store write) come to its end. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createTokenCache with a store: plain records', () => {
  it('stores JSON text with the expiry in epoch ms and a record id, and reads back every field, the Date too', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const store = memoryTokenStore();
    const first = await up.cache({ store }).get();
    const record = store.get(KEY) as StoredToken;
    expect(record).toEqual({ value: expect.any(String), expiresAt: first.expiresAt.getTime(), id: expect.any(String) });
    expect(JSON.parse(record.value)).toEqual({ token: 'token-1', expiresAt: first.expiresAt.getTime(), raw: { refreshToken: 'refresh-1' } });
    // Another client of the process finds it there: no request, the same token, a Date again.
    const second = await up.cache({ store }).get();
    expect(second).toEqual(first);
    expect(second.expiresAt).toBeInstanceOf(Date);
    expect(up.requests()).toBe(1);
  });

  it('keeps accounts apart by key', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const store = memoryTokenStore();
    const one = await up.cache({ store }).get();
    const other = await up.cache({ store, key: 'test:account-2' }).get();
    expect([one.token, other.token]).toEqual(['token-1', 'token-2']);
  });

  it('a cached get() makes no store round trip while its in-memory copy is fresh', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const shared = sharedStore();
    const cache = up.cache({ store: shared.view() });
    await cache.get();
    const before = shared.calls.length;
    for (let call = 0; call < 100; call++) await cache.get();
    expect(shared.calls.slice(before)).toEqual([]);
  });

  it('a record that does not parse is logged and replaced', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const store = memoryTokenStore();
    store.set(KEY, { value: 'not json', expiresAt: clock.now() + MINUTE, id: 'x' }, MINUTE);
    const cache = up.cache({ store });
    expect((await cache.get()).token).toBe('token-1');
    expect(cache.events).toEqual([{ type: 'store-error', provider: 'tokens', key: KEY, operation: 'decode', error: 'SyntaxError' }]);
  });
});

describe('createTokenCache with a store: encryption at rest', () => {
  it('an encrypted record contains no token in plaintext, and a cache with the same key reads it', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const store = memoryTokenStore();
    const first = await up.cache({ store: encryptedTokenStore(store, ENCRYPTION_KEY) }).get();
    const stored = JSON.stringify(store.get(KEY));
    expect(stored).not.toContain('token-1');
    expect(stored).not.toContain('refresh-1');
    const base64Key = btoa(String.fromCharCode(...ENCRYPTION_KEY));
    expect(await up.cache({ store: encryptedTokenStore(store, base64Key) }).get()).toEqual(first);
    const cryptoKey = await crypto.subtle.importKey('raw', ENCRYPTION_KEY, 'AES-GCM', false, ['encrypt', 'decrypt']);
    expect(await up.cache({ store: encryptedTokenStore(store, cryptoKey) }).get()).toEqual(first);
    expect(up.requests()).toBe(1);
  });

  it('a record under another key, or read with another encryption key, does not decrypt: a new token is fetched', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const store = memoryTokenStore();
    await up.cache({ store: encryptedTokenStore(store, ENCRYPTION_KEY) }).get();
    // A record copied under another account's key: the store key is the AES-GCM additional data.
    store.set('test:account-2', store.get(KEY) as StoredToken, MINUTE);
    const other = up.cache({ store: encryptedTokenStore(store, ENCRYPTION_KEY), key: 'test:account-2' });
    expect((await other.get()).token).toBe('token-2');
    const wrongKey = up.cache({ store: encryptedTokenStore(store, new Uint8Array(32).fill(8)) });
    expect((await wrongKey.get()).token).toBe('token-3');
    expect(wrongKey.events.map((event) => `${event.operation} ${event.error}`)).toEqual(['decode OperationError']);
  });
});

describe('createTokenCache with a shared store: lock and watch', () => {
  it('caches of several processes, cold and all at once, ask the provider once under the lock', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const shared = sharedStore();
    const release = up.hold();
    const caches = Array.from({ length: 8 }, () => up.cache({ store: shared.view() }));
    const pending = caches.flatMap((cache) => Array.from({ length: 25 }, () => cache.get()));
    await settle();
    release();
    const tokens = await Promise.all(pending);
    expect(up.requests()).toBe(1);
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(['token-1']));
  });

  it('processes renewing in the background at once: later lock holders find the token of the first and ask nothing', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const shared = sharedStore();
    const caches = Array.from({ length: 4 }, () => up.cache({ store: shared.view() }));
    for (const cache of caches) await cache.get();
    expect(up.requests()).toBe(1);
    clock.advance(56 * MINUTE); // inside the refresh window everywhere
    const release = up.hold();
    for (const cache of caches) expect((await cache.get()).token).toBe('token-1');
    await settle();
    release();
    await settle();
    expect(up.requests()).toBe(2);
    for (const cache of caches) expect((await cache.get()).token).toBe('token-2');
  });

  it('after another process renewed, a notification drops the in-memory copy and the next call reads the store', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const shared = sharedStore();
    const one = up.cache({ store: shared.view() });
    const two = up.cache({ store: shared.view() });
    expect((await one.get()).token).toBe('token-1');
    expect((await two.get()).token).toBe('token-1');
    await one.get({ forceRefresh: true });
    expect((await two.get()).token).toBe('token-2');
    expect(up.requests()).toBe(2);
  });

  it('one refused token reported in two processes makes one refresh', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const shared = sharedStore();
    const one = up.cache({ store: shared.view() });
    const two = up.cache({ store: shared.view() });
    const refused = await one.get();
    await two.get();
    await Promise.all([one.invalidate(refused.token), two.invalidate(refused.token)]);
    expect(up.requests()).toBe(2);
    expect([(await one.get()).token, (await two.get()).token]).toEqual(['token-2', 'token-2']);
  });
});

describe('createTokenCache with a store that fails', () => {
  const failing = (fail: 'get' | 'set' | 'withLock'): TokenStore => {
    const inner = memoryTokenStore();
    const boom = () => Promise.reject(Object.assign(new Error('connection lost, value token-1'), { name: 'StoreDown' }));
    return {
      get: fail === 'get' ? boom : async (key) => inner.get(key),
      set: fail === 'set' ? boom : async (key, record, ttlMs) => inner.set(key, record, ttlMs),
      delete: async (key) => inner.delete(key),
      ...(fail === 'withLock' && { withLock: boom }),
    };
  };

  for (const operation of ['get', 'set', 'withLock'] as const) {
    it(`${operation} throwing: every caller is served by this process's own single flight, and it is logged by name only`, async () => {
      const clock = fakeClock();
      const up = upstream(clock);
      const cache = up.cache({ store: failing(operation), provider: 'acme' });
      const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
      expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(['token-1']));
      expect(up.requests()).toBe(1);
      expect(cache.events[0]).toEqual({ type: 'store-error', provider: 'acme', key: KEY, operation: operation === 'withLock' ? 'lock' : operation, error: 'StoreDown' });
      expect(JSON.stringify(cache.events)).not.toContain('token-1');
    });
  }

  it('a token that cannot be encoded for the store is still served, and the failure logged', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const codec = { encode: () => JSON.parse('not json') as string, decode: () => ({}) as Token };
    const cache = up.cache({ store: memoryTokenStore(), codec });
    expect((await cache.get()).token).toBe('token-1');
    expect(cache.events.map((event) => `${event.operation} ${event.error}`)).toEqual(['set SyntaxError']);
  });

  it('a store that never answers: the cache waits storeTimeoutMs at most, then serves from its own request', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const never = new Promise<never>(() => {});
    const store: TokenStore = { get: () => never, set: () => never, delete: () => never, withLock: () => never };
    const cache = up.cache({ store, storeTimeoutMs: 20 });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.get()));
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(['token-1']));
    expect(up.requests()).toBe(1);
    // Once a read failed, the lock is not waited for: the store looks down.
    expect(cache.events.map((event) => `${event.operation} ${event.error}`)).toEqual(['get TimeoutError', 'set TimeoutError']);
    // The in-memory copy goes on serving while the store stays silent.
    expect((await cache.get()).token).toBe('token-1');
  });

  it('a lock that is never granted: the cache waits lock.waitMs (and storeTimeoutMs) at most, then refreshes alone', async () => {
    const clock = fakeClock();
    const up = upstream(clock);
    const inner = memoryTokenStore();
    const store: TokenStore = { ...inner, withLock: () => new Promise<never>(() => {}) };
    const cache = up.cache({ store, storeTimeoutMs: 10, lock: { waitMs: 10 } });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.get()));
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(['token-1']));
    expect(up.requests()).toBe(1);
    expect(cache.events.map((event) => `${event.operation} ${event.error}`)).toEqual(['lock TimeoutError']);
    expect(JSON.parse((inner.get(KEY) as StoredToken).value).token).toBe('token-1');
  });
  it.each([
    ['a string', 'short', ['lock']],
    ['null', null, ['lock']],
    ['leaseMs 0 and waitMs 0.5', { leaseMs: 0, waitMs: 0.5 }, ['lock.leaseMs', 'lock.waitMs']],
    ['leaseMs NaN', { leaseMs: NaN }, ['lock.leaseMs']],
    ['leaseMs Infinity', { leaseMs: Infinity }, ['lock.leaseMs']],
    // Redis would be sent PX 1e+308 and refuse it: the lock would never be taken.
    ['leaseMs 1e308', { leaseMs: 1e308 }, ['lock.leaseMs']],
    // Added to storeTimeoutMs: a raw TypeError at the first refresh, before this check.
    ['waitMs a bigint', { waitMs: 10n }, ['lock.waitMs']],
    ['leaseMs a numeric string', { leaseMs: '1000' }, ['lock.leaseMs']],
  ])('a bad lock (%s) is a ValidationError at creation naming it, nothing fetched', (_name, lock, paths) => {
    const up = upstream(fakeClock());
    const store: TokenStore = { ...memoryTokenStore(), withLock: (_key, fn) => fn() };
    expect(() => up.cache({ store, lock: lock as never })).toThrow(expect.objectContaining({ name: 'ValidationError', issues: paths.map((path) => expect.objectContaining({ path })) }));
    expect(up.requests()).toBe(0);
  });

  it('a whole lock, or part of one (unknown members ignored, as in every options record), is taken', async () => {
    const seen: unknown[] = [];
    const store: TokenStore = { ...memoryTokenStore(), withLock: (_key, fn, lock) => (seen.push(lock), fn()) };
    const up = upstream(fakeClock());
    await up.cache({ store, lock: { leaseMs: 2 ** 53 - 1, waitMs: 1 } }).get();
    await up.cache({ store: { ...store, get: () => undefined }, lock: { leaseMs: 500, note: 'x' } as never }).get();
    expect(seen).toEqual([
      { leaseMs: 2 ** 53 - 1, waitMs: 1 },
      { leaseMs: 500, waitMs: 35_000, note: 'x' },
    ]);
  });
});
