/**
 * Every TypeScript example in the READMEs compiles against the built packages,
 * as a user would paste it (strict, as the repo's tsconfig). Run after a build.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// Inside scripts/, so that @tokens/* resolve through this package's dev dependencies.
const checkDir = fileURLToPath(new URL('../readme-check.tmp', import.meta.url));

afterAll(() => rm(checkDir, { recursive: true, force: true }));

async function readmes(): Promise<string[]> {
  const packageDirs = (await readdir(join(repoRoot, 'packages'))).map((name) => `packages/${name}/README.md`);
  const found: string[] = [];
  for (const path of ['README.md', ...packageDirs]) {
    if (await readFile(join(repoRoot, path), 'utf8').then(() => true, () => false)) found.push(path);
  }
  return found;
}

it('every ```ts block of every README type-checks against the built packages', async () => {
  await rm(checkDir, { recursive: true, force: true });
  await mkdir(checkDir, { recursive: true });
  const written: string[] = [];
  for (const readme of await readmes()) {
    const text = await readFile(join(repoRoot, readme), 'utf8');
    let index = 0;
    for (const match of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
      const name = `${readme.replace(/\W+/g, '_')}_${++index}.ts`;
      await writeFile(join(checkDir, name), `${match[1]}\nexport {};\n`);
      written.push(name);
    }
  }
  expect(written.length).toBeGreaterThanOrEqual(6);
  await writeFile(
    join(checkDir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { noUnusedLocals: false }, include: ['*.ts'] }),
  );
  let output = '';
  try {
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', join(checkDir, 'tsconfig.json')], { encoding: 'utf8' });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout);
  }
  expect(output).toBe('');
});
