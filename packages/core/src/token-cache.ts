/**
 * Reuses a token until a refresh window before it expires, so a process asks the
 * provider once per token lifetime however many callers it has.
 */
import { checkWholeNumber } from './checks';
import { systemClock, type Clock } from './clock';
import { TimeoutError, ValidationError, type ValidationIssue } from './errors';

/** Where cached tokens live; the default keeps them in memory. Plug in a shared store (Redis, …) here. */
export interface TokenStore<T> {
  get(key: string): T | undefined | Promise<T | undefined>;
  set(key: string, value: T): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

export interface TokenCacheOptions<T extends { readonly expiresAt: Date }> {
  /** Asks the provider for a new token. */
  fetchToken: () => Promise<T>;
  /** How long before `expiresAt` a token stops being served. Default 5 minutes. */
  refreshWindowMs?: number;
  /** Default: an in-memory store of this cache's own. */
  store?: TokenStore<T>;
  /** The token's key in the store (to share one store between clients). Default `token`. */
  key?: string;
  clock?: Clock;
  /** Names the provider in a `TimeoutError`. */
  provider?: string;
}

export interface TokenCacheGetOptions {
  /** Ask for a new token whatever the cache holds. */
  forceRefresh?: boolean;
  /**
   * Stop waiting when it aborts (rejecting with its reason). The upstream request,
   * which other callers may share, goes on, and its token is cached for them.
   */
  signal?: AbortSignal;
  /** Stop waiting after this many ms, with a `TimeoutError`; the upstream request goes on likewise. */
  timeoutMs?: number;
}

export interface TokenCache<T> {
  /**
   * A token fresh enough to use. Concurrent callers of a cold or expiring cache
   * share one upstream request. `forceRefresh` asks for a new token whatever the
   * cache holds.
   */
  get(options?: TokenCacheGetOptions): Promise<T>;
  /** Forgets the cached token (after the provider rejected it, say). */
  clear(): Promise<void>;
}

export function memoryTokenStore<T>(): TokenStore<T> {
  const entries = new Map<string, T>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => void entries.set(key, value),
    delete: (key) => void entries.delete(key),
  };
}

export function createTokenCache<T extends { readonly expiresAt: Date }>(options: TokenCacheOptions<T>): TokenCache<T> {
  const { fetchToken, refreshWindowMs = 5 * 60_000, store = memoryTokenStore<T>(), key = 'token', clock = systemClock, provider = 'tokens' } = options;
  let inFlight: Promise<T> | undefined;

  async function fetchAndStore(previous: T | undefined): Promise<T> {
    try {
      const token = await fetchToken();
      await store.set(key, token);
      return token;
    } catch (error) {
      // A failure is never cached: the next call asks again. Until then, a token that has
      // not expired yet is still good to use (the refresh window exists for this).
      if (previous && previous.expiresAt.getTime() > clock.now()) return previous;
      throw error;
    }
  }

  /** One upstream request at a time: callers arriving while it runs share it. */
  const refresh = (previous: T | undefined): Promise<T> =>
    (inFlight ??= fetchAndStore(previous).finally(() => {
      inFlight = undefined;
    }));

  async function fresh(forceRefresh: boolean): Promise<T> {
    if (forceRefresh) return refresh(undefined);
    const cached = await store.get(key);
    if (cached && cached.expiresAt.getTime() - refreshWindowMs > clock.now()) return cached;
    return refresh(cached);
  }

  /** `promise`, unless the caller's signal or timeout ends the wait first. */
  function waitFor(promise: Promise<T>, signal: AbortSignal | undefined, timeoutMs: number | undefined): Promise<T> {
    if (!signal && timeoutMs === undefined) return promise;
    const done = new AbortController();
    const limits = [
      new Promise<never>((_, reject) => {
        const onAbort = () => reject(signal!.reason);
        if (signal?.aborted) onAbort();
        signal?.addEventListener('abort', onAbort, { once: true, signal: done.signal });
      }),
    ];
    if (timeoutMs !== undefined) {
      limits.push(
        clock.sleep(timeoutMs, done.signal).then(() => {
          throw new TimeoutError(provider, `${provider}: no token within ${timeoutMs} ms`, timeoutMs);
        }),
      );
    }
    // Settling the race ends the losers: the timer is cleared and the abort listener removed.
    return Promise.race([promise, ...limits]).finally(() => done.abort());
  }

  return {
    get({ forceRefresh = false, signal, timeoutMs } = {}) {
      // Only when given: a cached get() is the hot path, and it makes nothing it does not need.
      if (timeoutMs !== undefined) {
        const issues: ValidationIssue[] = [];
        checkWholeNumber(issues, 'timeoutMs', timeoutMs, 1);
        if (issues.length > 0) return Promise.reject(new ValidationError(provider, issues));
      }
      if (signal?.aborted) return Promise.reject(signal.reason);
      return waitFor(fresh(forceRefresh), signal, timeoutMs);
    },
    async clear() {
      await store.delete(key);
    },
  };
}
