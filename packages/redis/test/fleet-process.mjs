// One process of a fleet: a Formflow client of the BUILT packages whose token cache
// shares a Redis store. The test drives it over IPC: `get` runs `callers` concurrent
// getToken() calls and answers with the token each one got (or its error's name).
import { createFormflowClient, encryptedTokenStore } from '@tokens/formflow';
import { createRedisTokenStore } from '@tokens/redis';
import { Redis } from 'ioredis';
import { createClient } from 'redis';

const config = JSON.parse(process.env.FLEET_CONFIG);
const send = (message) => process.send(message);

async function connect() {
  if (config.client === 'ioredis') {
    const client = new Redis(config.redisUrl, { retryStrategy: () => 100, maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    return client;
  }
  const client = createClient({ url: config.redisUrl, socket: { reconnectStrategy: () => 100 } });
  client.on('error', () => {});
  await client.connect();
  return client;
}

const client = await connect();
const store = createRedisTokenStore({ client, commandTimeoutMs: 500, log: (event) => send({ type: 'store-event', operation: event.operation }) });
// Also tells the test when the cache heard another process's write (its in-memory copy dropped).
const watchedStore = {
  ...store,
  // A shorter lease than the cache asks for, so that a killed holder's lock expires within the test.
  withLock: (key, fn, options) => store.withLock(key, fn, config.lockLeaseMs ? { ...options, leaseMs: config.lockLeaseMs } : options),
  watch: (key, listener) =>
    store.watch(key, () => {
      listener();
      send({ type: 'notified' });
    }),
};
const formflow = createFormflowClient({
  baseUrl: config.baseUrl,
  ...config.credentials,
  tokenStore: config.encryptionKey ? encryptedTokenStore(watchedStore, config.encryptionKey) : watchedStore,
  tokenCacheLog: (event) => send({ type: 'cache-event', event: `${event.type} ${event.operation}` }),
  headers: { 'x-fleet-process': String(config.index) },
  maxRetries: 0,
});

process.on('message', async (message) => {
  if (message.type === 'get') {
    const results = await Promise.all(
      Array.from({ length: message.callers }, () =>
        formflow.getToken({ forceRefresh: message.forceRefresh }).then(
          (issued) => issued.token,
          (error) => `error:${error?.name}`,
        ),
      ),
    );
    send({ type: 'result', results });
  } else if (message.type === 'exit') {
    await store.close();
    if (config.client === 'ioredis') client.disconnect();
    else client.destroy();
    process.exit(0);
  }
});
send({ type: 'ready' });
