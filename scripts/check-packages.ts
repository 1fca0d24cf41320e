/**
 * Lints every published package as it would be published: publint (strict: its
 * warnings fail too) and `attw --pack` (are the types right for every resolution
 * mode). Run after a build (`pnpm check:packages` builds first).
 */
import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

const checks: { name: string; command: string; args: string[] }[] = [
  { name: 'publint', command: bin('publint'), args: ['--strict', '--pack', 'pnpm'] },
  { name: 'attw', command: bin('attw'), args: ['--pack', '.', '--format', 'table-flipped'] },
];

const failures: string[] = [];
for (const dir of (await readdir(join(repoRoot, 'packages'))).sort()) {
  const packageDir = join(repoRoot, 'packages', dir);
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { name: string; private?: boolean };
  if (manifest.private) continue;
  for (const check of checks) {
    console.log(`\n── ${check.name}: ${manifest.name}`);
    try {
      execFileSync(check.command, check.args, { cwd: packageDir, stdio: 'inherit' });
    } catch {
      failures.push(`${check.name}: ${manifest.name}`);
    }
  }
}
if (failures.length > 0) {
  console.error(`\ncheck:packages: problems found by ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\ncheck:packages: publint and attw found no problem in any published package.');
