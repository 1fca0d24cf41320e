/**
 * `pnpm check:workflows` (actionlint): our workflows pass, a broken one fails naming
 * the file, line and problem, and no workflow at all fails. Also: `pnpm release`
 * publishes only after every check the repository has (`check:all`).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './support/repo.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokens-workflows-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function lint(folder?: string) {
  const args = ['scripts/check-workflows.ts', ...(folder ? ['--dir', folder] : [])];
  const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), args, { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('check:workflows', () => {
  it("passes on the repository's workflows, the release workflow among them", () => {
    const { status, output } = lint();
    expect(output).toContain('check:workflows: .github/workflows/release.yml: ok');
    expect(status).toBe(0);
  });

  it('fails naming the file, line and problem in a broken workflow', async () => {
    const folder = join(dir, 'broken');
    await mkdir(folder);
    const release = await readFile(join(repoRoot, '.github/workflows/release.yml'), 'utf8');
    // A typo in an input of a known action, and an expression reading a step that does not exist.
    const broken = release.replace('node-version: 20', 'node-versoin: 20').replace('run: pnpm install --frozen-lockfile', 'run: echo ${{ steps.nope.outputs.x }}');
    expect(broken).not.toBe(release);
    await writeFile(join(folder, 'release.yml'), broken);
    const { status, output } = lint(folder);
    expect(status).toBe(1);
    expect(output).toMatch(/release\.yml:\d+:\d+: input "node-versoin" is not defined in action "actions\/setup-node@v4"/);
    expect(output).toMatch(/release\.yml:\d+:\d+: property "nope" is not defined/);
  });

  it('fails when there is no workflow', async () => {
    const folder = join(dir, 'empty');
    await mkdir(folder);
    const { status, output } = lint(folder);
    expect(status).toBe(1);
    expect(output).toContain('check:workflows: no workflow');
  });
});

describe('the release path', () => {
  const manifest = async () => JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

  it('`pnpm release` runs check:all, then changeset publish', async () => {
    const { scripts } = await manifest();
    expect(scripts['release']).toBe('pnpm run check:all && changeset publish');
  });

  it('check:all runs every check, lint and test script of the repository, and the build', async () => {
    const { scripts } = await manifest();
    const steps = scripts['check:all']!.split('&&').map((s) => s.trim());
    const expected = Object.keys(scripts).filter((name) => /^(check|lint|test)(:|$)/.test(name) && name !== 'check:all');
    for (const name of expected) expect(steps).toContain(name === 'test' ? 'pnpm test' : `pnpm run ${name}`);
    // `pnpm test` builds through turbo (test depends on build).
    expect(scripts['test']).toContain('turbo run');
  });

  it('the workflow publishes through changesets/action with provenance, and checks out the tags the guard needs', async () => {
    const workflow = parse(await readFile(join(repoRoot, '.github/workflows/release.yml'), 'utf8'));
    const steps = workflow.jobs.release.steps as { uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }[];
    const changesets = steps.find((s) => s.uses?.startsWith('changesets/action@'));
    expect(changesets?.with?.['publish']).toBe('pnpm run release');
    expect(changesets?.env?.['NPM_CONFIG_PROVENANCE']).toBe('true');
    expect(workflow.permissions['id-token']).toBe('write');
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
  });
});
