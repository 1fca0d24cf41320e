/**
 * `pnpm api:report` / `pnpm check:api` on a small published package in a throwaway
 * workspace: the report holds the exported API of the built declarations; the check
 * fails, naming the package and showing the difference, when an export changes and the
 * report does not; doc comments are not API. Real API Extractor runs.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from './support/repo.ts';

let dir: string;
const declarations = (extra = '') => `/** Says hello. */\nexport declare function hello(name: string): string;\nexport interface Greeting {\n    readonly text: string;\n}\n${extra}`;

async function writePackage(name: string, manifest: object, dts: string): Promise<void> {
  await mkdir(join(dir, 'packages', name, 'dist'), { recursive: true });
  await writeFile(join(dir, 'packages', name, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'packages', name, 'dist', 'index.d.ts'), dts);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokens-api-report-'));
  await mkdir(join(dir, 'scripts'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  await cp(join(repoRoot, 'scripts', 'api-report.ts'), join(dir, 'scripts', 'api-report.ts'));
  await symlink(join(repoRoot, 'scripts', 'node_modules'), join(dir, 'scripts', 'node_modules'));
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  await writePackage(
    'demo',
    { name: '@tokens/demo', version: '1.0.0', type: 'module', exports: { '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } } } },
    declarations(),
  );
  await writePackage('kit', { name: '@tokens/kit', version: '0.0.0', private: true, types: './dist/index.d.ts' }, 'export declare const x: 1;\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/api-report.ts', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

const report = () => readFile(join(dir, 'packages', 'demo', 'api-report.md'), 'utf8');
const setDeclarations = (text: string) => writeFile(join(dir, 'packages', 'demo', 'dist', 'index.d.ts'), text);

it('fails while a published package has no report, and writes one for each published package only', async () => {
  const missing = run('--check');
  expect(missing.status).toBe(1);
  expect(missing.output).toContain('check:api: @tokens/demo: packages/demo/api-report.md is missing');

  const write = run();
  expect(write.status, write.output).toBe(0);
  expect(write.output).toContain('api:report: wrote packages/demo/api-report.md (@tokens/demo)');
  const text = await report();
  expect(text).toContain('## API Report File for "@tokens/demo"');
  expect(text).toContain('export function hello(name: string): string;');
  expect(text).toContain('export interface Greeting {');
  expect(text).not.toContain('(undocumented)');
  await expect(readFile(join(dir, 'packages', 'kit', 'api-report.md'))).rejects.toThrow();

  const check = run('--check');
  expect(check.output).toContain('@tokens/demo: packages/demo/api-report.md matches the exported API');
  expect(check.status).toBe(0);
});

it('fails naming the package and showing the difference when an export changes, until the report is regenerated', async () => {
  await setDeclarations(declarations('export declare function bye(name: string): void;\n'));
  const check = run('--check');
  expect(check.status).toBe(1);
  expect(check.output).toContain('check:api: @tokens/demo: the exported API differs from packages/demo/api-report.md');
  expect(check.output).toMatch(/^\+export function bye\(name: string\): void;$/m);
  expect(check.output).toContain('run `pnpm api:report`');

  expect(run().status).toBe(0);
  expect(await report()).toContain('export function bye(name: string): void;');
  expect(run('--check').status).toBe(0);

  // A removed export fails too.
  await setDeclarations(declarations());
  const removed = run('--check');
  expect(removed.status).toBe(1);
  expect(removed.output).toMatch(/^-export function bye\(name: string\): void;$/m);
  expect(run().status).toBe(0);
});

it('ignores doc comments: they are not API', async () => {
  await setDeclarations(declarations().replace('/** Says hello. */', '/** Says hello, politely. */') .replace('export interface Greeting', '/** A greeting. */\nexport interface Greeting'));
  const check = run('--check');
  expect(check.output).toContain('matches the exported API');
  expect(check.status).toBe(0);
});
