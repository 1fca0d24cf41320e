/**
 * The README's example runs as a user would run it: with tsx, against the BUILT
 * packages, a real redis-server and the sandbox as Formflow, configured through the
 * environment variables it reads.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox } from '@tokens/sandbox';
import { expect, it } from 'vitest';
import { startRedisServer } from './redis-server';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

it('the README example gets a token through Redis and leaves it encrypted there', async () => {
  const readme = await readFile(`${packageDir}/README.md`, 'utf8');
  const example = /^```ts\n([\s\S]*?)^```$/m.exec(readme)![1]!;
  // Inside the package, so that its imports resolve as in a user's project.
  const script = `${packageDir}/readme-example.tmp.mts`;
  const [sandbox, redis] = await Promise.all([startSandbox(), startRedisServer()]);
  try {
    await writeFile(script, example);
    const { clientId, clientSecret, organizationId } = sandbox.credentials.formflow;
    // Not execFileSync: the sandbox answers from this process's event loop.
    const { stdout: output } = await promisify(execFile)(tsx, [script], {
      cwd: packageDir,
      encoding: 'utf8',
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        FORMFLOW_BASE_URL: sandbox.urls.formflow,
        FORMFLOW_CLIENT_ID: clientId,
        FORMFLOW_CLIENT_SECRET: clientSecret,
        FORMFLOW_ORGANIZATION_ID: organizationId,
        TOKENS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    });
    expect(output).toMatch(/^token valid until \d{4}-\d\d-\d\dT/);
    const keys = redis.cli('KEYS', 'tokens:*').trim().split('\n');
    expect(keys, redis.cli('KEYS', '*')).toHaveLength(1);
    const record = JSON.parse(redis.cli('GET', keys[0]!)) as { value: string };
    expect(record.value).not.toContain('"token"');
  } finally {
    await rm(script, { force: true });
    await sandbox.close();
    await redis.stop();
  }
});
