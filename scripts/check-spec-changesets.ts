/**
 * `pnpm check:spec-changesets [--base <ref>]`, run by CI: fails when a spec changed
 * since the base (spec-diff/git.ts) and its package's release would be smaller than
 * the change needs, naming the package and the bump. A package's release is the
 * largest of its pending changesets, or the bump its version already got since the
 * base (once `changeset version` has consumed them). Without any base (no release tag,
 * no origin/main, nothing ever released) it passes and prints why.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appliedBump, pendingBumps } from './spec-diff/changesets.ts';
import { specChangesForCommand } from './spec-diff/changes.ts';
import { BUMPS, covers, maxBump } from './spec-diff/findings.ts';
import { findingLines } from './spec-diff/report.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { base: { type: 'string' } } });
const name = 'check:spec-changesets';

const { base, specs } = specChangesForCommand(name, repoRoot, values.base, 'skipped');

const pending = await pendingBumps(repoRoot);
let failed = false;
for (const spec of specs) {
  if (spec.bump === undefined) continue;
  const counts = BUMPS.map((b) => `${spec.findings.filter((f) => f.bump === b).length} ${b}`).join(', ');
  if (spec.packageName === undefined) {
    failed = true;
    console.error(`${name}: ${spec.spec} changed (${spec.bump}: ${counts}) but scripts/providers.ts names no package generated from it.`);
    continue;
  }
  const fromChangesets = pending.get(spec.packageName);
  const fromVersion = appliedBump(spec.baseVersion, spec.version ?? '0.0.0');
  const has = maxBump(fromChangesets, fromVersion);
  if (covers(has, spec.bump)) {
    const how = fromChangesets && covers(fromChangesets, spec.bump) ? 'pending changesets' : `version ${spec.baseVersion} → ${spec.version}`;
    console.log(`${name}: ${spec.packageName}: ${spec.spec} needs ${spec.bump} (${counts}); ${how} give ${has}: ok`);
    continue;
  }
  failed = true;
  console.error(
    `${name}: ${spec.packageName} needs a ${spec.bump} changeset: ${spec.spec} changed since ${base.label} (${counts}), ` +
      `and its pending changesets ${fromChangesets ? `give only ${fromChangesets}` : 'give it no release'}.`,
  );
  for (const line of findingLines(spec.findings, 10)) console.error(`  ${line}`);
}
if (failed) {
  console.error(`${name}: run \`pnpm spec:changeset\` (or \`pnpm changeset\`) and commit the .changeset/*.md it writes.`);
  process.exit(1);
}
console.log(`${name}: every changed spec's package has a large enough release pending.`);
