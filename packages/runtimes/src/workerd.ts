/**
 * The workerd leg: the bundled Worker in Miniflare's workerd, without `nodejs_compat`,
 * its outbound fetch allowed to loopback only (workerd's own default network is
 * "public", which refuses 127.0.0.1; Miniflare's default adds "private" as well).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Miniflare } from 'miniflare';
import type { CheckResult, SandboxConfig } from './checks.ts';

const require = createRequire(import.meta.url);
const miniflareVersion = (require('miniflare/package.json') as { version: string }).version;
export const workerdVersion = (createRequire(require.resolve('miniflare'))('workerd/package.json') as { version: string }).version;

/** A date workerd 1.20260730 knows; the flags are none (no nodejs_compat). */
export const COMPATIBILITY_DATE = '2026-07-30';

/** What the workerd leg runs on, beyond the version its tally line names. */
export const workerdName = `workerd ${workerdVersion} through miniflare ${miniflareVersion}, compatibility date ${COMPATIBILITY_DATE}, no nodejs_compat`;

/** Where the Worker's fetch may go, in workerd's terms: loopback only, where the sandbox is. */
export const OUTBOUND_ALLOW: readonly string[] = ['local'];

/** Runs the checks in a Worker made from `bundlePath`; rejects when workerd cannot load it. */
export async function runInWorkerd(bundlePath: string, config: SandboxConfig, allow: readonly string[] = OUTBOUND_ALLOW): Promise<CheckResult[]> {
  const miniflare = new Miniflare({
    modules: [{ type: 'ESModule', path: bundlePath, contents: await readFile(bundlePath, 'utf8') }],
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: [],
    outboundService: { network: { allow: [...allow] } },
  });
  try {
    const response = await miniflare.dispatchFetch('http://worker.invalid/', { method: 'POST', body: JSON.stringify(config) });
    if (!response.ok) throw new Error(`the Worker answered HTTP ${response.status}: ${await response.text()}`);
    return (await response.json()) as CheckResult[];
  } finally {
    await miniflare.dispose();
  }
}
