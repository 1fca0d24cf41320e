/**
 * Size budgets (`pnpm check:size`, run by CI): min+gzip bytes, measured with
 * scripts/size.ts's `measure` (esbuild, ESM, tree-shaken), of
 * - `@tokens/core` without openapi-fetch: ≤ 2.5 kB;
 * - each provider package without openapi-fetch and `@tokens/core`: ≤ 1.5 kB;
 * - a one-call app per provider, bundled whole (provider + core + openapi-fetch): ≤ 7 kB;
 * - each shared token store (`@tokens/redis`) without `@tokens/core`: ≤ 3 kB.
 * An entry may be over its budget only where scripts/size-overruns.ts accepts it, up
 * to the ceiling written there; the report still shows it over budget. Exits 1 naming
 * each entry over its budget (and not accepted) or over its accepted ceiling, and each
 * accepted overrun that is no longer needed or names no entry, so that an exception
 * can neither hide later growth nor outlive its reason.
 * Run after `pnpm build` (the script does): it measures the packages' dist/.
 * kB here is 1,000 bytes, as in `pnpm size`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { providers } from './providers.ts';
import { measure, type SizeEntry } from './size.ts';
import { ACCEPTED_OVERRUNS, type AcceptedOverrun } from './size-overruns.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

export type BudgetKind = 'core' | 'provider' | 'bundle' | 'store';

/** Bytes of min+gzip allowed, per kind of entry. */
export type Budgets = Readonly<Record<BudgetKind, number>>;

export const BUDGETS: Budgets = { core: 2_500, provider: 1_500, bundle: 7_000, store: 3_000 };

export interface BudgetedEntry extends SizeEntry {
  readonly kind: BudgetKind;
}

export interface SizeResult {
  readonly label: string;
  readonly kind: BudgetKind;
  readonly minified: number;
  readonly gzipped: number;
  readonly budget: number;
  /** Over its budget (accepted or not). */
  readonly over: boolean;
  /** The accepted overrun of this entry, if scripts/size-overruns.ts lists one. */
  readonly accepted?: AcceptedOverrun;
}

export type Measure = (entry: SizeEntry) => Promise<{ minified: number; gzipped: number }>;

/** Measures every entry against the budget of its kind, noting its accepted overrun if any. */
export async function checkSizes(
  entries: readonly BudgetedEntry[],
  budgets: Budgets,
  measureEntry: Measure = measure,
  overruns: readonly AcceptedOverrun[] = [],
): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const entry of entries) {
    const { minified, gzipped } = await measureEntry(entry);
    const budget = budgets[entry.kind];
    const accepted = overruns.find((overrun) => overrun.label === entry.label);
    results.push({ label: entry.label, kind: entry.kind, minified, gzipped, budget, over: gzipped > budget, ...(accepted && { accepted }) });
  }
  return results;
}

/** Why the check fails, one line per problem; empty when it passes. */
export function sizeProblems(results: readonly SizeResult[], overruns: readonly AcceptedOverrun[] = []): string[] {
  const problems: string[] = [];
  for (const result of results) {
    const { label, gzipped, budget, accepted } = result;
    if (result.over && !accepted) problems.push(`${label} is ${kB(gzipped)} min+gzip, over its budget of ${kB(budget)}`);
    else if (accepted && gzipped > accepted.ceiling) {
      problems.push(`${label} is ${kB(gzipped)} min+gzip, over its budget of ${kB(budget)} and over its accepted ceiling of ${kB(accepted.ceiling)}`);
    } else if (accepted && !result.over) {
      problems.push(`${label} is within its budget of ${kB(budget)} now: remove its accepted overrun from scripts/size-overruns.ts`);
    }
  }
  for (const overrun of overruns) {
    if (!results.some((result) => result.label === overrun.label)) problems.push(`scripts/size-overruns.ts accepts an overrun of "${overrun.label}", which is not measured`);
  }
  return problems;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/** The report `pnpm check:size` prints, and its exit code: 1 when any entry is over budget. */
export async function runSizeCheck(
  entries: readonly BudgetedEntry[],
  budgets: Budgets,
  {
    log = console.log,
    error = console.error,
    measureEntry = measure,
    overruns = [],
  }: { log?: (line: string) => void; error?: (line: string) => void; measureEntry?: Measure; overruns?: readonly AcceptedOverrun[] } = {},
): Promise<number> {
  const results = await checkSizes(entries, budgets, measureEntry, overruns);
  const width = Math.max(...results.map((result) => result.label.length));
  log(`${'entry'.padEnd(width)}  ${'min'.padStart(9)}  ${'min+gzip'.padStart(9)}  ${'budget'.padStart(9)}`);
  for (const result of results) {
    const verdict = !result.over
      ? 'ok'
      : `OVER by ${kB(result.gzipped - result.budget)}${result.accepted ? ` (accepted up to ${kB(result.accepted.ceiling)}: ${result.accepted.why})` : ''}`;
    log(`${result.label.padEnd(width)}  ${kB(result.minified).padStart(9)}  ${kB(result.gzipped).padStart(9)}  ${kB(result.budget).padStart(9)}  ${verdict}`);
  }
  const problems = sizeProblems(results, overruns);
  for (const problem of problems) error(`check:size: ${problem}`);
  if (problems.length === 0) {
    const accepted = results.filter((result) => result.over).length;
    log(`check:size: ${results.length - accepted} of ${results.length} entries within budget${accepted > 0 ? `, ${accepted} over it within an accepted ceiling (scripts/size-overruns.ts)` : ''}`);
  }
  return problems.length > 0 ? 1 : 0;
}

/** A built package's ESM entry (its `module` field), as an absolute path esbuild can take. */
function builtEntry(packageDir: string): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, packageDir, 'package.json'), 'utf8')) as { name: string; module: string };
  return join(repoRoot, packageDir, manifest.module);
}

/** What a one-call app of each provider imports and does (plain JS: measure's loader is `js`). */
const oneCallApps: Record<string, (from: string) => string> = {
  transactionlink: (from) => `import { createTransactionLinkClient } from ${from};
const client = createTransactionLinkClient({ auth: { token: process.env.TRANSACTIONLINK_TOKEN } });
console.log(await client.createWidgetToken({ workflowDefinitionId: process.argv[2] }));`,
  onespan: (from) => `import { createOneSpanClient } from ${from};
const client = createOneSpanClient({ baseUrl: process.env.ONESPAN_URL, accessToken: process.env.ONESPAN_TOKEN });
console.log(await client.createSessionCreationToken({ transactionId: process.argv[2] }));`,
  formflow: (from) => `import { createFormflowClient } from ${from};
const client = createFormflowClient({ clientId: process.env.FF_ID, clientSecret: process.env.FF_SECRET, organizationId: process.env.FF_ORG });
console.log(await client.getToken());`,
  finpay: (from) => `import { createFinpayClient } from ${from};
const client = createFinpayClient({ username: process.env.FINPAY_USER, password: process.env.FINPAY_PASSWORD, secretKey: process.env.FINPAY_KEY });
console.log(await client.getToken());`,
};

/** Published packages that are token stores, not providers: measured without core (their Redis client is the user's). */
const storePackages = ['packages/redis'];

/** The entries `pnpm check:size` measures: core, each provider alone, each provider's one-call app, each store. */
export function defaultEntries(): BudgetedEntry[] {
  const entries: BudgetedEntry[] = [
    { label: '@tokens/core (without openapi-fetch)', kind: 'core', source: `export * from '@tokens/core';`, external: ['openapi-fetch'] },
  ];
  for (const provider of providers) {
    const from = JSON.stringify(builtEntry(provider.packageDir));
    entries.push({
      label: `@tokens/${provider.name} (without core, openapi-fetch)`,
      kind: 'provider',
      source: `export * from ${from};`,
      external: ['openapi-fetch', '@tokens/core'],
    });
  }
  for (const provider of providers) {
    const app = oneCallApps[provider.name];
    if (!app) throw new Error(`check-size: no one-call app for provider ${provider.name}: add one to oneCallApps`);
    entries.push({ label: `one-call app, ${provider.name} + core + openapi-fetch`, kind: 'bundle', source: app(JSON.stringify(builtEntry(provider.packageDir))), external: [] });
  }
  for (const packageDir of storePackages) {
    const name = packageDir.slice('packages/'.length);
    entries.push({ label: `@tokens/${name} (without core)`, kind: 'store', source: `export * from ${JSON.stringify(builtEntry(packageDir))};`, external: ['@tokens/core'] });
  }
  return entries;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runSizeCheck(defaultEntries(), BUDGETS, { overruns: ACCEPTED_OVERRUNS });
}
