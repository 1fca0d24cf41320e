/**
 * The token cache's calls to its store, made so that a store that throws or hangs
 * never fails a caller: each call has a bounded wait, and a failure is logged and
 * answered with `STORE_FAILED` (or, for the lock, by going on without it).
 */
import { systemClock } from './clock';
import { TimeoutError } from './errors';
import type { LockOptions, StoredToken, TokenStore } from './token-store';

export const STORE_FAILED = Symbol('store failed');

export type StoreOperation = 'get' | 'set' | 'delete' | 'lock' | 'watch' | 'decode';

export interface GuardedStore {
  get(): Promise<StoredToken | undefined | typeof STORE_FAILED>;
  set(record: StoredToken, ttlMs: number): Promise<void>;
  delete(): Promise<void>;
  /**
   * `fn` under the store's lock on the key when it has one and answers in time; else `fn`
   * alone, at once when the last store call failed (a store that is down is not waited for twice).
   */
  locked<R>(fn: () => Promise<R>): Promise<R>;
  /** Whether the last store call succeeded. */
  healthy(): boolean;
}

export interface GuardOptions {
  readonly key: string;
  readonly provider: string;
  /** The longest wait for one store operation (the lock: `lock.waitMs` more). */
  readonly timeoutMs: number;
  readonly lock: LockOptions;
  readonly onError: (operation: StoreOperation, error: unknown) => void;
}

/**
 * The waits run on real time, not the cache's clock: a hanging store is an I/O fault, and
 * a test clock whose sleeps end at once would cut every store call short.
 */
export function guardStore(store: TokenStore, { key, provider, timeoutMs, lock, onError }: GuardOptions): GuardedStore {
  const clock = systemClock;
  let healthy = true;
  const timeout = () => new TimeoutError(provider, `${provider}: the token store did not answer within ${timeoutMs} ms`, timeoutMs);

  async function call<R>(operation: StoreOperation, run: () => R | Promise<R>): Promise<R | typeof STORE_FAILED> {
    const done = new AbortController();
    try {
      const result = run();
      // A synchronous store (the memory one) needs no timer.
      const late = result instanceof Promise && clock.sleep(timeoutMs, done.signal).then(() => Promise.reject(timeout()));
      const answer = late ? await Promise.race([result, late]) : result;
      healthy = true;
      return answer;
    } catch (error) {
      healthy = false;
      onError(operation, error);
      return STORE_FAILED;
    } finally {
      done.abort();
    }
  }

  function locked<R>(fn: () => Promise<R>): Promise<R> {
    const withLock = store.withLock;
    if (!withLock || !healthy) return fn();
    return new Promise<R>((resolve, reject) => {
      // 'alone': the lock failed or took too long, and fn ran without it; a lock granted later runs nothing.
      let state: 'waiting' | 'inside' | 'alone' = 'waiting';
      const timer = new AbortController();
      const alone = (error: unknown) => {
        if (state !== 'waiting') return;
        state = 'alone';
        timer.abort();
        healthy = false;
        onError('lock', error);
        fn().then(resolve, reject);
      };
      clock.sleep(lock.waitMs + timeoutMs, timer.signal).then(() => alone(timeout()), () => {});
      const inside = async () => {
        if (state !== 'waiting') return;
        state = 'inside';
        healthy = true;
        timer.abort();
        // fn's own failure is the caller's, not the store's: it goes to the caller only.
        await fn().then(resolve, reject);
      };
      Promise.resolve()
        .then(() => withLock.call(store, key, inside, lock))
        .then(
          () => alone(new Error('withLock returned without running the refresh')),
          (error: unknown) => (state === 'waiting' ? alone(error) : onError('lock', error)),
        );
    });
  }

  return {
    get: () => call('get', () => store.get(key)),
    set: async (record, ttlMs) => void (await call('set', () => store.set(key, record, ttlMs))),
    delete: async () => void (await call('delete', () => store.delete(key))),
    locked,
    healthy: () => healthy,
  };
}
