/**
 * The vitest JSON reports (`.vitest-report.json`, see vitest.shared.ts) that packages'
 * `test` scripts write, added up: what `pnpm test` and `pnpm test:node-matrix` print.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

export interface TestTotals {
  passed: number;
  failed: number;
  /** Skipped and todo tests. */
  skipped: number;
  /** The folders that wrote no report. */
  missing: string[];
}

export const REPORT_FILE = '.vitest-report.json';

/** The folders under `parent` whose package.json has a `test` script, sorted by name. */
export async function packagesWithTests(parent: string): Promise<string[]> {
  const dirs: string[] = [];
  for (const name of (await readdir(parent)).sort()) {
    if (await hasTestScript(join(parent, name))) dirs.push(join(parent, name));
  }
  return dirs;
}

export async function hasTestScript(dir: string): Promise<boolean> {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}')) as { scripts?: Record<string, string> };
  return Boolean(manifest.scripts?.['test']);
}

/** Every report of `dirs`, added up. */
export async function addUpReports(dirs: readonly string[]): Promise<TestTotals> {
  const totals: TestTotals = { passed: 0, failed: 0, skipped: 0, missing: [] };
  for (const dir of dirs) {
    try {
      const report = JSON.parse(await readFile(join(dir, REPORT_FILE), 'utf8')) as VitestJsonReport;
      totals.passed += report.numPassedTests;
      totals.failed += report.numFailedTests;
      totals.skipped += report.numPendingTests + report.numTodoTests;
    } catch {
      totals.missing.push(dir);
    }
  }
  return totals;
}
