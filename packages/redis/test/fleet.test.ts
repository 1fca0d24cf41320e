/**
 * Acceptance 2 of issue 13, with real processes: 16 Node processes running the BUILT
 * @tokens/formflow with a @tokens/redis store on one real redis-server, the sandbox as
 * Formflow behind a 127.0.0.1 server that counts (and can stall) token requests.
 */
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '@tokens/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientKinds, type ClientKind } from './clients';
import { startCountingUpstream, type CountingUpstream } from './counting-upstream';
import { startFleet, type FleetConfig } from './fleet';
import { startRedisServer, type RedisServer } from './redis-server';

const FLEET = 16;
const CALLERS = 100;

let sandbox: Sandbox;
let upstream: CountingUpstream;
let redis: RedisServer;
let fleet: Awaited<ReturnType<typeof startFleet>> | undefined;

beforeAll(async () => {
  sandbox = await startSandbox({ settings: { formflowRequestsPerMinute: 10_000 } });
  upstream = await startCountingUpstream(sandbox.url);
});
afterAll(async () => {
  await upstream.close();
  await sandbox.close();
});
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
  await redis.stop();
  upstream.release();
  upstream.tokenRequests.length = 0;
});

async function start(size: number, client: ClientKind, more: Partial<FleetConfig> = {}) {
  redis = await startRedisServer();
  fleet = await startFleet(size, {
    redisUrl: redis.url,
    baseUrl: `${upstream.url}/formflow`,
    credentials: sandbox.credentials.formflow,
    client,
    ...more,
  });
  return fleet;
}

const everyResult = (perProcess: string[][]) => perProcess.flat();

describe.each(Object.keys(clientKinds) as ClientKind[])('a fleet on %s', (client) => {
  it(`${FLEET} processes × ${CALLERS} concurrent callers on a cold cache: 1 upstream request, one token everywhere`, async () => {
    const { processes } = await start(FLEET, client);
    const results = everyResult(await Promise.all(processes.map((process) => process.get(CALLERS))));
    expect(results).toHaveLength(FLEET * CALLERS);
    expect(results.filter((result) => result.startsWith('error:'))).toEqual([]);
    expect(new Set(results).size).toBe(1);
    expect(upstream.tokenRequests).toHaveLength(1);
  }, 120_000);
});

it('the lock holder killed (SIGKILL) mid-refresh: its lock expires, another process finishes, every caller is served', async () => {
  const { processes, kill } = await start(FLEET, 'node-redis', { lockLeaseMs: 1_000 });
  upstream.stall();
  const pending = processes.map((process) => process.get(CALLERS));
  const holder = Number(await upstream.nthTokenRequest(1));
  kill(holder);
  upstream.release();
  const survivors = await Promise.all(pending.filter((_, index) => index !== holder));
  const results = everyResult(survivors);
  expect(results).toHaveLength((FLEET - 1) * CALLERS);
  expect(results.filter((result) => result.startsWith('error:'))).toEqual([]);
  expect(new Set(results).size).toBe(1);
  // The stalled request of the dead holder, and one more by whoever took the lock over.
  expect(upstream.tokenRequests).toHaveLength(2);
  expect(Number(upstream.tokenRequests[1])).not.toBe(holder);
}, 120_000);

it('Redis stopped mid-run (while the lock holder is refreshing): every caller still gets a token, and each process\'s cache logs that it went on without Redis', async () => {
  const { processes } = await start(FLEET, 'node-redis');
  upstream.stall();
  const pending = processes.map((process) => process.get(CALLERS));
  await upstream.nthTokenRequest(1);
  await redis.stop();
  upstream.release();
  const perProcess = await Promise.all(pending);
  expect(everyResult(perProcess).filter((result) => result.startsWith('error:'))).toEqual([]);
  // Each process falls back to its own single flight: one token for all its callers.
  for (const results of perProcess) expect(new Set(results).size).toBe(1);
  expect(upstream.tokenRequests.length).toBeLessThanOrEqual(FLEET);
  for (const process of processes) {
    expect(process.storeEvents.length).toBeGreaterThan(0);
    expect(process.cacheEvents.filter((event) => event.startsWith('store-error')).length).toBeGreaterThan(0);
  }
}, 120_000);

describe('the record in Redis', () => {
  const storedValues = () =>
    redis
      .cli('KEYS', '*')
      .split('\n')
      .filter((key) => key && !key.endsWith(':lock'))
      .map((key) => redis.cli('GET', key));

  it('holds no token in plaintext with an encryption key', async () => {
    const { processes } = await start(2, 'node-redis', { encryptionKey: randomBytes(32).toString('base64') });
    const [token] = await processes[0]!.get(1);
    expect(await processes[1]!.get(1)).toEqual([token]); // the second process decrypted it
    const values = storedValues();
    expect(values).toHaveLength(1);
    for (const part of token!.split('.')) expect(values[0]).not.toContain(part);
  }, 120_000);

  it('holds the token as it is without one (what the key prevents)', async () => {
    const { processes } = await start(1, 'node-redis');
    const [token] = await processes[0]!.get(1);
    expect(storedValues()[0]).toContain(token);
  }, 120_000);
});

it('after another process refreshed, this process gets the new token on its next call (an invalidation message)', async () => {
  const { processes } = await start(2, 'ioredis');
  const [first] = await processes[0]!.get(1);
  expect(await processes[1]!.get(1)).toEqual([first]);
  const [renewed] = await processes[1]!.get(1, true);
  expect(renewed).not.toBe(first);
  await processes[0]!.notifiedTimes(1);
  expect(await processes[0]!.get(1)).toEqual([renewed]);
  expect(upstream.tokenRequests).toHaveLength(2);
}, 120_000);
