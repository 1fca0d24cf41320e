/**
 * Two levels: a token cached in the process's memory is served without a Redis
 * round trip, counted by the server itself (INFO commandstats), not by timing.
 */
import { createFormflowClient } from '@tokens/formflow';
import { startSandbox, type Sandbox } from '@tokens/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTokenStore } from '../src/index';
import { clientKinds, type ClientKind } from './clients';
import { startRedisServer, totalCommands, type RedisServer } from './redis-server';

let sandbox: Sandbox;
let redis: RedisServer;
beforeAll(async () => {
  [sandbox, redis] = await Promise.all([startSandbox(), startRedisServer()]);
});
afterAll(async () => {
  await sandbox.close();
  await redis.stop();
});

describe.each(Object.keys(clientKinds) as ClientKind[])('with %s', (kind) => {
  it('a cached getToken() sends no command to Redis', async () => {
    const connection = await clientKinds[kind](redis.url);
    const store = createRedisTokenStore({ client: connection.client, prefix: `${kind}:` });
    try {
      const formflow = createFormflowClient({ baseUrl: sandbox.urls.formflow, ...sandbox.credentials.formflow, tokenStore: store });
      const first = await formflow.getToken();
      redis.cli('CONFIG', 'RESETSTAT');
      for (let call = 0; call < 100; call++) expect((await formflow.getToken()).token).toBe(first.token);
      await Promise.all(Array.from({ length: 100 }, () => formflow.getToken()));
      expect(totalCommands(redis)).toBe(0);
    } finally {
      await store.close();
      await connection.close();
    }
  });

  it('the first getToken() does go through Redis (what the count above would see)', async () => {
    const connection = await clientKinds[kind](redis.url);
    const store = createRedisTokenStore({ client: connection.client, prefix: `${kind}-cold:` });
    try {
      redis.cli('CONFIG', 'RESETSTAT');
      await createFormflowClient({ baseUrl: sandbox.urls.formflow, ...sandbox.credentials.formflow, tokenStore: store }).getToken();
      expect(totalCommands(redis)).toBeGreaterThan(0);
    } finally {
      await store.close();
      await connection.close();
    }
  });
});
