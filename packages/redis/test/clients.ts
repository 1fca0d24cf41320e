/** The two clients the store supports, connected the way a user would, for tests run against both. */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import type { RedisClient } from '../src/index';

export interface TestClient {
  readonly client: RedisClient;
  close(): Promise<void>;
}

export const clientKinds = {
  async 'node-redis'(url: string): Promise<TestClient> {
    const client = createClient({ url, socket: { reconnectStrategy: () => 50 } });
    client.on('error', () => {}); // the user's client: reconnects on its own
    await client.connect();
    return { client, close: async () => client.destroy() };
  },
  async ioredis(url: string): Promise<TestClient> {
    const client = new Redis(url, { retryStrategy: () => 50, maxRetriesPerRequest: null });
    client.on('error', () => {});
    await new Promise((resolve) => client.once('ready', resolve));
    return { client, close: async () => client.disconnect() };
  },
} as const;

export type ClientKind = keyof typeof clientKinds;
