/**
 * A `TokenStore` on the user's own Redis client: records as JSON with a PX TTL, a
 * lock per key so that one process of a fleet refreshes a token, and a channel per
 * key on which every write is announced, so that other processes drop their
 * in-memory copy. Every operation has a bounded wait; its failure is thrown to the
 * token cache, which logs it and serves callers from its own single flight.
 */
import { bounded, RedisStoreError } from './bounded';
import { createChannels, formatMessage } from './channels';
import { commandSender, type RedisClient } from './connection';
import type { LockOptions, StoredToken, TokenStore } from '@tokens/core';
import { checkOptions } from './validate';
import { DELETE_AND_PUBLISH, RELEASE_LOCK, STORE_AND_PUBLISH, type Script } from './scripts';

/** What the store reports through `log`: a Redis operation that failed or did not answer in time. */
export interface RedisStoreEvent {
  readonly type: 'redis-error';
  /** The command (`GET`, `SET` for the lock, `EVALSHA`/`EVAL` for writes and releases), or `subscribe`, `unsubscribe`, `subscriber` (its connection). */
  readonly operation: string;
  readonly message: string;
}

export interface RedisTokenStoreOptions {
  /** A connected node-redis (`createClient()`) or ioredis (`new Redis()`) client. The store never closes it. */
  readonly client: RedisClient;
  /** Prepended to every key and channel the store uses. Default `tokens:`. */
  readonly prefix?: string;
  /** The longest wait for any one Redis command. Default 1,000 ms. */
  readonly commandTimeoutMs?: number;
  /**
   * While waiting for another process's lock, how often to try it again if no
   * release message arrives (its holder died, or the message was lost). Default 250 ms.
   */
  readonly lockRetryMs?: number;
  readonly log?: (event: RedisStoreEvent) => void;
}

export interface RedisTokenStore extends Required<Pick<TokenStore, 'withLock' | 'watch'>> {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, record: StoredToken, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Waits for the locks this store holds to be released (a caller may have its token
   * a moment before its lock is), then closes the store's subscriber connection (not
   * your client); watchers hear nothing after it. Call it before closing your client.
   */
  close(): Promise<void>;
}

const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith('NOSCRIPT');

const isStoredToken = (value: unknown): value is StoredToken => {
  const record = value as StoredToken | null;
  return typeof record?.value === 'string' && typeof record.id === 'string' && Number.isFinite(record.expiresAt);
};

export function createRedisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  checkOptions(options as unknown as Record<string, unknown>);
  const { client, prefix = 'tokens:', commandTimeoutMs = 1_000, lockRetryMs = 250, log } = options;
  const send = commandSender(client);
  // Tells this store's own messages apart from other processes'.
  const origin = crypto.randomUUID();
  const report = (operation: string, error: unknown) => {
    try {
      log?.({ type: 'redis-error', operation, message: error instanceof Error ? error.message : String(error) });
    } catch {
      // A failing log hook must not fail a caller.
    }
  };
  const channels = createChannels(client, commandTimeoutMs, report);
  /** withLock calls under way, so that close() lets their releases reach Redis first. */
  const locking = new Set<Promise<unknown>>();

  const recordKey = (key: string) => prefix + key;
  const lockKey = (key: string) => `${prefix}${key}:lock`;
  const channelOf = (key: string) => `${prefix}${key}:changed`;

  async function command(args: string[]): Promise<unknown> {
    try {
      return await bounded(args[0]!, commandTimeoutMs, (signal) => send(args, signal));
    } catch (error) {
      // NOSCRIPT is expected once per script and server: run() falls back to EVAL.
      if (!isNoScript(error)) report(args[0]!, error);
      throw error;
    }
  }

  async function run(script: Script, keys: string[], args: string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await command(['EVALSHA', script.sha1, ...tail]);
    } catch (error) {
      // A server that restarted, or never saw this script: EVAL loads it.
      if (!isNoScript(error)) throw error;
      return command(['EVAL', script.source, ...tail]);
    }
  }

  const release = (key: string, owner: string) =>
    run(RELEASE_LOCK, [lockKey(key)], [owner, channelOf(key), formatMessage(origin, 'unlock')]).catch(() => {
      // Reported already; the lock expires by itself at the end of its lease.
    });

  return {
    async get(key) {
      const text = await command(['GET', recordKey(key)]);
      if (typeof text !== 'string') return undefined;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        record = undefined;
      }
      if (isStoredToken(record)) return record;
      report('GET', new RedisStoreError(`${recordKey(key)} does not hold a token record: ignored`));
      return undefined;
    },

    async set(key, record, ttlMs) {
      const json = JSON.stringify({ value: record.value, expiresAt: record.expiresAt, id: record.id });
      // PX takes a positive integer; a record worth keeping under 1 ms is kept 1 ms.
      const px = String(Math.max(1, Math.ceil(ttlMs)));
      await run(STORE_AND_PUBLISH, [recordKey(key)], [json, px, channelOf(key), formatMessage(origin, 'set')]);
    },

    async delete(key) {
      await run(DELETE_AND_PUBLISH, [recordKey(key)], [channelOf(key), formatMessage(origin, 'delete')]);
    },

    withLock<R>(key: string, fn: () => Promise<R>, options: LockOptions): Promise<R> {
      const run = lockAndRun(key, fn, options);
      const settled = run.then(
        () => {},
        () => {},
      );
      locking.add(settled);
      void settled.then(() => locking.delete(settled));
      return run;
    },

    watch(key, listener) {
      const { stop } = channels.listen(channelOf(key), (message) => {
        if (message.origin !== origin && message.kind !== 'unlock') listener();
      });
      return stop;
    },

    async close() {
      await Promise.all(locking);
      channels.close();
    },
  };

  /** `SET NX PX` with a random owner (or wait for it), run `fn`, then compare-and-delete. */
  async function lockAndRun<R>(key: string, fn: () => Promise<R>, { leaseMs, waitMs }: LockOptions): Promise<R> {
    const owner = crypto.randomUUID();
    const lease = String(Math.max(1, Math.ceil(leaseMs)));
    const tryLock = async () => (await command(['SET', lockKey(key), owner, 'NX', 'PX', lease])) === 'OK';
    if (!(await tryLock())) await waitForLock(key, tryLock, waitMs);
    try {
      return await fn();
    } finally {
      await release(key, owner);
    }
  }

  /**
   * Taken by another process: listen to the key's channel, then try again on each
   * release or write (and every `lockRetryMs` as a safety net, for a holder that
   * died: its lease runs out) until `waitMs` has passed.
   */
  async function waitForLock(key: string, tryLock: () => Promise<boolean>, waitMs: number): Promise<void> {
    const deadline = Date.now() + waitMs;
    let signalled = false;
    let wake: (() => void) | undefined;
    const listening = channels.listen(channelOf(key), () => {
      signalled = true;
      wake?.();
    });
    try {
      // Subscribed before the next try, so a release between the two is not missed;
      // without a subscription the retries alone still find the lock free.
      await listening.ready.catch(() => {});
      for (;;) {
        signalled = false;
        if (await tryLock()) return;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new RedisStoreError(`the lock on ${key} was still held after ${waitMs} ms`);
        // Released while the try was on its way: try again at once.
        if (signalled) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(remaining, lockRetryMs));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } finally {
      listening.stop();
    }
  }
}
