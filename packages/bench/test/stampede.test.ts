/**
 * The one figure of `pnpm bench` that is asserted: a count, not a time. 10,000 concurrent
 * callers of a cold token cache send exactly one request upstream, and all get its token.
 */
import { startSandbox, type Sandbox } from '@tokens/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stampede } from '../src/stampede';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('cold-cache stampede (Formflow client against the sandbox)', () => {
  it('10,000 concurrent getToken() calls send exactly 1 upstream request and share its token', async () => {
    const result = await stampede(10_000, { baseUrl: sandbox.urls.formflow, ...sandbox.credentials.formflow });
    expect(result.upstream).toBe(1);
    expect(result.distinctTokens).toBe(1);
    expect(result.callers).toBe(10_000);
  });

  it('a second stampede on another cold client is again 1 request (nothing is shared between clients)', async () => {
    const options = { baseUrl: sandbox.urls.formflow, ...sandbox.credentials.formflow };
    const [first, second] = [await stampede(10_000, options), await stampede(10_000, options)];
    expect([first.upstream, second.upstream]).toEqual([1, 1]);
  });
});
