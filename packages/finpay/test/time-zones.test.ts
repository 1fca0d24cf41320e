/**
 * The BUILT package in fresh Node processes whose machine time zone is UTC and
 * America/Los_Angeles (and Jakarta itself): for a fixed injected clock, the reqDtime
 * the local server receives is the GMT+7 time, and tokenExpiry is read as GMT+7.
 * Run after a build (turbo's test task depends on it).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bodyOf, success, tokenServer } from './support';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** 2024-08-21T20:05:09Z: 13:05 in Los Angeles, 20:05 in UTC, already 03:05 on the 22nd in Jakarta. */
const NOW = Date.UTC(2024, 7, 21, 20, 5, 9);

// The child reads its plan from the environment; it loads the package by name, as a user does.
const child = `
  const { createFinpayClient, finpayReqDtime } = await import('@tokens/finpay');
  const now = Number(process.env.FINPAY_TEST_NOW);
  const client = createFinpayClient({
    baseUrl: process.env.FINPAY_TEST_URL, username: 'merchant-7', password: 'pw', secretKey: 'mySecretKey',
    clock: { now: () => now, sleep: async () => {} },
  });
  const token = await client.getToken();
  process.stdout.write(JSON.stringify({
    resolved: import.meta.resolve('@tokens/finpay'),
    offset: new Date(now).getTimezoneOffset(),
    localHour: new Date(now).getHours(),
    reqDtime: finpayReqDtime(now),
    expiresAt: token.expiresAt.toISOString(),
  }));
`;

describe.each([
  ['UTC', 0, 20],
  ['America/Los_Angeles', 420, 13],
  ['Asia/Jakarta', -420, 3],
])('the built package with TZ=%s', (tz, offset, localHour) => {
  it('sends reqDtime in GMT+7 and reads tokenExpiry as GMT+7', async () => {
    const server = await tokenServer((n) => success(n, '24-AUG-24 16:23:30'));
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', child], {
      cwd: packageDir,
      env: { ...process.env, TZ: tz, FINPAY_TEST_URL: server.url, FINPAY_TEST_NOW: String(NOW) },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result['resolved']).toMatch(/\/dist\/index\.js$/);
    // The time zone did take effect in the child...
    expect(result['offset']).toBe(offset);
    expect(result['localHour']).toBe(localHour);
    // ...and changed nothing Finpay sees.
    expect(server.requests).toHaveLength(1);
    expect(bodyOf(server.requests[0]).reqDtime).toBe('20240822030509');
    expect(result['reqDtime']).toBe('20240822030509');
    expect(result['expiresAt']).toBe('2024-08-24T09:23:30.000Z');
  });
});
