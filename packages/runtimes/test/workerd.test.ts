/**
 * The workerd leg. It catches a package that needs a Node-only module: the leg,
 * run on a fixture of @tokens/finpay whose signer imports node:crypto, fails (the Worker
 * does not load), while the same leg passes on the built packages. The fixture itself is
 * right in Node, so it is the Node-only module that workerd refuses. And its outbound rule
 * (loopback allowed) is what lets the Worker reach the sandbox at all.
 */
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '@tokens/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../src/bundle.ts';
import { CHECK_COUNT, type SandboxConfig } from '../src/checks.ts';
import { runInWorkerd } from '../src/workerd.ts';

const fixture = fileURLToPath(new URL('./fixtures/finpay-node-crypto/index.js', import.meta.url));

let sandbox: Sandbox;
let config: SandboxConfig;
beforeAll(async () => {
  sandbox = await startSandbox();
  config = { urls: sandbox.urls, credentials: sandbox.credentials };
});
afterAll(() => sandbox?.close());

describe('the workerd leg', () => {
  it('passes every check on the built packages', async () => {
    const results = await runInWorkerd(await bundleWorker({ name: 'worker-built.mjs' }), config);
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results).toHaveLength(CHECK_COUNT);
  });

  it('fails when a package imports node:crypto: workerd, without nodejs_compat, does not load the Worker', async () => {
    const bundle = await bundleWorker({ name: 'worker-node-crypto.mjs', alias: { '@tokens/finpay': fixture } });
    await expect(runInWorkerd(bundle, config)).rejects.toThrow(/node:crypto/);
  });

  it('reaches the sandbox only through its outbound rule: on workerd\'s default network ("public") each request ends in a ConnectionError', async () => {
    const results = await runInWorkerd(await bundleWorker({ name: 'worker-public-only.mjs' }), config, ['public']);
    const failed = results.filter((result) => !result.ok);
    // Every check that makes a request (all but the ValidationError and the signature vectors).
    expect(failed).toHaveLength(CHECK_COUNT - 2);
    for (const result of failed) expect(result.detail).toMatch(/ConnectionError: \w+: POST http:\/\/127\.0\.0\.1:\d+\/.* failed/);
  });

  it('runs a fixture that is right in Node (the test vector of providers.md)', async () => {
    const { signFinpayRequest } = (await import(fixture)) as typeof import('@tokens/finpay');
    const fields = { reqDtime: '20240821142750', requestType: 'getToken', transNumber: 'TKN212418241627519329' };
    expect(signFinpayRequest(fields, 'mySecretKey')).toBe('B4916007E177C3BEB3437A053A64B9E51D54827CCCE04AD664F69B598F6C5630');
  });
});
