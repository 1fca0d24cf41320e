/**
 * The packages as a user gets them: `pnpm pack` every published package, install
 * the tarballs into a fresh npm project outside the workspace, and there get a
 * token from each provider (against the sandbox, also from its tarball) with
 * real `import` and real `require` (and load @tokens/redis), and type-check a consumer under the
 * `node16` and `bundler` module resolutions.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const PUBLISHED = ['core', 'transactionlink', 'onespan', 'formflow', 'finpay', 'sandbox', 'redis'];
let app: string;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'tokens-consumer-'));
  const tarballs = join(root, 'tarballs');
  app = join(root, 'app');
  await mkdir(app, { recursive: true });
  for (const name of PUBLISHED) {
    // pnpm pack, not npm pack: it turns workspace: ranges into real versions.
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'pnpm'), ['pack', '--pack-destination', tarballs], {
      cwd: join(repoRoot, 'packages', name),
      stdio: 'pipe',
    });
  }
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', version: '1.0.0', private: true }));
  const files = (await readdir(tarballs)).map((file) => join(tarballs, file));
  expect(files).toHaveLength(PUBLISHED.length);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, 'typescript@5.9.3', '@types/node@20', 'redis@6.3.1', 'ioredis@6.0.0'], {
    cwd: app,
    stdio: 'pipe',
  });
  await writeFile(join(app, 'tokens.mjs'), consumerScript('esm'));
  await writeFile(join(app, 'tokens.cjs'), consumerScript('cjs'));
  await writeFile(join(app, 'consumer.ts'), typedConsumer);
  cleanup = () => rm(root, { recursive: true, force: true });
}, 300_000);

let cleanup: () => Promise<void> = async () => {};
afterAll(() => cleanup());

/** A user's script: start the sandbox, get a token from each provider, print a summary. */
function consumerScript(kind: 'esm' | 'cjs'): string {
  const load =
    kind === 'esm'
      ? `import { startSandbox } from '@tokens/sandbox';
import { createTransactionLinkClient } from '@tokens/transactionlink';
import { createOneSpanClient } from '@tokens/onespan';
import { createFormflowClient } from '@tokens/formflow';
import { createFinpayClient } from '@tokens/finpay';
import { TokensError } from '@tokens/core';
import { createRedisTokenStore } from '@tokens/redis';
const run = async (body) => body();`
      : `const { startSandbox } = require('@tokens/sandbox');
const { createTransactionLinkClient } = require('@tokens/transactionlink');
const { createOneSpanClient } = require('@tokens/onespan');
const { createFormflowClient } = require('@tokens/formflow');
const { createFinpayClient } = require('@tokens/finpay');
const { TokensError } = require('@tokens/core');
const { createRedisTokenStore } = require('@tokens/redis');
const run = (body) => body().catch((error) => { console.error(error); process.exit(1); });`;
  return `${load}
run(async () => {
  const sb = await startSandbox();
  try {
    const tl = createTransactionLinkClient({ baseUrl: sb.urls.transactionlink, ...sb.credentials.transactionlink });
    const tokens = {
      transactionlinkV2: await tl.createWidgetToken({ workflowDefinitionId: '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c' }),
      transactionlinkV1: await tl.createWidgetToken({ version: 1, caseId: '11111111-2222-3333-4444-555555555555', workflowDefinitionId: 'wf' }),
      onespan: await createOneSpanClient({ baseUrl: sb.urls.onespan, ...sb.credentials.onespan })
        .createSessionCreationToken({ transactionId: 'dcaad720-d1e9-47ba-a76b-a6370ef0373b', role: 'signer1' }),
      formflow: await createFormflowClient({ baseUrl: sb.urls.formflow, ...sb.credentials.formflow }).getToken(),
      finpay: await createFinpayClient({ baseUrl: sb.urls.finpay, ...sb.credentials.finpay }).getToken(),
    };
    const summary = {};
    for (const [name, issued] of Object.entries(tokens)) {
      summary[name] = { tokenType: issued.tokenType, expiresAt: issued.expiresAt.toISOString(), length: issued.token.length, id: issued.id, role: issued.role };
    }
    summary.errorsAreTokensErrors = typeof TokensError === 'function';
    summary.redisStoreIsAFunction = typeof createRedisTokenStore === 'function';
    console.log(JSON.stringify(summary));
  } finally {
    await sb.close();
  }
});
`;
}

/** A typed consumer: compiles only if the published declarations carry the contract's types. */
const typedConsumer = `import { startSandbox } from '@tokens/sandbox';
import { createTransactionLinkClient, type IssuedToken, type WorkflowTokenDtoV2 } from '@tokens/transactionlink';
import { createFormflowClient } from '@tokens/formflow';
import { createFinpayClient, signFinpayRequest } from '@tokens/finpay';
import { createOneSpanClient } from '@tokens/onespan';
import { ApiError, ValidationError } from '@tokens/core';
import { createRedisTokenStore, type RedisTokenStore } from '@tokens/redis';
import { createClient } from 'redis';
import { Redis } from 'ioredis';

/** Both clients, as their own packages type them, are accepted as the store's client. */
export function stores(): RedisTokenStore[] {
  return [createRedisTokenStore({ client: createClient() }), createRedisTokenStore({ client: new Redis({ lazyConnect: true }), prefix: 'app:' })];
}

export async function main(): Promise<void> {
  const sb = await startSandbox({ port: 0 });
  const tl = createTransactionLinkClient({ baseUrl: sb.urls.transactionlink, ...sb.credentials.transactionlink });
  const v2: IssuedToken<WorkflowTokenDtoV2> & { id: string } = await tl.createWidgetToken({ workflowDefinitionId: 'x' });
  const { data } = await tl.api.POST('/token', { version: 2, body: { workflowDefinitionId: 'x' } });
  const id: string | undefined = data?.id;
  const formflow = createFormflowClient({ baseUrl: sb.urls.formflow, ...sb.credentials.formflow });
  const expires: Date = (await formflow.getToken({ forceRefresh: true })).expiresAt;
  const signature: string = signFinpayRequest({ reqDtime: '20240821142750', requestType: 'getToken', transNumber: 'T1' }, 'key', { keyHexCase: 'lower' });
  const finpay = createFinpayClient({ baseUrl: sb.urls.finpay, ...sb.credentials.finpay });
  const onespan = createOneSpanClient({ baseUrl: sb.urls.onespan, ...sb.credentials.onespan });
  const role: string = (await onespan.createSessionCreationToken({ transactionId: 'x' })).role;
  const status: number | undefined = new ApiError('p', 'm', { status: 400, body: undefined }).status;
  const issues = new ValidationError('p', [{ path: 'a', message: 'b' }]).issues;
  console.log(v2.id, id, expires, signature, (await finpay.getToken()).raw.statusCode, role, status, issues, v2.raw.id);
  await sb.close();
}
`;

describe.each(['esm', 'cjs'] as const)('a consumer project (%s) using the tarballs', (kind) => {
  it('gets a token from each provider through the installed packages and the installed sandbox', () => {
    const output = execFileSync(process.execPath, [join(app, kind === 'esm' ? 'tokens.mjs' : 'tokens.cjs')], { cwd: app, encoding: 'utf8' });
    const summary = JSON.parse(output) as Record<string, { tokenType: string; expiresAt: string; length: number; id?: string; role?: string }> & {
      errorsAreTokensErrors: boolean;
      redisStoreIsAFunction: boolean;
    };
    const now = Date.now();
    for (const name of ['transactionlinkV2', 'transactionlinkV1', 'onespan', 'formflow', 'finpay']) {
      expect(summary[name]!.length).toBeGreaterThan(20);
      expect(Date.parse(summary[name]!.expiresAt)).toBeGreaterThan(now);
    }
    expect(summary.transactionlinkV2!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(summary.transactionlinkV1!.id).toBeUndefined();
    expect(summary.transactionlinkV2!.tokenType).toBe('Bearer');
    expect(summary.formflow!.tokenType).toBe('Bearer');
    expect(summary.onespan!.role).toBe('signer1');
    expect(summary.errorsAreTokensErrors).toBe(true);
    expect(summary.redisStoreIsAFunction).toBe(true);
  });
});

describe.each([
  ['node16', { module: 'node16', moduleResolution: 'node16' }],
  ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
] as const)('type-checking a consumer under moduleResolution %s', (name, options) => {
  it('compiles with tsc --noEmit', async () => {
    const config = join(app, `tsconfig.${name}.json`);
    await writeFile(
      config,
      JSON.stringify({ compilerOptions: { ...options, target: 'es2022', strict: true, noEmit: true, types: ['node'], skipLibCheck: false }, files: ['consumer.ts'] }),
    );
    let output = '';
    try {
      execFileSync(join(app, 'node_modules', '.bin', 'tsc'), ['-p', config], { cwd: app, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toBe('');
  });
});
