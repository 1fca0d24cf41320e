/**
 * Adds up the vitest JSON reports every package's `test` task wrote (or turbo
 * restored from its cache) and prints one closing line: "tests: N passed, N failed".
 */
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addUpReports, hasTestScript, packagesWithTests } from './vitest-reports.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
// The workspace packages (see pnpm-workspace.yaml): packages/* and scripts/.
const scriptsDir = join(repoRoot, 'scripts');
const dirs = [...(await packagesWithTests(join(repoRoot, 'packages'))), ...((await hasTestScript(scriptsDir)) ? [scriptsDir] : [])];

const { passed, failed, skipped, missing } = await addUpReports(dirs);
for (const dir of missing) console.error(`test-summary: ${relative(repoRoot, dir)} wrote no test report`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || missing.length > 0 || passed === 0) process.exit(1);
