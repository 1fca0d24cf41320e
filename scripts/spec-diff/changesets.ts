/**
 * What a package's release will already be: the largest bump among the pending
 * changesets (`.changeset/*.md`, read with @changesets/read, as `changeset version`
 * reads them), or the bump already applied to its version since the base (after
 * `changeset version` has consumed the changesets, on the way to `changeset publish`).
 */
import readChangesets from '@changesets/read';
import type { Bump } from './findings.ts';
import { maxBump } from './findings.ts';

export async function pendingBumps(repoRoot: string): Promise<Map<string, Bump>> {
  const bumps = new Map<string, Bump>();
  for (const changeset of await readChangesets(repoRoot)) {
    for (const release of changeset.releases) {
      if (release.type === 'none') continue;
      bumps.set(release.name, maxBump(bumps.get(release.name), release.type)!);
    }
  }
  return bumps;
}

function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** The bump from one version to a later one (`undefined`: none, or not comparable). */
export function appliedBump(from: string | undefined, to: string): Bump | undefined {
  const a = from === undefined ? undefined : parseVersion(from);
  const b = parseVersion(to);
  if (a === undefined || b === undefined) return undefined;
  if (b[0] > a[0]) return 'major';
  if (b[0] < a[0]) return undefined;
  if (b[1] > a[1]) return 'minor';
  if (b[1] < a[1]) return undefined;
  return b[2] > a[2] ? 'patch' : undefined;
}
