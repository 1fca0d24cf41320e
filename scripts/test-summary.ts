/**
 * Adds up the vitest JSON reports every package's `test` task wrote (or turbo
 * restored from its cache) and prints one closing line: "tests: N passed, N failed".
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = resolve(fileURLToPath(new URL('../packages', import.meta.url)));

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const missing: string[] = [];
for (const name of (await readdir(packagesDir)).sort()) {
  const packageJson = JSON.parse(await readFile(join(packagesDir, name, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (!packageJson.scripts?.test) continue;
  try {
    const report = JSON.parse(await readFile(join(packagesDir, name, '.vitest-report.json'), 'utf8')) as VitestJsonReport;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } catch {
    missing.push(name);
  }
}
for (const name of missing) console.error(`test-summary: packages/${name} wrote no test report`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || missing.length > 0 || passed === 0) process.exit(1);
