/**
 * The built package as users load it: its ESM file with real `import` and its CommonJS
 * file with real `require()`, each in a fresh Node process, storing and reading a
 * record on a real redis-server through a node-redis client.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from './redis-server';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis.stop());

const body = (mode: string) => `
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  const store = createRedisTokenStore({ client, prefix: '${mode}:' });
  await store.set('k', { value: 'v', expiresAt: 1, id: 'i' }, 60000);
  const record = await store.get('k');
  await store.close();
  client.destroy();
  console.log(JSON.stringify({ resolved: ${mode === 'import' ? "import.meta.resolve('@tokens/redis')" : "require.resolve('@tokens/redis')"}, record }));`;

const programs = {
  import: ['--input-type=module', '-e', `import { createRedisTokenStore } from '@tokens/redis'; import { createClient } from 'redis';${body('import')}`],
  require: [
    '--input-type=commonjs',
    '-e',
    `const { createRedisTokenStore } = require('@tokens/redis'); const { createClient } = require('redis'); (async () => {${body('require')}})().catch((e) => { console.error(e); process.exit(1); });`,
  ],
};

describe.each([
  ['import', /\/dist\/index\.js$/],
  ['require', /\/dist\/index\.cjs$/],
] as const)('@tokens/redis built, loaded with %s()', (mode, builtFile) => {
  it('resolves to the built file and keeps a record in Redis', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, programs[mode], { cwd: packageDir, env: { ...process.env, REDIS_URL: redis.url } });
    const { resolved, record } = JSON.parse(stdout) as { resolved: string; record: unknown };
    expect(resolved).toMatch(builtFile);
    expect(record).toEqual({ value: 'v', expiresAt: 1, id: 'i' });
    expect(JSON.parse(redis.cli('GET', `${mode}:k`))).toEqual(record);
  });
});
