/**
 * Runs a README example as a user would paste it into a project of their own: the
 * ```ts block that contains a marker, in a temporary folder outside the repository
 * whose node_modules links the package (its built files) and the packages the
 * example imports, run by tsx in a fresh Node process.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ReadmeExample {
  /** The package folder (its README.md, and its node_modules to link from). */
  readonly packageDir: string;
  /** Text that names the one ```ts block to run. */
  readonly marker: string;
  /** Packages besides this one that the example imports, linked from the package's node_modules. */
  readonly imports: readonly string[];
}

/** The example's stdout; rejects (with its stderr) when it fails. */
export async function runReadmeExample({ packageDir, marker, imports }: ReadmeExample): Promise<string> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!).filter((code) => code.includes(marker));
  if (blocks.length !== 1) throw new Error(`README.md has ${blocks.length} \`\`\`ts blocks containing ${marker}, not one`);
  const { name } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { name: string };
  const project = await mkdtemp(join(tmpdir(), 'tokens-readme-'));
  try {
    const links: [string, string][] = [[name, packageDir], ...imports.map((dependency): [string, string] => [dependency, join(packageDir, 'node_modules', dependency)])];
    for (const [dependency, target] of links) {
      await mkdir(dirname(join(project, 'node_modules', dependency)), { recursive: true });
      await symlink(target, join(project, 'node_modules', dependency), 'dir');
    }
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'readme-example', private: true, type: 'module' }));
    await writeFile(join(project, 'example.ts'), blocks[0]!);
    const tsx = join(packageDir, '..', '..', 'node_modules', '.bin', 'tsx');
    const { stdout } = await execFileAsync(tsx, ['example.ts'], { cwd: project, timeout: 60_000 });
    return stdout;
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}
