/**
 * `pnpm test:node-matrix [22 24 26 …]`: runs every workspace package's tests (the built
 * packages', as `pnpm test` left them) again on other Node majors. The `node` package
 * from the npm registry supplies each Node (through npx, cached after the first run);
 * the package tests' `vitest` shims run the first `node` on PATH, so that is the one
 * put first. Prints the exact version before each run and a closing line per version.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addUpReports, packagesWithTests, REPORT_FILE } from './vitest-reports.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const majors = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
if (majors.length === 0) majors.push('22', '24', '26');

function nodeBinary(major: string): string {
  const out = execFileSync('npx', ['-y', '-p', `node@${major}`, '-c', 'node -p process.execPath'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop()!;
}

const failures: string[] = [];
for (const major of majors) {
  const node = nodeBinary(major);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`node@${major} from npm answered ${version}`);
  console.log(`\n── the packages' tests on Node ${version} (${node})`);
  const dirs = await packagesWithTests(join(repoRoot, 'packages'));
  await Promise.all(dirs.map((dir) => rm(join(dir, REPORT_FILE), { force: true })));
  const env = { ...process.env, PATH: [dirname(node), join(repoRoot, 'node_modules', '.bin'), process.env['PATH'] ?? ''].join(':') };
  // What the tests' vitest will run on, in its own words (`vitest/4.x linux-x64 node-v22.…`).
  const vitest = execFileSync('vitest', ['--version'], { cwd: repoRoot, env, encoding: 'utf8' }).trim();
  if (!vitest.includes(`node-${version}`)) throw new Error(`vitest would run on another Node than ${version}: ${vitest}`);
  console.log(vitest);
  const run = spawnSync('pnpm', ['--filter', './packages/*', '--workspace-concurrency=1', 'run', 'test'], { cwd: repoRoot, env, stdio: 'inherit' });
  const { passed, failed, skipped, missing } = await addUpReports(dirs);
  for (const dir of missing) failures.push(`Node ${version}: ${dir.slice(repoRoot.length + 1)} wrote no test report`);
  console.log(`node-${version}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (run.status !== 0 || failed > 0 || passed === 0) failures.push(`Node ${version}: the tests failed`);
}
for (const failure of failures) console.error(`test:node-matrix: ${failure}`);
if (failures.length > 0) process.exit(1);
