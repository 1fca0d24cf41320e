/**
 * The store itself against a real redis-server, with each supported client:
 * records, the lock (exclusion, compare-and-delete, wake-up by message, a dead
 * holder's lease, the bounded wait), watch, and bounded waits when Redis is down
 * or stalled.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTokenStore, RedisStoreError, type RedisStoreEvent, type RedisTokenStore } from '../src/index';
import { clientKinds, type ClientKind, type TestClient } from './clients';
import { commandCounts, startRedisServer, type RedisServer } from './redis-server';

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(() => server.stop());

const record = (id: string) => ({ value: `ciphertext-${id}`, expiresAt: Date.UTC(2030, 0, 1), id });

describe.each(Object.keys(clientKinds) as ClientKind[])('with %s', (kind) => {
  const opened: { client: TestClient; store: RedisTokenStore }[] = [];
  /** A store on its own connection: what another process would have. */
  async function openStore(options: Partial<Parameters<typeof createRedisTokenStore>[0]> = {}, url = server.url) {
    const client = await clientKinds[kind](url);
    const store = createRedisTokenStore({ client: client.client, prefix: `test:${kind}:`, ...options });
    opened.push({ client, store });
    return store;
  }
  afterEach(async () => {
    for (const { client, store } of opened.splice(0)) {
      await store.close();
      await client.close();
    }
    server.cli('FLUSHALL');
  });

  it('keeps a record as JSON under the prefixed key, with a PX TTL, and deletes it', async () => {
    const store = await openStore();
    expect(await store.get('formflow:org')).toBeUndefined();
    await store.set('formflow:org', record('a'), 60_000);
    expect(await store.get('formflow:org')).toEqual(record('a'));
    expect(JSON.parse(server.cli('GET', `test:${kind}:formflow:org`))).toEqual(record('a'));
    const ttl = Number(server.cli('PTTL', `test:${kind}:formflow:org`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await store.delete('formflow:org');
    expect(await store.get('formflow:org')).toBeUndefined();
  });

  it('loads its scripts with EVAL once (NOSCRIPT is not an error to log), then sends EVALSHA', async () => {
    const events: RedisStoreEvent[] = [];
    server.cli('SCRIPT', 'FLUSH');
    const store = await openStore({ log: (event) => events.push(event) });
    server.cli('CONFIG', 'RESETSTAT');
    await store.set('k', record('a'), 60_000);
    await store.set('k', record('b'), 60_000);
    expect(commandCounts(server)).toMatchObject({ eval: 1, evalsha: 2 });
    expect(await store.get('k')).toEqual(record('b'));
    expect(events).toEqual([]);
  });

  it('survives a log hook that throws', async () => {
    const store = await openStore({
      log: () => {
        throw new Error('log hook failed');
      },
    });
    server.cli('SET', `test:${kind}:k`, 'not json');
    expect(await store.get('k')).toBeUndefined();
  });

  it('reads a value that is not a token record as no record, and logs it', async () => {
    const events: RedisStoreEvent[] = [];
    const store = await openStore({ log: (event) => events.push(event) });
    server.cli('SET', `test:${kind}:k`, '{"value":1}');
    expect(await store.get('k')).toBeUndefined();
    expect(events).toEqual([expect.objectContaining({ type: 'redis-error', operation: 'GET' })]);
  });

  it('lets one holder at a time run under a key’s lock, across stores', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore()));
    let holders = 0;
    let most = 0;
    let runs = 0;
    await Promise.all(
      stores.flatMap((store) =>
        Array.from({ length: 3 }, () =>
          store.withLock(
            'k',
            async () => {
              most = Math.max(most, ++holders);
              await new Promise((resolve) => setImmediate(resolve));
              // While held, the lock key names its owner.
              expect(server.cli('EXISTS', `test:${kind}:k:lock`).trim()).toBe('1');
              holders--;
              runs++;
            },
            { leaseMs: 10_000, waitMs: 20_000 },
          ),
        ),
      ),
    );
    expect(runs).toBe(12);
    expect(most).toBe(1);
    expect(server.cli('EXISTS', `test:${kind}:k:lock`).trim()).toBe('0');
  });

  it('wakes a waiter with the release message, not a timer', async () => {
    const [holder, waiter] = [await openStore(), await openStore({ lockRetryMs: 600_000 })];
    let release!: () => void;
    const held = holder.withLock('k', () => new Promise<void>((resolve) => (release = resolve)), { leaseMs: 600_000, waitMs: 1_000 });
    await expect.poll(() => server.cli('EXISTS', `test:${kind}:k:lock`).trim()).toBe('1');
    const waited = waiter.withLock('k', async () => 'second', { leaseMs: 10_000, waitMs: 600_000 });
    // The waiter is subscribed to the key's channel before the holder lets go.
    await expect.poll(() => server.cli('PUBSUB', 'NUMSUB', `test:${kind}:k:changed`).split('\n')[1]).toBe('1');
    release();
    await held;
    // With a 10-minute retry and lease, only the message can have woken it in the test's time.
    expect(await waited).toBe('second');
  });

  it('releases only its own lock (compare-and-delete): a lease that ran out leaves the next holder’s lock alone', async () => {
    const [slow, next] = [await openStore(), await openStore({ lockRetryMs: 20 })];
    let finishSlow!: () => void;
    let slowHolds!: () => void;
    const slowHolding = new Promise<void>((resolve) => (slowHolds = resolve));
    const slowRun = slow.withLock(
      'k',
      () => {
        slowHolds();
        return new Promise<void>((resolve) => (finishSlow = resolve));
      },
      { leaseMs: 100, waitMs: 1_000 },
    );
    // `slow` must hold the lock first: otherwise `next` may win the race for it.
    await slowHolding;
    let nextHolds!: () => void;
    const nextHolding = new Promise<void>((resolve) => (nextHolds = resolve));
    let finishNext!: () => void;
    const nextRun = next.withLock(
      'k',
      () => {
        nextHolds();
        return new Promise<void>((resolve) => (finishNext = resolve));
      },
      { leaseMs: 600_000, waitMs: 30_000 },
    );
    await nextHolding; // the slow holder's lease ran out and `next` took the lock
    finishSlow();
    await slowRun;
    expect(server.cli('EXISTS', `test:${kind}:k:lock`).trim()).toBe('1');
    finishNext();
    await nextRun;
    expect(server.cli('EXISTS', `test:${kind}:k:lock`).trim()).toBe('0');
  });

  it('takes over the lock of a holder that died once its lease runs out', async () => {
    const store = await openStore({ lockRetryMs: 20 });
    // A process that took the lock and died: nobody will release it.
    server.cli('SET', `test:${kind}:k:lock`, 'dead-owner', 'PX', '200');
    expect(await store.withLock('k', async () => 'taken over', { leaseMs: 10_000, waitMs: 30_000 })).toBe('taken over');
  });

  it('gives up waiting for a lock after waitMs, with a RedisStoreError', async () => {
    const store = await openStore({ lockRetryMs: 20 });
    server.cli('SET', `test:${kind}:k:lock`, 'someone', 'PX', '600000');
    let ran = false;
    await expect(store.withLock('k', async () => (ran = true), { leaseMs: 10_000, waitMs: 200 })).rejects.toBeInstanceOf(RedisStoreError);
    expect(ran).toBe(false);
    expect(server.cli('GET', `test:${kind}:k:lock`).trim()).toBe('someone');
  });

  it('releases the lock when the function throws, and rethrows', async () => {
    const store = await openStore();
    await expect(store.withLock('k', async () => Promise.reject(new Error('refresh failed')), { leaseMs: 10_000, waitMs: 1_000 })).rejects.toThrow(
      'refresh failed',
    );
    expect(server.cli('EXISTS', `test:${kind}:k:lock`).trim()).toBe('0');
  });

  it('tells watchers of other stores about each write and delete of the key, not their own', async () => {
    const [watcher, writer] = [await openStore(), await openStore()];
    const heard: string[] = [];
    let onHeard: () => void = () => {};
    const stop = watcher.watch('k', () => {
      heard.push('k');
      onHeard();
    });
    watcher.watch('other', () => heard.push('other'));
    await expect.poll(() => server.cli('PUBSUB', 'NUMSUB', `test:${kind}:k:changed`).split('\n')[1]).toBe('1');
    const next = () => new Promise<void>((resolve) => (onHeard = resolve));

    let heardOne = next();
    await writer.set('k', record('b'), 60_000);
    await heardOne;
    heardOne = next();
    await writer.delete('k');
    await heardOne;
    await watcher.set('k', record('c'), 60_000); // its own write: not heard
    heardOne = next();
    await writer.set('k', record('d'), 60_000);
    await heardOne;
    expect(heard).toEqual(['k', 'k', 'k']);

    stop();
    await expect.poll(() => server.cli('PUBSUB', 'NUMSUB', `test:${kind}:k:changed`).split('\n')[1]).toBe('0');
    await writer.set('k', record('e'), 60_000);
    expect(heard).toEqual(['k', 'k', 'k']);
  });

  it('tells every watcher when its subscriber connection came back, since messages may have been missed', async () => {
    const watcher = await openStore();
    let told = 0;
    let onTold: () => void = () => {};
    watcher.watch('k', () => {
      told++;
      onTold();
    });
    await expect.poll(() => server.cli('PUBSUB', 'NUMSUB', `test:${kind}:k:changed`).split('\n')[1]).toBe('1');
    const toldOnce = new Promise<void>((resolve) => (onTold = resolve));
    server.cli('CLIENT', 'KILL', 'TYPE', 'pubsub');
    await toldOnce;
    expect(told).toBe(1);
    // Subscribed again: a write by another store is heard.
    await expect.poll(() => server.cli('PUBSUB', 'NUMSUB', `test:${kind}:k:changed`).split('\n')[1]).toBe('1');
    const heard = new Promise<void>((resolve) => (onTold = resolve));
    await (await openStore()).set('k', record('z'), 60_000);
    await heard;
    expect(told).toBe(2);
  });

  it('bounds every wait when Redis stalls: a RedisStoreError and a log event, never a hang', async () => {
    const stalled = await startRedisServer();
    const events: RedisStoreEvent[] = [];
    const store = await openStore({ commandTimeoutMs: 200, log: (event) => events.push(event) }, stalled.url);
    process.kill(stalled.pid, 'SIGSTOP');
    try {
      await expect(store.get('k')).rejects.toBeInstanceOf(RedisStoreError);
      await expect(store.set('k', record('a'), 1_000)).rejects.toBeInstanceOf(RedisStoreError);
      await expect(store.withLock('k', async () => 1, { leaseMs: 1_000, waitMs: 1_000 })).rejects.toBeInstanceOf(RedisStoreError);
      store.watch('k', () => {});
      await expect.poll(() => events.map((event) => event.operation)).toEqual(['GET', 'EVALSHA', 'SET', 'subscribe']);
    } finally {
      process.kill(stalled.pid, 'SIGCONT');
      await stalled.stop();
    }
  });

  it('bounds every wait when Redis is down', async () => {
    const down = await startRedisServer();
    const store = await openStore({ commandTimeoutMs: 200 }, down.url);
    await down.stop();
    await expect(store.get('k')).rejects.toThrow();
    await expect(store.delete('k')).rejects.toThrow();
    await expect(store.withLock('k', async () => 1, { leaseMs: 1_000, waitMs: 1_000 })).rejects.toThrow();
  });
});
