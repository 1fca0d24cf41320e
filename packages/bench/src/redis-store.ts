/**
 * Figure 6: the Redis token store (@tokens/redis), against a redis-server this run
 * starts on a free 127.0.0.1 port. 6a: cached getToken() with the Redis store against
 * the in-memory cache, and the Redis commands the cached calls sent (counted by the
 * server). 6b: a cold fleet of 16 processes × 100 callers, and the upstream requests
 * it made. 6c: the longest wait of any caller while a background refresh runs,
 * against the longest wait of the same callers on a fresh token.
 *
 * The redis-server helper and the fleet are the ones packages/redis's acceptance
 * tests use, so that the bench measures what the tests assert.
 */
import { createFormflowClient, encryptedTokenStore, type FormflowClient } from '@tokens/formflow';
import { createRedisTokenStore, type RedisTokenStore } from '@tokens/redis';
import { createClient } from 'redis';
import { startCountingUpstream } from '../../redis/test/counting-upstream';
import { startFleet } from '../../redis/test/fleet';
import { hasRedisServer, startRedisServer, totalCommands, type RedisServer } from '../../redis/test/redis-server';
import { formflowCredentials, formflowTokenAnswer, stubFetch } from './fixtures';
import type { Contender } from './runs';
import { CACHE_BATCH } from './token-cache';

export const REDIS_BASELINE = 'formflow getToken() (cached, in memory)';
export const REDIS_OURS = 'formflow getToken() (cached, Redis store)';
export { hasRedisServer };

export interface RedisBench {
  readonly server: RedisServer;
  /** Cached calls made by the contenders so far. */
  readonly calls: () => number;
  readonly contenders: Contender[];
  close(): Promise<void>;
}

/** Keeps results alive, so that no loop is optimised away. */
export let kept: unknown;

/** 6a: two warmed Formflow clients, one in memory only, one with a Redis store. */
export async function redisCacheContenders(): Promise<RedisBench> {
  const server = await startRedisServer();
  const redis = createClient({ url: server.url });
  redis.on('error', () => {});
  await redis.connect();
  const store: RedisTokenStore = createRedisTokenStore({ client: redis });
  const options = { baseUrl: 'https://formflow.test', ...formflowCredentials, fetch: stubFetch(formflowTokenAnswer, 200, { 'content-type': 'application/json' }) };
  const inMemory = createFormflowClient(options);
  const withRedis = createFormflowClient({ ...options, tokenStore: encryptedTokenStore(store, Buffer.alloc(32, 7).toString('base64')) });
  await Promise.all([inMemory.getToken(), withRedis.getToken()]);
  let calls = 0;
  const contender = (label: string, client: FormflowClient, counted: boolean): Contender => ({
    label,
    batch: CACHE_BATCH,
    fn: async () => {
      for (let i = 0; i < CACHE_BATCH; i++) kept = await client.getToken();
      if (counted) calls += CACHE_BATCH;
    },
  });
  return {
    server,
    calls: () => calls,
    contenders: [contender(REDIS_BASELINE, inMemory, false), contender(REDIS_OURS, withRedis, true)],
    async close() {
      await store.close();
      redis.destroy();
      await server.stop();
    },
  };
}

/** Redis commands the server ran since the last reset (`CONFIG RESETSTAT`). */
export const redisCommandsSince = (server: RedisServer, reset = false): number => {
  if (reset) server.cli('CONFIG', 'RESETSTAT');
  return reset ? 0 : totalCommands(server);
};

export interface FleetRun {
  readonly upstream: number;
  readonly distinctTokens: number;
  readonly callers: number;
  readonly errors: number;
  /** From the first `get` sent to the last process's answer. */
  readonly ms: number;
}

/** 6b: a new fleet of `size` processes on a fresh Redis, `callers` concurrent calls in each. */
export async function coldFleet(size: number, callers: number, sandbox: { url: string; credentials: { formflow: { clientId: string; clientSecret: string; organizationId: string } } }): Promise<FleetRun> {
  const [server, upstream] = await Promise.all([startRedisServer(), startCountingUpstream(sandbox.url)]);
  const fleet = await startFleet(size, { redisUrl: server.url, baseUrl: `${upstream.url}/formflow`, credentials: sandbox.credentials.formflow, client: 'node-redis' });
  try {
    const start = performance.now();
    const results = (await Promise.all(fleet.processes.map((process) => process.get(callers)))).flat();
    const ms = performance.now() - start;
    return {
      upstream: upstream.tokenRequests.length,
      distinctTokens: new Set(results).size,
      callers: results.length,
      errors: results.filter((result) => result.startsWith('error:')).length,
      ms,
    };
  } finally {
    await fleet.close();
    await upstream.close();
    await server.stop();
  }
}

export interface RefreshWaits {
  /** Longest wait of `callers` concurrent calls on a fresh token, ms. */
  readonly cachedLongest: number;
  /** Longest wait of `callers` concurrent calls that arrive inside the refresh window, ms. */
  readonly refreshLongest: number;
  /** Token requests the refreshing round sent (1: the background refresh). */
  readonly refreshRequests: number;
  /** Longest wait of `callers` concurrent calls once the token expired (each must wait for the request), ms. */
  readonly expiredLongest: number;
}

/**
 * 6c: one Formflow client with the Redis store whose clock is moved into the refresh
 * window; the provider answers after `latencyMs` (a real refresh takes time).
 */
export async function refreshWaits(callers: number, latencyMs: number, sandboxFormflowUrl: string, credentials: { clientId: string; clientSecret: string; organizationId: string }): Promise<RefreshWaits> {
  const server = await startRedisServer();
  const redis = createClient({ url: server.url });
  redis.on('error', () => {});
  await redis.connect();
  const store = createRedisTokenStore({ client: redis });
  let offset = 0;
  let requests = 0;
  const slowFetch: typeof fetch = async (input, init) => {
    requests++;
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return fetch(input, init);
  };
  const client = createFormflowClient({
    baseUrl: sandboxFormflowUrl,
    ...credentials,
    tokenStore: store,
    fetch: slowFetch,
    clock: { now: () => Date.now() + offset, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  });
  const longestWait = async () => {
    const waits = await Promise.all(
      Array.from({ length: callers }, async () => {
        const start = performance.now();
        kept = await client.getToken();
        return performance.now() - start;
      }),
    );
    return Math.max(...waits);
  };
  try {
    const first = await client.getToken();
    const cachedLongest = await longestWait();
    // Four minutes before expiry: inside the 5-minute refresh window, the token still valid.
    offset = first.expiresAt.getTime() - 4 * 60_000 - Date.now();
    const before = requests;
    const refreshLongest = await longestWait();
    // Let the background refresh finish (it reads Redis and takes the lock before its
    // request), then step past the new token's expiry: a reference for what a caller
    // waits when no valid token is left.
    await new Promise((resolve) => setTimeout(resolve, latencyMs * 4));
    const refreshRequests = requests - before;
    offset = (await client.getToken()).expiresAt.getTime() + 1_000 - Date.now();
    const expiredLongest = await longestWait();
    return { cachedLongest, refreshLongest, refreshRequests, expiredLongest };
  } finally {
    await store.close();
    redis.destroy();
    await server.stop();
  }
}

