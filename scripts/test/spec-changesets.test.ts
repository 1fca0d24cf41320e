/**
 * The release guard in a temporary git repository, end to end: a provider changes its
 * spec after a release and nobody writes a changeset → `check:spec-changesets` fails
 * naming the package and the bump; `spec:changeset` writes it; the guard passes;
 * `changeset version` bumps that package (only it) accordingly; the guard still passes
 * on the way to `changeset publish`. Then how the guard finds its base.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TempRepo } from './support/repo.ts';

const repos: TempRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.remove()));
});

async function releasedRepo(): Promise<TempRepo> {
  const repo = await TempRepo.create();
  repos.push(repo);
  await repo.setVersions('0.1.0');
  repo.commitAll('Version packages');
  // As `changeset publish` tags a release.
  for (const name of ['core', 'transactionlink', 'onespan', 'formflow', 'finpay']) repo.git('tag', `@tokens/${name}@0.1.0`);
  return repo;
}

/** Formflow drops `expires_in` from its token response: a major change. */
async function removeExpiresIn(repo: TempRepo): Promise<void> {
  await repo.editYaml('specs/formflow.yaml', (s) => {
    const dto = s.components.schemas.GetTokenResponseDto;
    delete dto.properties.expires_in;
    dto.required = dto.required.filter((r: string) => r !== 'expires_in');
  });
}

describe('a provider changed its spec', () => {
  it('fails without a changeset, passes after spec:changeset, and changeset version bumps that package', async () => {
    const repo = await releasedRepo();
    await removeExpiresIn(repo);
    repo.commitAll('formflow: the provider dropped expires_in');

    const guard = repo.run('check-spec-changesets');
    expect(guard.status).toBe(1);
    expect(guard.output).toContain('comparing specs/ with @tokens/');
    expect(guard.output).toContain('(latest release tag,');
    expect(guard.output).toContain('@tokens/formflow needs a major changeset: specs/formflow.yaml changed since');
    expect(guard.output).toContain('paths./api/token.post.responses.200.content.application/json.schema.properties.expires_in');
    for (const other of ['transactionlink', 'onespan', 'finpay']) expect(guard.output).not.toContain(`@tokens/${other} needs`);

    const write = repo.run('spec-changeset');
    expect(write.status).toBe(0);
    const files = await repo.changesets();
    expect(files).toEqual([expect.stringMatching(/^spec-formflow-[0-9a-f]{8}\.md$/)]);
    const changeset = await repo.read(`.changeset/${files[0]}`);
    expect(changeset).toMatch(/^---\n"@tokens\/formflow": major\n---\n/);
    expect(changeset).toContain('response field `expires_in` removed');

    // Running it again changes nothing.
    expect(repo.run('spec-changeset').output).toContain('is up to date (@tokens/formflow: major)');
    expect(await repo.changesets()).toEqual(files);

    const passing = repo.run('check-spec-changesets');
    expect(passing.output).toContain('@tokens/formflow: specs/formflow.yaml needs major');
    expect(passing.status).toBe(0);
    repo.commitAll('changeset');

    const version = repo.bin('changeset', 'version');
    expect(version.status, version.output).toBe(0);
    expect(await repo.version('packages/formflow')).toBe('1.0.0');
    for (const other of ['core', 'transactionlink', 'onespan', 'finpay']) expect(await repo.version(`packages/${other}`)).toBe('0.1.0');
    expect(await repo.read('packages/formflow/CHANGELOG.md')).toContain('response field `expires_in` removed');
    expect(await repo.changesets()).toEqual([]);

    // The changesets are consumed now; the version bump covers the change on the way to publishing.
    const afterVersion = repo.run('check-spec-changesets');
    expect(afterVersion.output).toContain('version 0.1.0 → 1.0.0 give major');
    expect(afterVersion.status).toBe(0);
  });

  it('fails when the pending changesets are smaller than the change, and names the bump', async () => {
    const repo = await releasedRepo();
    await repo.editYaml('specs/finpay.yaml', (s) => {
      s.components.schemas.GetTokenRequest.properties.channel = { type: 'string', description: 'Where the request comes from.' };
    });
    await repo.write('.changeset/typo.md', '---\n"@tokens/finpay": patch\n---\n\nFix a typo.\n');

    const guard = repo.run('check-spec-changesets');
    expect(guard.status).toBe(1);
    expect(guard.output).toContain('@tokens/finpay needs a minor changeset');
    expect(guard.output).toContain('its pending changesets give only patch');

    await repo.write('.changeset/typo.md', '---\n"@tokens/finpay": minor\n---\n\nAccept a channel.\n');
    expect(repo.run('check-spec-changesets').status).toBe(0);
  });

  it('rewrites its own changeset when the spec changes again, and leaves the others alone', async () => {
    const repo = await releasedRepo();
    await repo.write('.changeset/by-hand.md', '---\n"@tokens/formflow": patch\n---\n\nBy hand.\n');
    await repo.editYaml('specs/formflow.yaml', (s) => {
      s.components.schemas.GetTokenResponseDto.properties.scope = { type: 'string' };
    });
    repo.run('spec-changeset');
    const first = (await repo.changesets()).filter((f) => f.startsWith('spec-'));
    expect(await repo.read(`.changeset/${first[0]}`)).toContain('"@tokens/formflow": minor');

    await removeExpiresIn(repo);
    const again = repo.run('spec-changeset');
    expect(again.output).toContain(`removed .changeset/${first[0]} (replaced)`);
    const files = await repo.changesets();
    expect(files).toHaveLength(2);
    expect(files).toContain('by-hand.md');
    expect(await repo.read(`.changeset/${files.find((f) => f.startsWith('spec-'))}`)).toContain('"@tokens/formflow": major');
  });
});

describe("the guard's base", () => {
  it('without tags or origin, and nothing ever released: passes and says why', async () => {
    const repo = await TempRepo.create();
    repos.push(repo);
    await removeExpiresIn(repo);
    const guard = repo.run('check-spec-changesets');
    expect(guard.output).toContain('check:spec-changesets: skipped: no release tag (@tokens/*@*, v*) and no origin/main, and no package was ever released');
    expect(guard.status).toBe(0);
    // An explicit base still checks.
    const explicit = repo.run('check-spec-changesets', '--base', 'HEAD');
    expect(explicit.status).toBe(1);
    expect(explicit.output).toContain('@tokens/formflow needs a major changeset');
  });

  it('without tags or origin but with released versions: fails, asking for the tags', async () => {
    const repo = await TempRepo.create();
    repos.push(repo);
    await repo.setVersions('0.3.0');
    repo.commitAll('Version packages');
    const guard = repo.run('check-spec-changesets');
    expect(guard.status).toBe(1);
    expect(guard.output).toContain('no release tag (@tokens/*@*, v*) reachable from HEAD and no origin/main, but @tokens/');
    expect(guard.output).toContain('fetch the tags (git fetch --tags) or pass --base <ref>');
  });

  it('in a clone without release tags: compares with origin/main', async () => {
    const upstream = await TempRepo.create();
    repos.push(upstream);
    const clone = await TempRepo.create();
    repos.push(clone);
    // Replace the clone's history with a real clone of upstream (keeping its node_modules links).
    clone.git('remote', 'add', 'origin', upstream.dir);
    clone.git('fetch', '-q', 'origin');
    clone.git('reset', '-q', '--hard', 'origin/main');
    await removeExpiresIn(clone);
    clone.commitAll('branch: formflow spec');

    const guard = clone.run('check-spec-changesets');
    expect(guard.output).toContain('comparing specs/ with origin/main (merge base');
    expect(guard.output).toContain('@tokens/formflow needs a major changeset');
    expect(guard.status).toBe(1);
  });

  it('prefers the latest release tag reachable from HEAD', async () => {
    const repo = await releasedRepo();
    await removeExpiresIn(repo);
    await repo.setVersions('1.0.0');
    repo.commitAll('Version packages');
    repo.git('tag', '@tokens/formflow@1.0.0');
    await repo.editYaml('specs/formflow.yaml', (s) => {
      s.info.description = 'Edited.';
    });
    const guard = repo.run('check-spec-changesets');
    expect(guard.output).toContain('comparing specs/ with @tokens/formflow@1.0.0 (latest release tag');
    expect(guard.output).toContain('@tokens/formflow needs a patch changeset');
    expect(guard.status).toBe(1);
  });
});
