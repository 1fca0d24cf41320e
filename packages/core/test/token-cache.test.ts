/** The token cache's policy, on an injected clock: nothing here waits for real time. */
import { describe, expect, it } from 'vitest';
import { createTokenCache, encryptedTokenStore, memoryTokenStore, TimeoutError, ValidationError, type TokenStore } from '../src/index';
import { fakeClock } from './support/fake-clock';

interface Token {
  readonly token: string;
  readonly expiresAt: Date;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** An upstream error that carries the provider's Retry-After, as core's rate-limit error does. */
class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super('429 Too Many Requests');
  }
}

function setup(options: { lifetimeMs?: number; refreshWindowMs?: number; store?: TokenStore } = {}) {
  const clock = fakeClock();
  let requests = 0;
  const failures: Error[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const replaced: (string | undefined)[] = [];
  const cache = createTokenCache<Token>({
    key: 'test:account',
    clock,
    ...(options.refreshWindowMs === undefined ? {} : { refreshWindowMs: options.refreshWindowMs }),
    ...(options.store ? { store: options.store } : {}),
    fetchToken: async (replacing) => {
      requests += 1;
      replaced.push(replacing?.token);
      const number = requests;
      if (gate) await gate;
      const failure = failures.shift();
      if (failure) throw failure;
      return { token: `token-${number}`, expiresAt: new Date(clock.now() + (options.lifetimeMs ?? 60 * MINUTE)) };
    },
  });
  return {
    cache,
    clock,
    replaced,
    requests: () => requests,
    advance: (ms: number) => clock.advance(ms),
    failNext: (error: Error = new Error(`upstream failure ${requests + 1}`), count = 1) => {
      for (let i = 0; i < count; i++) failures.push(error);
    },
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

/** Lets a background renewal run to its end. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

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

  it('a cached get() hands every caller the same settled promise: nothing is made per call', async () => {
    const { cache } = setup();
    await cache.get();
    expect(cache.get()).toBe(cache.get());
  });

  it('inside the refresh window serves the valid token at once while one background request runs', async () => {
    const { cache, requests, advance, hold } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(56 * MINUTE); // 4 minutes left: inside the window
    const release = hold();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(tokens.every((t) => t.token === 'token-1')).toBe(true);
    expect(requests()).toBe(2);
    release();
    await settle();
    expect((await cache.get()).token).toBe('token-2');
    expect(requests()).toBe(2);
  });

  it('caps the refresh window at half the lifetime: 100 calls with a 60 s token make 1 request', async () => {
    const { cache, requests, advance } = setup({ lifetimeMs: 60 * SECOND });
    for (let call = 0; call < 100; call++) {
      expect((await cache.get()).token).toBe('token-1');
      advance(250); // 25 s in all: still before the capped window (30 s before expiry)
    }
    expect(requests()).toBe(1);
  });

  it('honours a custom refresh window', async () => {
    const { cache, requests, advance } = setup({ lifetimeMs: 60 * MINUTE, refreshWindowMs: 10 * MINUTE });
    await cache.get();
    advance(49 * MINUTE);
    expect(requests()).toBe(1);
    expect((await cache.get()).token).toBe('token-1');
    advance(2 * MINUTE);
    expect((await cache.get()).token).toBe('token-1');
    await settle();
    expect(requests()).toBe(2);
    expect((await cache.get()).token).toBe('token-2');
  });

  it('makes callers wait inside the forced window (30 s before expiry, at most a tenth of the lifetime)', async () => {
    const { cache, requests, advance, hold } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(60 * MINUTE - 29 * SECOND);
    const release = hold();
    const pending = Array.from({ length: 20 }, () => cache.get());
    release();
    expect((await Promise.all(pending)).every((t) => t.token === 'token-2')).toBe(true);
    expect(requests()).toBe(2);
  });

  it('does not cache a failure when it holds no token: the next call asks again', async () => {
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

  it('retries a failed background refresh after a backoff, not on every call, serving the valid token', async () => {
    const { cache, requests, advance, failNext } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(56 * MINUTE);
    failNext(new Error('outage'), 2);
    expect((await cache.get()).token).toBe('token-1');
    await settle();
    expect(requests()).toBe(2);
    for (let call = 0; call < 50; call++) expect((await cache.get()).token).toBe('token-1');
    expect(requests()).toBe(2); // within the first backoff (1 s)
    advance(SECOND);
    await cache.get();
    await settle();
    expect(requests()).toBe(3); // failed again: the next backoff is 2 s
    advance(SECOND);
    await cache.get();
    await settle();
    expect(requests()).toBe(3);
    advance(SECOND);
    expect((await cache.get()).token).toBe('token-1');
    await settle();
    expect(requests()).toBe(4);
    expect((await cache.get()).token).toBe('token-4');
  });

  it('during a 429 with Retry-After serves the valid token and sends nothing before it passes', async () => {
    const { cache, requests, advance, failNext } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(56 * MINUTE);
    failNext(new RateLimited(225 * SECOND));
    await cache.get();
    await settle();
    expect(requests()).toBe(2);
    // Through the refresh window and into the forced window (from 59:30): the provider said wait until 59:45.
    for (let second = 0; second < 224; second++) {
      advance(SECOND);
      expect((await cache.get()).token).toBe('token-1');
    }
    expect(requests()).toBe(2);
    advance(SECOND);
    expect((await cache.get()).token).toBe('token-3');
    expect(requests()).toBe(3);
  });

  it('once no valid token is left during a Retry-After, callers get the error without a request', async () => {
    const { cache, requests, advance, failNext } = setup({ lifetimeMs: 10 * MINUTE });
    await cache.get();
    advance(9 * MINUTE);
    const limited = new RateLimited(5 * MINUTE);
    failNext(limited);
    await cache.get();
    await settle();
    advance(MINUTE);
    await expect(cache.get()).rejects.toBe(limited);
    expect(requests()).toBe(2);
    advance(4 * MINUTE);
    expect((await cache.get()).token).toBe('token-3');
  });

  it('reads Retry-After from the response an error carries', async () => {
    const { cache, requests, advance, failNext } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(56 * MINUTE);
    failNext(Object.assign(new Error('503'), { response: new Response(null, { status: 503, headers: { 'Retry-After': '90' } }) }));
    await cache.get();
    await settle();
    advance(89 * SECOND);
    await cache.get();
    expect(requests()).toBe(2);
    advance(SECOND);
    await cache.get();
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

  it('a failed forced-window refresh still serves the valid token', async () => {
    const { cache, advance, failNext } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(60 * MINUTE - 10 * SECOND);
    failNext();
    expect((await cache.get()).token).toBe('token-1');
  });

  it('gives fetchToken the token it replaces', async () => {
    const { cache, replaced } = setup();
    await cache.get();
    await cache.get({ forceRefresh: true });
    expect(replaced).toEqual([undefined, 'token-1']);
  });

  it('rejects bad options, and a bad encryption key, with a ValidationError that does not show the key', () => {
    const secret = 'c2VjcmV0LWtleS10aGF0LWlzLXRvby1zaG9ydA==';
    const thrown = (make: () => unknown) => {
      try {
        make();
      } catch (caught) {
        return caught;
      }
      return undefined;
    };
    const badKey = thrown(() => createTokenCache<Token>({ key: '', fetchToken: async () => ({ token: 't', expiresAt: new Date() }) }));
    expect(badKey).toBeInstanceOf(ValidationError);
    expect((badKey as ValidationError).issues.map((issue) => issue.path)).toEqual(['key']);
    const error = thrown(() => encryptedTokenStore(memoryTokenStore(), secret));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['encryptionKey']);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(String(error)).not.toContain(secret);
  });

  it('a fetchToken that throws synchronously does not wedge the cache', async () => {
    let calls = 0;
    const cache = createTokenCache<Token>({
      key: 'test:sync',
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

describe('createTokenCache: forceRefresh', () => {
  it('asks for a new token, whatever the cache holds', async () => {
    const { cache, requests } = setup();
    await cache.get();
    expect((await cache.get({ forceRefresh: true })).token).toBe('token-2');
    expect((await cache.get()).token).toBe('token-2');
    expect(requests()).toBe(2);
  });

  it('never returns the token it replaces when it joins a refresh that fails', async () => {
    const { cache, advance, failNext, hold } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(56 * MINUTE);
    failNext();
    const release = hold();
    expect((await cache.get()).token).toBe('token-1'); // starts the background refresh
    const forced = cache.get({ forceRefresh: true }); // joins it
    release();
    await expect(forced).rejects.toThrow('upstream failure 2');
  });

  it('a plain call meeting a failing forced refresh still gets the valid token', async () => {
    const { cache, failNext, hold } = setup();
    await cache.get();
    failNext();
    const release = hold();
    const forced = cache.get({ forceRefresh: true });
    const plain = cache.get();
    release();
    await expect(forced).rejects.toThrow('upstream failure 2');
    expect((await plain).token).toBe('token-1');
  });

  it('a plain call in the forced window that joins a failing forced refresh still gets the valid token', async () => {
    const { cache, advance, failNext, hold } = setup({ lifetimeMs: 60 * MINUTE });
    await cache.get();
    advance(60 * MINUTE - 10 * SECOND);
    failNext();
    const release = hold();
    const forced = cache.get({ forceRefresh: true });
    const plain = cache.get();
    release();
    await expect(forced).rejects.toThrow('upstream failure 2');
    expect((await plain).token).toBe('token-1');
  });
});

describe('createTokenCache: invalidate', () => {
  it('100 concurrent reports of one refused token make 1 refresh, and every caller then gets the new token', async () => {
    const { cache, requests, hold } = setup();
    const refused = await cache.get();
    const release = hold();
    const reports = Array.from({ length: 100 }, () => cache.invalidate(refused.token));
    const waiting = cache.get(); // a caller arriving meanwhile is not handed the refused token
    release();
    await Promise.all(reports);
    expect(requests()).toBe(2);
    expect((await waiting).token).toBe('token-2');
    expect((await cache.get()).token).toBe('token-2');
  });

  it('a late report about a token the cache no longer holds does nothing', async () => {
    const { cache, requests } = setup();
    const old = await cache.get();
    await cache.invalidate(old.token);
    expect(requests()).toBe(2);
    await cache.invalidate(old.token); // reported by a caller that still held token-1
    await cache.invalidate('never-issued');
    expect(requests()).toBe(2);
    expect((await cache.get()).token).toBe('token-2');
  });

  it('does not serve the refused token when its refresh fails', async () => {
    const { cache, failNext } = setup();
    const refused = await cache.get();
    failNext();
    await cache.invalidate(refused.token);
    expect((await cache.get()).token).toBe('token-3');
  });

  it('forgets its token on clear()', async () => {
    const { cache, requests } = setup();
    await cache.get();
    await cache.clear();
    expect((await cache.get()).token).toBe('token-2');
    expect(requests()).toBe(2);
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
    const clock = fakeClock();
    let answer: ((token: Token) => void) | undefined;
    const cache = createTokenCache<Token>({
      key: 'acme:account',
      provider: 'acme',
      clock,
      fetchToken: () => new Promise<Token>((resolve) => (answer = resolve)),
    });
    const waiting = cache.get({ timeoutMs: 250 });
    await settle();
    expect(clock.sleeping()).toBe(1);
    clock.advance(250);
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe('acme: no token within 250 ms');
    expect((error as TimeoutError).timeoutMs).toBe(250);
    answer!({ token: 'late', expiresAt: new Date(clock.now() + 60 * MINUTE) });
    await settle();
    expect((await cache.get({ timeoutMs: 250 })).token).toBe('late');
    expect(clock.sleeping()).toBe(0);
  });
});
