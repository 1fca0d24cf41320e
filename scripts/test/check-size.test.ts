/**
 * The size-budget check fails on an entry over its budget, naming it, and passes a small
 * one. The entries here are files the test writes (random bytes do not compress), measured
 * with the real esbuild `measure`; no package's size is asserted.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, checkSizes, defaultEntries, runSizeCheck, type BudgetedEntry } from '../check-size.ts';
import { ACCEPTED_OVERRUNS, type AcceptedOverrun } from '../size-overruns.ts';

let dir: string;
let tooLarge: BudgetedEntry;
let small: BudgetedEntry;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokens-size-'));
  // 6,000 random bytes as base64: about 8 kB minified, and gzip cannot shrink it below ~6 kB.
  await writeFile(join(dir, 'too-large.js'), `export const blob = ${JSON.stringify(randomBytes(6_000).toString('base64'))};\n`);
  await writeFile(join(dir, 'small.js'), `export const createClient = (baseUrl) => ({ get: (path) => fetch(baseUrl + path) });\n`);
  tooLarge = { label: '@tokens/too-large', kind: 'provider', source: `export * from ${JSON.stringify(join(dir, 'too-large.js'))};`, external: [] };
  small = { label: '@tokens/small', kind: 'provider', source: `export * from ${JSON.stringify(join(dir, 'small.js'))};`, external: [] };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('checkSizes', () => {
  it('marks an entry over its kind\'s budget', async () => {
    const [result] = await checkSizes([tooLarge], BUDGETS);
    expect(result).toMatchObject({ label: '@tokens/too-large', kind: 'provider', budget: 1_500, over: true });
    expect(result!.gzipped).toBeGreaterThan(1_500);
  });

  it('passes an entry within its budget', async () => {
    const [result] = await checkSizes([small], BUDGETS);
    expect(result).toMatchObject({ label: '@tokens/small', over: false });
  });

  it('takes the budgets it is given', async () => {
    const [result] = await checkSizes([small], { ...BUDGETS, provider: 10 });
    expect(result!.over).toBe(true);
  });
});

describe('runSizeCheck (what `pnpm check:size` runs)', () => {
  async function run(entries: BudgetedEntry[], overruns: AcceptedOverrun[] = []) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSizeCheck(entries, BUDGETS, { log: (line) => out.push(line), error: (line) => err.push(line), overruns });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const acceptTooLarge = (ceiling: number): AcceptedOverrun => ({ label: '@tokens/too-large', ceiling, why: 'a test blob' });

  it('exits 1 naming each entry over budget, and only those', async () => {
    const { code, out, err } = await run([small, tooLarge]);
    expect(code).toBe(1);
    expect(err).toMatch(/check:size: @tokens\/too-large is [\d.]+ kB min\+gzip, over its budget of 1\.50 kB/);
    expect(err).not.toContain('@tokens/small');
    expect(out).toMatch(/@tokens\/too-large .* OVER by/);
    expect(out).toMatch(/@tokens\/small .* ok$/m);
  });

  it('passes an entry over its budget within its accepted ceiling, still reporting it over budget', async () => {
    const { code, out, err } = await run([small, tooLarge], [acceptTooLarge(100_000)]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/@tokens\/too-large .* OVER by [\d.]+ kB \(accepted up to 100\.00 kB: a test blob\)/);
    expect(out).toContain('1 of 2 entries within budget, 1 over it within an accepted ceiling');
  });

  it('exits 1 when an accepted entry grows past its ceiling', async () => {
    const { code, err } = await run([tooLarge], [acceptTooLarge(2_000)]);
    expect(code).toBe(1);
    expect(err).toMatch(/@tokens\/too-large is [\d.]+ kB min\+gzip, over its budget of 1\.50 kB and over its accepted ceiling of 2\.00 kB/);
  });

  it('exits 1 when an accepted overrun is no longer needed, so that it cannot hide later growth', async () => {
    const { code, err } = await run([small], [{ label: '@tokens/small', ceiling: 5_000, why: 'was big once' }]);
    expect(code).toBe(1);
    expect(err).toContain('@tokens/small is within its budget of 1.50 kB now: remove its accepted overrun');
  });

  it('exits 1 when an accepted overrun names no measured entry', async () => {
    const { code, err } = await run([small], [{ label: '@tokens/renamed', ceiling: 5_000, why: 'stale' }]);
    expect(code).toBe(1);
    expect(err).toContain('accepts an overrun of "@tokens/renamed", which is not measured');
  });

  it('exits 0 when every entry is within budget', async () => {
    const { code, out, err } = await run([small]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('1 of 1 entries within budget');
  });
});

describe('ACCEPTED_OVERRUNS', () => {
  it('names only measured entries, each with a reason and a ceiling above the budget of its kind', () => {
    const entries = defaultEntries();
    for (const overrun of ACCEPTED_OVERRUNS) {
      const entry = entries.find((candidate) => candidate.label === overrun.label);
      expect(entry, overrun.label).toBeDefined();
      expect(overrun.ceiling).toBeGreaterThan(BUDGETS[entry!.kind]);
      expect(overrun.why.length).toBeGreaterThan(10);
    }
  });
});

describe('defaultEntries', () => {
  it('budgets core, each provider alone, each provider\'s one-call app, and the Redis store', () => {
    const entries = defaultEntries();
    expect(entries.map((entry) => entry.kind)).toEqual(['core', 'provider', 'provider', 'provider', 'provider', 'bundle', 'bundle', 'bundle', 'bundle', 'store']);
    expect(entries.at(-1)).toMatchObject({ label: '@tokens/redis (without core)', external: ['@tokens/core'] });
    for (const entry of entries.filter((e) => e.kind === 'provider')) expect(entry.external).toEqual(['openapi-fetch', '@tokens/core']);
    expect(entries[0]!.external).toEqual(['openapi-fetch']);
    for (const entry of entries.filter((e) => e.kind === 'bundle')) expect(entry.external).toEqual([]);
  });
});
