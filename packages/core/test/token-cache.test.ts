/** The token cache, on an injected clock: nothing here waits for real time. */
import { describe, expect, it } from 'vitest';
import { createTokenCache, memoryTokenStore, TimeoutError, type Clock, type TokenStore } from '../src/index';

interface Token {
  readonly token: string;
  readonly expiresAt: Date;
}

const MINUTE = 60_000;

function setup(options: { lifetimeMs?: number; refreshWindowMs?: number; store?: TokenStore<Token> } = {}) {
  let now = Date.UTC(2026, 0, 1);
  const clock: Clock = { now: () => now, sleep: async () => {} };
  let requests = 0;
  let failNext = 0;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const cache = createTokenCache<Token>({
    clock,
    ...(options.refreshWindowMs === undefined ? {} : { refreshWindowMs: options.refreshWindowMs }),
    ...(options.store ? { store: options.store } : {}),
    fetchToken: async () => {
      requests += 1;
      const number = requests;
      if (gate) await gate;
      if (failNext > 0) {
        failNext -= 1;
        throw new Error(`upstream failure ${number}`);
      }
      return { token: `token-${number}`, expiresAt: new Date(now + (options.lifetimeMs ?? 60 * MINUTE)) };
    },
  });
  return {
    cache,
    requests: () => requests,
    advance: (ms: number) => void (now += ms),
    failNext: (count = 1) => void (failNext = count),
    /** Holds upstream answers until released, so callers pile up on one request. */
    hold: () => {
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release?.();
      };
    },
  };
}

describe('createTokenCache', () => {
  it('makes exactly one upstream request for 1,000 concurrent callers on a cold cache', async () => {
    const { cache, requests, hold } = setup();
    const release = hold();
    const pending = Array.from({ length: 1000 }, () => cache.get());
    release();
    const tokens = await Promise.all(pending);
    expect(requests()).toBe(1);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['token-1']));
  });

  it('serves the cached token until the refresh window, without asking again', async () => {
    const { cache, requests, advance } = setup({ lifetimeMs: 60 * MINUTE });
    expect((await cache.get()).token).toBe('token-1');
    advance(54 * MINUTE); // 6 minutes left: outside the default 5-minute window
    expect((await cache.get()).token).toBe('token-1');
    expect(requests()).toBe(1);
  });

  it('makes one new request for a call inside the refresh window, shared by concurrent callers', async () => {
    const { cache, requests, advance, hold } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(56 * MINUTE); // 4 minutes left: inside the window
    const release = hold();
    const pending = Array.from({ length: 50 }, () => cache.get());
    release();
    const tokens = await Promise.all(pending);
    expect(requests()).toBe(2);
    expect(tokens.every((t) => t.token === 'token-2')).toBe(true);
    expect((await cache.get()).token).toBe('token-2');
    expect(requests()).toBe(2);
  });

  it('honours a custom refresh window', async () => {
    const { cache, requests, advance } = setup({ lifetimeMs: 60 * MINUTE, refreshWindowMs: 30 * MINUTE });
    await cache.get();
    advance(31 * MINUTE);
    expect((await cache.get()).token).toBe('token-2');
    expect(requests()).toBe(2);
  });

  it('does not cache a failure: the next call asks again', async () => {
    const { cache, requests, failNext } = setup();
    failNext();
    await expect(cache.get()).rejects.toThrow('upstream failure 1');
    expect((await cache.get()).token).toBe('token-2');
    expect(requests()).toBe(2);
  });

  it('rejects every caller sharing a failed request, then recovers', async () => {
    const { cache, requests, failNext, hold } = setup();
    failNext();
    const release = hold();
    const pending = Array.from({ length: 10 }, () => cache.get());
    release();
    const results = await Promise.allSettled(pending);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(requests()).toBe(1);
    expect((await cache.get()).token).toBe('token-2');
  });

  it('keeps serving a still-valid token when a refresh inside the window fails, and asks again next call', async () => {
    const { cache, requests, advance, failNext } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(57 * MINUTE);
    failNext();
    expect((await cache.get()).token).toBe('token-1');
    expect((await cache.get()).token).toBe('token-3');
    expect(requests()).toBe(3);
  });

  it('never returns an expired token: a failed refresh after expiry rejects', async () => {
    const { cache, advance, failNext } = setup({ lifetimeMs: 10 * MINUTE });
    const first = await cache.get();
    advance(10 * MINUTE + 1);
    failNext();
    await expect(cache.get()).rejects.toThrow('upstream failure 2');
    const next = await cache.get();
    expect(next.token).toBe('token-3');
    expect(next).not.toBe(first);
  });

  it('never returns an expired token even with a zero refresh window', async () => {
    const { cache, advance } = setup({ lifetimeMs: 10 * MINUTE, refreshWindowMs: 0 });
    await cache.get();
    advance(10 * MINUTE);
    expect((await cache.get()).token).toBe('token-2');
  });

  it('asks for a new token on forceRefresh, whatever the cache holds', async () => {
    const { cache, requests } = setup();
    await cache.get();
    expect((await cache.get({ forceRefresh: true })).token).toBe('token-2');
    expect((await cache.get()).token).toBe('token-2');
    expect(requests()).toBe(2);
  });

  it('forgets its token on clear()', async () => {
    const { cache, requests } = setup();
    await cache.get();
    await cache.clear();
    expect((await cache.get()).token).toBe('token-2');
    expect(requests()).toBe(2);
  });

  it('keeps tokens in the store it is given (an async one, as a shared store would be)', async () => {
    const inner = memoryTokenStore<Token>();
    const writes: string[] = [];
    const store: TokenStore<Token> = {
      get: async (key) => inner.get(key),
      set: async (key, value) => {
        writes.push(`${key}=${value.token}`);
        await inner.set(key, value);
      },
      delete: async (key) => inner.delete(key),
    };
    const { cache, requests } = setup({ store });
    await cache.get();
    await cache.get();
    expect(writes).toEqual(['token=token-1']);
    expect(requests()).toBe(1);
  });

  it('a fetchToken that throws synchronously does not wedge the cache', async () => {
    let calls = 0;
    const cache = createTokenCache<Token>({
      fetchToken: (() => {
        calls += 1;
        if (calls === 1) throw new Error('sync failure');
        return Promise.resolve({ token: 'ok', expiresAt: new Date(Date.now() + 60 * MINUTE) });
      }) as () => Promise<Token>,
    });
    await expect(cache.get()).rejects.toThrow('sync failure');
    expect((await cache.get()).token).toBe('ok');
  });
});

describe('createTokenCache: a caller that stops waiting', () => {
  it('rejects with the signal reason when the signal aborts, while the shared request goes on and is cached', async () => {
    const { cache, requests, hold } = setup();
    const release = hold();
    const controller = new AbortController();
    const impatient = cache.get({ signal: controller.signal });
    const patient = cache.get();
    controller.abort(new Error('caller gave up'));
    await expect(impatient).rejects.toThrow('caller gave up');
    release();
    expect((await patient).token).toBe('token-1');
    expect((await cache.get()).token).toBe('token-1');
    expect(requests()).toBe(1);
  });

  it('rejects an already aborted signal without asking upstream', async () => {
    const { cache, requests } = setup();
    await expect(cache.get({ signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
    expect(requests()).toBe(0);
  });

  it('times out with a TimeoutError naming the provider, on the injected clock', async () => {
    let sleeps: number[] = [];
    let wake: (() => void) | undefined;
    const clock: Clock = {
      now: () => 0,
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise<void>((resolve) => (wake = resolve));
      },
    };
    let answer: ((token: Token) => void) | undefined;
    const cache = createTokenCache<Token>({
      provider: 'acme',
      clock,
      fetchToken: () => new Promise<Token>((resolve) => (answer = resolve)),
    });
    const waiting = cache.get({ timeoutMs: 250 });
    await Promise.resolve();
    await Promise.resolve();
    expect(sleeps).toEqual([250]);
    wake!();
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe('acme: no token within 250 ms');
    expect((error as TimeoutError).timeoutMs).toBe(250);
    answer!({ token: 'late', expiresAt: new Date(60 * MINUTE) });
    sleeps = [];
    expect((await cache.get({ timeoutMs: 250 })).token).toBe('late');
  });
});
