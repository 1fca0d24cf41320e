/**
 * A client's `tokenStoreLock` reaches the Redis lock: the lease a holder takes (its PTTL, read
 * from Redis while the holder's token request is held open), so a holder that never releases
 * blocks the fleet for that lease only; and the wait, so a caller stops waiting for a lock
 * held longer than it wants and asks alone. Counts upstream requests and lock events, not time.
 */
import { createFormflowClient, type TokenCacheEvent } from '@tokens/formflow';
import { startTestServer, type TestServer } from '@tokens/testkit';
import { createClient } from 'redis';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createRedisTokenStore, type RedisTokenStore } from '../src/index';
import { startRedisServer, type RedisServer } from './redis-server';

const LEASE_MS = 2_000;
const CREDENTIALS = { clientId: 'client-1', clientSecret: 'secret-of-client-1', organizationId: 'org-1' };

let redis: RedisServer;
let reader: ReturnType<typeof createClient>;
let server: TestServer;
/** The first token request is held open until this is called; later ones are answered at once. */
let releaseFirst: () => void;
let firstSeen: Promise<void>;
let stores: RedisTokenStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  reader = createClient({ url: redis.url });
  await reader.connect();
});
afterAll(async () => {
  reader.destroy();
  await redis.stop();
});
beforeEach(async () => {
  let seen!: () => void;
  firstSeen = new Promise((resolve) => (seen = resolve));
  const held = new Promise<void>((resolve) => (releaseFirst = resolve));
  let count = 0;
  server = await startTestServer(async () => {
    const number = ++count;
    if (number === 1) {
      seen();
      await held;
    }
    return { status: 200, body: { token: `token-${number}`, token_type: 'Bearer', expires_in: 3600 } };
  });
  await reader.flushAll();
  return async () => {
    releaseFirst();
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
    await server.close();
  };
});

/** A client as one process of the fleet would make it: its own store on its own connection. */
async function processClient(options: Record<string, unknown>) {
  const connection = createClient({ url: redis.url });
  await connection.connect();
  const store = createRedisTokenStore({ client: connection, prefix: 'lease:' });
  stores.push({ ...store, close: async () => (await store.close(), connection.destroy()) });
  const events: TokenCacheEvent[] = [];
  const client = createFormflowClient({ baseUrl: server.url, ...CREDENTIALS, maxRetries: 0, tokenStore: store, tokenCacheLog: (event) => events.push(event), ...options });
  return { client, events };
}

const lockKey = () => `lease:formflow:${server.url}:${CREDENTIALS.organizationId}:${CREDENTIALS.clientId}:lock`;

it('tokenStoreLock.leaseMs is the lock’s PTTL; a holder that never releases blocks the next process for that lease only', async () => {
  const holder = await processClient({ tokenStoreLock: { leaseMs: LEASE_MS } });
  const held = holder.client.getToken();
  await firstSeen;
  const pttl = await reader.pTTL(lockKey());
  expect(pttl).toBeGreaterThan(0);
  expect(pttl).toBeLessThanOrEqual(LEASE_MS);

  // Waits up to 10 s for the lock: the holder's lease runs out first, and it asks under the lock.
  const next = await processClient({ tokenStoreLock: { leaseMs: LEASE_MS, waitMs: 10_000 } });
  expect((await next.client.getToken()).token).toBe('token-2');
  expect(server.requests).toHaveLength(2);
  expect(next.events).toEqual([]);

  releaseFirst();
  expect((await held).token).toBe('token-1');
});

it('tokenStoreLock.waitMs: a lock held past the wait (a dead holder’s, taken here with SET NX PX) is given up, and the client asks alone', async () => {
  expect(await reader.set(lockKey(), 'a-process-that-died', { condition: 'NX', expiration: { type: 'PX', value: 60_000 } })).toBe('OK');
  releaseFirst();
  const caller = await processClient({ tokenStoreLock: { waitMs: 500 } });
  // Without its waitMs the client would wait the default 35 s for the lock: past this call's own limit.
  expect((await caller.client.getToken({ timeoutMs: 20_000 })).token).toBe('token-1');
  expect(server.requests).toHaveLength(1);
  expect(caller.events.map((event) => `${event.type} ${event.operation}`)).toEqual(['store-error lock']);
  // The dead holder's lock is left to its lease.
  expect(await reader.get(lockKey())).toBe('a-process-that-died');
});
