/**
 * The turbo pipeline's cache keys: a spec edit must invalidate the build and the
 * tests of the package generated from it; an edit that feeds no task must not.
 * Read from `turbo run test --dry=json` on a copy of the workspace (nothing runs).
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../providers.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const binDir = join(repoRoot, 'node_modules', '.bin');
const skipped = new Set(['node_modules', 'dist', '.turbo', '.vitest-report.json', '.git']);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokens-turbo-'));
  await cp(repoRoot, dir, { recursive: true, filter: (source) => !skipped.has(basename(source)) });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function taskHashes(): Map<string, string> {
  const stdout = execFileSync(join(binDir, 'turbo'), ['run', 'test', '--dry=json'], {
    cwd: dir,
    encoding: 'utf8',
    // turbo looks for the package manager (pnpm) on PATH.
    env: { ...process.env, PATH: `${binDir}:${process.env['PATH'] ?? ''}`, TURBO_TELEMETRY_DISABLED: '1' },
  });
  const plan = JSON.parse(stdout) as { tasks: { taskId: string; hash: string }[] };
  return new Map(plan.tasks.map((task) => [task.taskId, task.hash]));
}

function changedTasks(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([task, hash]) => before.get(task) !== hash).map(([task]) => task);
}

async function appendTo(file: string, text: string): Promise<void> {
  await writeFile(join(dir, file), (await readFile(join(dir, file), 'utf8')) + text);
}

describe('turbo cache keys', () => {
  it('an edit that feeds no task leaves every task cached', async () => {
    const before = taskHashes();
    await mkdir(join(dir, 'notes'), { recursive: true });
    await writeFile(join(dir, 'notes', 'scratch.md'), 'Prose no task reads.\n');
    expect(changedTasks(before, taskHashes())).toEqual([]);
  });

  it.each(providers.map((p) => [p.name, p] as const))(
    'an edit of the %s spec invalidates generation, and that package\'s build and tests',
    async (_name, provider) => {
      const before = taskHashes();
      await appendTo(provider.spec, `\n# edited by a test ${Date.now()}\n`);
      const changed = changedTasks(before, taskHashes());
      const packageName = JSON.parse(await readFile(join(dir, provider.packageDir, 'package.json'), 'utf8')).name as string;
      expect(changed).toEqual(expect.arrayContaining(['//#generate', `${packageName}#build`, `${packageName}#test`]));
    },
  );
});
