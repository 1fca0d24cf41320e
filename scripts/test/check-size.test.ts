/**
 * The size-budget check (one table, no exceptions) fails on an entry over its budget, naming
 * it, and passes a small one. The entries here are files the test writes (random bytes do not compress), measured
 * with the real esbuild `measure`; no package's size is asserted.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, checkSizes, comparisonEntries, defaultEntries, printComparison, runSizeCheck, type BudgetedEntry } from '../check-size.ts';

let dir: string;
let tooLarge: BudgetedEntry;
let small: BudgetedEntry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokens-size-'));
  // 6,000 random bytes as base64: about 8 kB minified, and gzip cannot shrink it below ~6 kB.
  await writeFile(join(dir, 'too-large.js'), `export const blob = ${JSON.stringify(randomBytes(6_000).toString('base64'))};\n`);
  await writeFile(join(dir, 'small.js'), `export const createClient = (baseUrl) => ({ get: (path) => fetch(baseUrl + path) });\n`);
  tooLarge = { label: '@tokens/too-large', kind: 'package', source: `export * from ${JSON.stringify(join(dir, 'too-large.js'))};`, external: [] };
  small = { label: '@tokens/small', kind: 'package', source: `export * from ${JSON.stringify(join(dir, 'small.js'))};`, external: [] };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('checkSizes', () => {
  it('marks an entry over its kind\'s budget', async () => {
    const [result] = await checkSizes([tooLarge], BUDGETS);
    expect(result).toMatchObject({ label: '@tokens/too-large', kind: 'package', budget: BUDGETS.package.bytes, over: true });
    expect(result!.gzipped).toBeGreaterThan(BUDGETS.package.bytes);
  });

  it('passes an entry within its budget', async () => {
    const [result] = await checkSizes([small], BUDGETS);
    expect(result).toMatchObject({ label: '@tokens/small', over: false });
  });

  it('takes the budgets it is given', async () => {
    const [result] = await checkSizes([small], { ...BUDGETS, package: { bytes: 10, what: 'tiny' } });
    expect(result!.over).toBe(true);
  });
});

describe('runSizeCheck (what `pnpm check:size` runs)', () => {
  async function run(entries: BudgetedEntry[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSizeCheck(entries, BUDGETS, { log: (line) => out.push(line), error: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the budget table', async () => {
    const { out } = await run([small]);
    expect(out).toMatch(/each one-call app \(provider \+ core \+ openapi-fetch, one token\) +≤ 15\.05 kB/);
    expect(out).toMatch(/@tokens\/core without openapi-fetch +≤ 11\.45 kB/);
    expect(out).toMatch(/each other published package .* without core +≤ 3\.10 kB/);
  });

  it('exits 1 naming each entry over budget, and only those', async () => {
    const { code, out, err } = await run([small, tooLarge]);
    expect(code).toBe(1);
    expect(err).toMatch(/check:size: @tokens\/too-large is [\d.]+ kB min\+gzip, over its budget of 3\.10 kB/);
    expect(err).not.toContain('@tokens/small');
    expect(out).toMatch(/@tokens\/too-large .* OVER by/);
    expect(out).toMatch(/@tokens\/small .* ok$/m);
  });

  it('exits 0 when every entry is within budget', async () => {
    const { code, out, err } = await run([small]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('1 of 1 entries within budget');
  });
});

describe('defaultEntries', () => {
  it('budgets core, every other published package alone but the sandbox, and each provider\'s one-call app', () => {
    const entries = defaultEntries();
    const packages = entries.filter((entry) => entry.kind === 'package');
    expect(entries[0]).toMatchObject({ kind: 'core', external: ['openapi-fetch'] });
    for (const name of ['transactionlink', 'onespan', 'formflow', 'finpay']) {
      expect(packages.find((entry) => entry.label.startsWith(`@tokens/${name} `))?.external).toEqual(['@tokens/core', 'openapi-fetch']);
    }
    expect(entries.some((entry) => entry.label.includes('sandbox'))).toBe(false);
    expect(entries.filter((entry) => entry.kind === 'bundle').map((entry) => entry.label)).toEqual([
      'one-call app, transactionlink + core + openapi-fetch',
      'one-call app, onespan + core + openapi-fetch',
      'one-call app, formflow + core + openapi-fetch',
      'one-call app, finpay + core + openapi-fetch',
    ]);
    for (const entry of entries.filter((e) => e.kind === 'bundle')) expect(entry.external).toEqual([]);
  });
});

describe('the comparison rows', () => {
  it('bundles the same POST with fetch alone, axios and ky, each measured', async () => {
    const lines: string[] = [];
    await printComparison(comparisonEntries(), (line) => lines.push(line));
    for (const label of ['fetch alone', 'axios', 'ky']) expect(lines.join('\n')).toMatch(new RegExp(`same POST, ${label} +[\\d.]+ kB +[\\d.]+ kB`));
  });
});
