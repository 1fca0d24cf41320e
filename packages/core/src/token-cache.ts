/**
 * Reuses a token until shortly before it expires, so a process (or, through a shared
 * store, a fleet) asks the provider once per token lifetime however many callers it has.
 *
 * Policy, on the cache's clock: a token is served at once until its refresh window;
 * inside it, one renewal runs in the background while the token is still served;
 * callers wait only when no unexpired token exists or inside the forced window just
 * before expiry (see refresh-timing.ts). A failed background renewal is retried after
 * a backoff or the provider's `Retry-After`, not on every call.
 */
import { addIssue, assertOptions, checkKinds, checkObject, checkWholeNumber, CLOCK, isRecord, kinds, LOCK, TOKEN_STORE } from './checks';
import { systemClock, type Clock } from './clock';
import { TimeoutError, ValidationError, type ValidationIssue } from './errors';
import { guardStore, STORE_FAILED, type GuardedStore, type StoreOperation } from './guarded-store';
import { advisedDelayMs, backoffMs, refreshTimes } from './refresh-timing';
import { jsonTokenCodec, newRecordId, type TokenCodec } from './token-record';
import type { LockOptions, StoredToken, TokenStore } from './token-store';

/** What a token cache holds: a token string and its expiry, and whatever else the provider gave. */
export interface CacheableToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** What the cache reports when a store failed (and it went on without it) or a background renewal failed. */
export interface TokenCacheEvent {
  readonly type: 'store-error' | 'refresh-error';
  readonly provider: string;
  /** The store key: it names the provider and the account, never a secret. */
  readonly key: string;
  /** `refresh` for a renewal; else the store operation that failed (`decode`: a record that did not decrypt or parse). */
  readonly operation: StoreOperation | 'refresh';
  /** The error's name only: a store's message may quote what it was given. */
  readonly error: string;
  /** refresh-error: no renewal is sent before this time (epoch ms). */
  readonly retryAt?: number;
}

export interface TokenCacheOptions<T extends CacheableToken> {
  /** Asks the provider for a new token; `replacing` is the token it replaces, if any (its refresh token, say). */
  fetchToken: (replacing: T | undefined) => Promise<T>;
  /** Names the token in the store: the provider and the account, never a secret. */
  key: string;
  /**
   * Where tokens are kept beyond this cache's memory: `memoryTokenStore()` to share them
   * between clients of one process, a shared store (`@tokens/redis`) between processes,
   * wrapped in `encryptedTokenStore` when other processes can read it.
   * Default: none (the cache's own in-memory copy only).
   */
  store?: TokenStore;
  /** Turns a token into the text a store keeps and back. Default: JSON, `expiresAt` as epoch ms. */
  codec?: TokenCodec<T>;
  /**
   * How long before `expiresAt` a background renewal starts, at most half the token's
   * lifetime. Default 5 minutes.
   */
  refreshWindowMs?: number;
  /** The longest wait for one store operation before the cache goes on without it, in real time. Default 1 s. */
  storeTimeoutMs?: number;
  /**
   * The lock of a store that has one, whole ms: `leaseMs`, how long a holder keeps it before it
   * expires by itself (the holder may have died), default 30 s; `waitMs`, how long the others
   * wait for it before each goes on without it, default 35 s.
   */
  lock?: Partial<LockOptions>;
  /** Told when a store failed and the cache went on without it, or a background renewal failed. */
  log?: (event: TokenCacheEvent) => void;
  clock?: Clock;
  /** Names the provider in errors and events. */
  provider?: string;
}

export interface TokenCacheGetOptions {
  /** Ask for a new token whatever the cache holds: never the one it replaces. */
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
   * share one upstream request.
   */
  get(options?: TokenCacheGetOptions): Promise<T>;
  /**
   * The provider refused `token`: one renewal follows, however many callers report it.
   * A report about a token the cache no longer holds does nothing. Resolves when the
   * renewal has settled; never rejects (the next `get` reports a failure).
   */
  invalidate(token: string): Promise<void>;
  /** Forgets the cached token, here and in the store. */
  clear(): Promise<void>;
}

/** A token as the cache holds it in memory, with its times worked out once. */
interface Entry<T> {
  readonly token: T;
  readonly id: string;
  expiresAt: number;
  refreshAt: number;
  mustRefreshAt: number;
  /** Handed to every cached call: the hot path makes nothing. */
  readonly served: Promise<T>;
}

/** After a failed renewal: no background renewal before `until`; none at all when the provider said so. */
interface Pause {
  readonly until: number;
  readonly error: unknown;
  readonly advised: boolean;
}

const DEFAULT_LOCK: LockOptions = { leaseMs: 30_000, waitMs: 35_000 };

export function createTokenCache<T extends CacheableToken>(options: TokenCacheOptions<T>): TokenCache<T> {
  assertOptions(options);
  const { fetchToken, key, store, codec = jsonTokenCodec<T>(), refreshWindowMs = 5 * 60_000, storeTimeoutMs = 1_000, log } = options;
  const { clock = systemClock, provider = 'tokens' } = options;
  const issues: ValidationIssue[] = [];
  if (typeof key !== 'string' || key === '') issues.push({ path: 'key', message: 'must be a non-empty string' });
  checkWholeNumber(issues, 'refreshWindowMs', refreshWindowMs, 0);
  checkWholeNumber(issues, 'storeTimeoutMs', storeTimeoutMs, 1);
  checkKinds(issues, options, CACHE_PARTS);
  checkObject(issues, 'store', store, TOKEN_STORE);
  checkObject(issues, 'lock', options.lock, LOCK);
  checkObject(issues, 'clock', clock, CLOCK);
  if (issues.length > 0) throw new ValidationError(provider, issues);

  const emit = (event: Omit<TokenCacheEvent, 'provider' | 'key'>) => {
    try {
      log?.({ provider, key, ...event });
    } catch {
      // A failing log hook must not fail a caller.
    }
  };
  const onStoreError = (operation: StoreOperation, error: unknown) => emit({ type: 'store-error', operation, error: nameOf(error) });
  const shared: GuardedStore | undefined =
    store && guardStore(store, { key, provider, timeoutMs: storeTimeoutMs, lock: { ...DEFAULT_LOCK, ...options.lock }, onError: onStoreError });

  let current: Entry<T> | undefined;
  /** The store told us another process changed the key: the next call reads the store. */
  let stale = false;
  let flight: Promise<Entry<T>> | undefined;
  let loading: Promise<Entry<T> | undefined> | undefined;
  /** The id of a record that did not decrypt or parse. */
  let undecodable: string | undefined;
  let pause: Pause | undefined;
  let failures = 0;

  try {
    store?.watch?.(key, () => void (stale = true));
  } catch (error) {
    onStoreError('watch', error);
  }

  function entryOf(token: T, id: string): Entry<T> {
    const expiresAt = token.expiresAt.getTime() || 0;
    return { token, id, expiresAt, ...refreshTimes(expiresAt, clock.now(), refreshWindowMs), served: Promise.resolve(token) };
  }

  /** The store's record (the in-memory copy when it is the same one), or the copy when the store failed. */
  async function read(): Promise<Entry<T> | undefined> {
    if (!shared) return current;
    stale = false;
    const record = await shared.get();
    if (record === STORE_FAILED) return current;
    if (!record || record.id === undecodable) return undefined;
    if (record.id === current?.id) return current;
    try {
      const text = store!.open ? await store!.open(record.value, key) : record.value;
      return entryOf(codec.decode(text), record.id);
    } catch (error) {
      // Logged once per record: it stays unusable until it is replaced.
      undecodable = record.id;
      onStoreError('decode', error);
      return undefined;
    }
  }

  /** One store read at a time for the callers of a cold cache. */
  const load = (): Promise<Entry<T> | undefined> =>
    (loading ??= read().finally(() => {
      loading = undefined;
    }));

  async function save(entry: Entry<T>): Promise<void> {
    if (!shared) return;
    let record: StoredToken;
    try {
      const text = codec.encode(entry.token);
      record = { value: store!.seal ? await store!.seal(text, key) : text, expiresAt: entry.expiresAt, id: entry.id };
    } catch (error) {
      // The token is good: only sharing it failed.
      return onStoreError('set', error);
    }
    await shared.set(record, Math.max(1, entry.expiresAt - clock.now()));
  }

  /** Asks the provider, under the store's lock when it has one; only the first holder asks. */
  async function fetchAndShare(replacing: Entry<T> | undefined): Promise<Entry<T>> {
    try {
      const entry = await (shared ? shared.locked(() => fetchUnlessShared(replacing)) : fetchUnlessShared(replacing));
      current = entry;
      failures = 0;
      pause = undefined;
      return entry;
    } catch (error) {
      failures += 1;
      const now = clock.now();
      const advised = advisedDelayMs(error, now);
      pause = { until: now + (advised ?? backoffMs(failures)), error, advised: advised !== undefined };
      emit({ type: 'refresh-error', operation: 'refresh', error: nameOf(error), retryAt: pause.until });
      throw error;
    }
  }

  async function fetchUnlessShared(replacing: Entry<T> | undefined): Promise<Entry<T>> {
    // Another process (or client) may have renewed it while we waited for the lock: a read of now, not a shared one.
    const found = shared?.healthy() ? await read() : undefined;
    if (found && found !== replacing && found.id !== replacing?.id && clock.now() < found.refreshAt) return found;
    const entry = entryOf(await fetchToken(replacing?.token), newRecordId());
    await save(entry);
    return entry;
  }

  /** One renewal at a time: callers arriving while it runs share it. */
  function renew(replacing: Entry<T> | undefined): Promise<Entry<T>> {
    return (flight ??= fetchAndShare(replacing).finally(() => {
      flight = undefined;
    }));
  }

  /** A renewal a caller waits for; none while the provider's `Retry-After` runs. */
  async function renewed(replacing: Entry<T> | undefined): Promise<Entry<T>> {
    if (pause?.advised && clock.now() < pause.until) throw pause.error;
    const entry = await renew(replacing);
    // A shared renewal that started before `replacing` was cached may have brought it back.
    return entry.id === replacing?.id ? renew(replacing) : entry;
  }

  async function obtain(forceRefresh: boolean): Promise<T> {
    let entry = current;
    if (!entry || stale) current = entry = await load();
    if (forceRefresh) return (await renewed(entry)).token;
    const now = clock.now();
    if (entry && now < entry.refreshAt) return entry.token;
    if (entry && now < entry.mustRefreshAt) {
      if (!flight && !(pause && now < pause.until)) renew(entry).catch(() => {});
      return entry.token;
    }
    const valid = entry && now < entry.expiresAt ? entry : undefined;
    // The provider asked for a pause, or a renewal failed a moment ago: what we hold is still good.
    if (valid && pause && now < pause.until) return valid.token;
    try {
      return (await renewed(entry)).token;
    } catch (error) {
      if (valid && clock.now() < valid.expiresAt) return valid.token;
      throw error;
    }
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
    get(given) {
      // `null` is no options, as `undefined` is.
      const getOptions = given ?? undefined;
      const timeoutMs = getOptions?.timeoutMs;
      const signal = getOptions?.signal;
      // Only when given: a cached get() is the hot path, and it makes nothing it does not need.
      if (getOptions !== undefined && (typeof getOptions !== 'object' || timeoutMs !== undefined || (signal !== undefined && !(signal instanceof AbortSignal)) || getOptions.forceRefresh !== undefined)) {
        const callIssues: ValidationIssue[] = [];
        if (!isRecord(getOptions)) addIssue(callIssues, 'options', 'must be an object');
        checkWholeNumber(callIssues, 'timeoutMs', timeoutMs, 1);
        checkKinds(callIssues, getOptions, GET_PARTS);
        if (callIssues.length > 0) return Promise.reject(new ValidationError(provider, callIssues));
      }
      if (signal?.aborted) return Promise.reject(signal.reason);
      const forceRefresh = getOptions?.forceRefresh === true;
      // The hot path: no store round trip, no promise made, while the in-memory copy is fresh.
      if (!forceRefresh && current && !stale && clock.now() < current.refreshAt) return current.served;
      return waitFor(obtain(forceRefresh), signal, timeoutMs);
    },
    async invalidate(token) {
      let entry = current;
      if (!entry || stale) entry = await load();
      if (!entry || entry.token.token !== token) return;
      // Refused: never served again, whatever its expiry says. Every reporter joins one renewal.
      entry.expiresAt = entry.refreshAt = entry.mustRefreshAt = -Infinity;
      current = entry;
      await renewed(entry).catch(() => {});
    },
    async clear() {
      current = undefined;
      pause = undefined;
      failures = 0;
      await shared?.delete();
    },
  };
}

const CACHE_PARTS = kinds('fetchToken:F log:f');
const GET_PARTS = kinds('signal:s forceRefresh:b');

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : typeof error);
