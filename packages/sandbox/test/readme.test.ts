/**
 * The README's examples, as a user would paste them into a project of their
 * own (a temporary folder outside the repository whose node_modules links
 * this package): every ```ts block type-checks against the BUILT package under
 * the repo's strict settings, and the quick start runs and gets a token from
 * each provider. (scripts/test/readme-examples.test.ts checks the blocks too,
 * once @tokens/sandbox is among its dependencies.)
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertFreshBuild, packageDir } from './support/built';

const execFileAsync = promisify(execFile);
const repoRoot = join(packageDir, '..', '..');

let project: string;
let blocks: string[];

beforeAll(async () => {
  assertFreshBuild('index.js', 'index.d.ts');
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);

  project = await mkdtemp(join(tmpdir(), 'tokens-sandbox-readme-'));
  await mkdir(join(project, 'node_modules', '@tokens'), { recursive: true });
  await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
  await symlink(packageDir, join(project, 'node_modules', '@tokens', 'sandbox'), 'dir');
  await symlink(join(repoRoot, 'node_modules', '@types', 'node'), join(project, 'node_modules', '@types', 'node'), 'dir');
  await symlink(join(repoRoot, 'node_modules', 'vitest'), join(project, 'node_modules', 'vitest'), 'dir');
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'readme-check', private: true, type: 'module' }));
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({ extends: join(repoRoot, 'tsconfig.base.json'), compilerOptions: { noUnusedLocals: false }, include: ['*.ts'] }),
  );
  await Promise.all(blocks.map((code, i) => writeFile(join(project, `block_${i + 1}.ts`), `${code}\nexport {};\n`)));
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

it('has the quick start, the test-suite, the finpayStatus and the fixtures examples as ```ts blocks', () => {
  expect(blocks).toHaveLength(4);
  for (const block of blocks) expect(block).toContain("from '@tokens/sandbox'");
});

it('type-checks every ```ts block against the built package (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess)', async () => {
  let output = '';
  try {
    await execFileAsync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', join(project, 'tsconfig.json')], { cwd: project });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout);
  }
  expect(output).toBe('');
});

it('runs the quick start: a token from each of the four providers, then the sandbox closes and the process ends', async () => {
  const { stdout, stderr } = await execFileAsync(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['block_1.ts'], { cwd: project, timeout: 60_000 });
  expect(stderr).toBe('');
  const lines = stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toBe('transactionlink 201 Bearer 3600');
  expect(lines[1]).toBe('onespan 200 signer1');
  expect(lines[2]).toBe('formflow 200 Bearer 3600');
  expect(lines[3]).toMatch(/^finpay 200 000 \d{2}-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-\d{2} \d{2}:\d{2}:\d{2}$/);
});

it('runs the fixtures example: 404 RECORD_NOT_FOUND', async () => {
  const { stdout } = await execFileAsync(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['block_4.ts'], { cwd: project, timeout: 60_000 });
  expect(stdout).toBe('404 RECORD_NOT_FOUND\n');
});
