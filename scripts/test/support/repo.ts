/**
 * A throwaway git repository holding what the spec and release scripts read: specs/,
 * scripts/, every package's package.json, .changeset/ (config only: no pending
 * changeset) and the workspace files, with the real node_modules linked in. Real git,
 * real CLI runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

export class TempRepo {
  private constructor(readonly dir: string) {}

  static async create(): Promise<TempRepo> {
    const dir = await mkdtemp(join(tmpdir(), 'tokens-release-'));
    const repo = new TempRepo(dir);
    await cp(join(repoRoot, 'specs'), join(dir, 'specs'), { recursive: true });
    await cp(join(repoRoot, 'scripts'), join(dir, 'scripts'), {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|test|\.turbo|readme-check\.tmp)$/.test(source) && !source.endsWith('.vitest-report.json'),
    });
    await symlink(join(repoRoot, 'scripts', 'node_modules'), join(dir, 'scripts', 'node_modules'));
    for (const name of await readdir(join(repoRoot, 'packages'))) {
      const manifest = await readFile(join(repoRoot, 'packages', name, 'package.json'), 'utf8').catch(() => undefined);
      if (manifest === undefined) continue;
      await mkdir(join(dir, 'packages', name), { recursive: true });
      await writeFile(join(dir, 'packages', name, 'package.json'), manifest);
    }
    await mkdir(join(dir, '.changeset'));
    for (const file of ['config.json', 'README.md']) await cp(join(repoRoot, '.changeset', file), join(dir, '.changeset', file));
    for (const file of ['package.json', 'pnpm-workspace.yaml']) await cp(join(repoRoot, file), join(dir, file));
    await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    await writeFile(join(dir, '.gitignore'), 'node_modules\n');
    repo.git('init', '-q', '-b', 'main');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: this.dir, encoding: 'utf8' });
  }

  commitAll(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-qm', message);
  }

  /** Runs one of the repository's scripts (scripts/<name>.ts) here. */
  run(script: string, ...args: string[]): { status: number | null; output: string; stdout: string } {
    const result = spawnSync(tsx, [`scripts/${script}.ts`, ...args], { cwd: this.dir, encoding: 'utf8' });
    return { status: result.status, output: result.stdout + result.stderr, stdout: result.stdout };
  }

  /** Runs a binary of the repository's toolchain (node_modules/.bin) here. */
  bin(name: string, ...args: string[]): { status: number | null; output: string } {
    const result = spawnSync(join(repoRoot, 'node_modules', '.bin', name), args, { cwd: this.dir, encoding: 'utf8' });
    return { status: result.status, output: result.stdout + result.stderr };
  }

  read(path: string): Promise<string> {
    return readFile(join(this.dir, path), 'utf8');
  }

  write(path: string, text: string): Promise<void> {
    return writeFile(join(this.dir, path), text);
  }

  /** Edits a YAML file (a spec) as a parsed document. */
  async editYaml(path: string, edit: (document: any) => void): Promise<void> {
    const document = parse(await this.read(path));
    edit(document);
    await this.write(path, stringify(document));
  }

  /** Sets the version of every published package, as a release would. */
  async setVersions(version: string): Promise<void> {
    for (const name of await readdir(join(this.dir, 'packages'))) {
      const path = `packages/${name}/package.json`;
      const manifest = JSON.parse(await this.read(path));
      if (manifest.private) continue;
      manifest.version = version;
      await this.write(path, JSON.stringify(manifest, null, 2) + '\n');
    }
  }

  async version(packageDir: string): Promise<string> {
    return JSON.parse(await this.read(`${packageDir}/package.json`)).version;
  }

  async changesets(): Promise<string[]> {
    return (await readdir(join(this.dir, '.changeset'))).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}
