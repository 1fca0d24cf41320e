/**
 * Adds up the vitest JSON reports every package's `test` task wrote (or turbo
 * restored from its cache) and prints one closing line: "tests: N passed, N failed".
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
// The workspace packages (see pnpm-workspace.yaml): packages/* and scripts/.
const packagesDir = join(repoRoot, 'packages');
const workspaceDirs = [...(await readdir(packagesDir)).sort().map((name) => join(packagesDir, name)), join(repoRoot, 'scripts')];

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
for (const dir of workspaceDirs) {
  const packageJson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (!packageJson.scripts?.test) continue;
  try {
    const report = JSON.parse(await readFile(join(dir, '.vitest-report.json'), 'utf8')) as VitestJsonReport;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } catch {
    missing.push(relative(repoRoot, dir));
  }
}
for (const dir of missing) console.error(`test-summary: ${dir} wrote no test report`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || missing.length > 0 || passed === 0) process.exit(1);
