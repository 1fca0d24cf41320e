/**
 * `pnpm spec:changeset [--base <ref>]`: writes `.changeset/spec-<provider>-<hash>.md`
 * for each package whose spec changed since the base, with the bump the diff requires
 * and the changes as its summary. Re-running replaces the files it wrote earlier on
 * this branch (those not already at the base) and leaves every other changeset alone;
 * the same diff gives the same file.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { providers } from './providers.ts';
import { specChangesForCommand } from './spec-diff/changes.ts';
import { readAt } from './spec-diff/git.ts';
import { changesetSummary } from './spec-diff/report.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { base: { type: 'string' } } });
const name = 'spec:changeset';

const { base, specs } = specChangesForCommand(name, repoRoot, values.base, 'nothing to write');

const changesetDir = join(repoRoot, '.changeset');
const existing = await readdir(changesetDir);
let wrote = 0;
for (const spec of specs) {
  const provider = providers.find((p) => p.spec === spec.spec);
  if (!provider) {
    if (spec.bump) console.error(`${name}: ${spec.spec} changed but scripts/providers.ts names no package for it: no changeset written.`);
    continue;
  }
  let file: string | undefined;
  if (spec.bump && spec.packageName) {
    const text = `---\n${JSON.stringify(spec.packageName)}: ${spec.bump}\n---\n\n${changesetSummary(spec.spec, spec.findings)}\n`;
    file = `spec-${provider.name}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}.md`;
    const current = await readFile(join(changesetDir, file), 'utf8').catch(() => undefined);
    if (current === text) console.log(`${name}: .changeset/${file} is up to date (${spec.packageName}: ${spec.bump})`);
    else {
      await writeFile(join(changesetDir, file), text);
      wrote++;
      console.log(`${name}: wrote .changeset/${file} (${spec.packageName}: ${spec.bump}, ${spec.findings.length} change(s))`);
    }
  }
  // Files this command wrote earlier on this branch describe an older state of the spec.
  for (const old of existing) {
    if (old === file || !old.startsWith(`spec-${provider.name}-`) || !old.endsWith('.md')) continue;
    if (readAt(repoRoot, base.commit, `.changeset/${old}`) !== undefined) continue;
    await rm(join(changesetDir, old));
    console.log(`${name}: removed .changeset/${old} (replaced)`);
  }
}
if (!specs.some((s) => s.bump)) console.log(`${name}: no spec changed in a way consumers see: nothing to write.`);
else if (wrote > 0) console.log(`${name}: review the summaries, then commit the .changeset/*.md files.`);
