/**
 * `pnpm spec:diff [--base <ref>] [--json]`: compares every spec in specs/ with its
 * version at the base (default: the latest release tag, else origin/main; see
 * spec-diff/git.ts) and classifies each change as major, minor or patch, the way
 * consumers of the generated TypeScript types feel it. Prints each finding with its
 * spec path. Exits 0 whatever it finds (the guard is `pnpm check:spec-changesets`).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { specChanges } from './spec-diff/changes.ts';
import { SpecDiffError } from './spec-diff/git.ts';
import { findingLines } from './spec-diff/report.ts';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { base: { type: 'string' }, json: { type: 'boolean', default: false } } });

try {
  const { base, specs } = specChanges(repoRoot, values.base);
  if (values.json) {
    console.log(JSON.stringify({ base, specs }, null, 2));
  } else if (base.kind === 'none') {
    console.log(`spec:diff: nothing to compare with: ${base.reason}`);
  } else {
    console.log(`spec:diff: comparing specs/ with ${base.label}`);
    for (const spec of specs) {
      const owner = spec.packageName ?? '(no package in scripts/providers.ts)';
      console.log(`\n${spec.spec} → ${owner}: ${spec.bump ?? 'no change consumers see'}`);
      for (const line of findingLines(spec.findings)) console.log(`  ${line}`);
    }
  }
} catch (error) {
  if (!(error instanceof SpecDiffError)) throw error;
  console.error(`spec:diff: ${error.message}`);
  process.exit(2);
}
