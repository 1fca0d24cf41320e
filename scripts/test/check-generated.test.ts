/**
 * `pnpm check:generated` / `pnpm generate` on a copy of the repository's specs,
 * scripts and generated code: a spec change makes the check fail naming the
 * package's generated file, and regenerating makes it pass with the change in
 * the generated types.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { GENERATED_DIR, GENERATED_FILE, SANDBOX_PACKAGE_DIR, providers } from '../providers.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const trees: string[] = [];

afterEach(async () => {
  await Promise.all(trees.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A throwaway tree holding what generation reads and writes, with the repo's node_modules. */
async function copyRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokens-generate-'));
  trees.push(dir);
  await cp(join(repoRoot, 'specs'), join(dir, 'specs'), { recursive: true });
  for (const file of ['generate.ts', 'providers.ts', 'package.json']) await cp(join(repoRoot, 'scripts', file), join(dir, 'scripts', file));
  for (const packageDir of [...providers.map((p) => p.packageDir), SANDBOX_PACKAGE_DIR]) {
    const generated = join(packageDir, GENERATED_DIR);
    await cp(join(repoRoot, generated), join(dir, generated), { recursive: true });
  }
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  await symlink(join(repoRoot, 'scripts', 'node_modules'), join(dir, 'scripts', 'node_modules'));
  return dir;
}

function runGenerate(dir: string, ...args: string[]) {
  const result = spawnSync(tsx, ['scripts/generate.ts', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Adds an optional string property to the first schema of the spec with a required list. */
async function addFieldToSpec(dir: string, spec: string, field: string): Promise<string> {
  const path = join(dir, spec);
  const document = parse(await readFile(path, 'utf8')) as {
    components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
  };
  const [name, schema] = Object.entries(document.components.schemas).find(([, s]) => s.required && s.properties)!;
  schema.properties![field] = { type: 'string', description: 'Added by a test.' };
  await writeFile(path, stringify(document));
  return name;
}

describe('check:generated', () => {
  it('passes when every generated file matches its spec', async () => {
    const dir = await copyRepository();
    const { status, output } = runGenerate(dir, '--check');
    expect(output).toContain(`${providers.length + 1} generated files match their specs`);
    expect(status).toBe(0);
  });

  it.each(providers.map((p) => [p.name, p] as const))(
    'fails naming the stale file when the %s spec changes, and passes after generate',
    async (_name, provider) => {
      const dir = await copyRepository();
      const generatedPath = `${provider.packageDir}/${GENERATED_DIR}/${GENERATED_FILE}`;
      const schema = await addFieldToSpec(dir, provider.spec, 'addedByCheckGeneratedTest');

      const stale = runGenerate(dir, '--check');
      expect(stale.status).toBe(1);
      expect(stale.output).toContain(`${generatedPath}: stale against its spec`);
      for (const other of providers.filter((p) => p !== provider)) expect(stale.output).not.toContain(other.packageDir);

      expect(runGenerate(dir).status).toBe(0);
      const fresh = runGenerate(dir, '--check');
      expect(fresh.output).toContain('generated files match their specs');
      expect(fresh.status).toBe(0);

      const generated = await readFile(join(dir, generatedPath), 'utf8');
      const schemaType = generated.slice(generated.indexOf(`        ${schema}: {`));
      expect(schemaType.slice(0, schemaType.indexOf('\n        };'))).toContain('addedByCheckGeneratedTest?: string;');
    },
  );

  it('fails naming a generated file that is missing or that no spec produces', async () => {
    const dir = await copyRepository();
    const [first, second] = providers;
    await rm(join(dir, first!.packageDir, GENERATED_DIR, GENERATED_FILE));
    await writeFile(join(dir, second!.packageDir, GENERATED_DIR, 'leftover.ts'), 'export {};\n');

    const { status, output } = runGenerate(dir, '--check');
    expect(status).toBe(1);
    expect(output).toContain(`${first!.packageDir}/${GENERATED_DIR}/${GENERATED_FILE}: missing`);
    expect(output).toContain(`${second!.packageDir}/${GENERATED_DIR}/leftover.ts: not produced by any spec`);
  });
});
