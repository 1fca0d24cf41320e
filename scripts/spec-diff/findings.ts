/**
 * What the spec diff reports: findings, each with the semver bump a consumer of the
 * generated TypeScript types needs for it, and the spec path where it happened.
 */
export type Bump = 'major' | 'minor' | 'patch';

/** Bumps from largest to smallest. */
export const BUMPS: readonly Bump[] = ['major', 'minor', 'patch'];

export interface Finding {
  readonly bump: Bump;
  /** The spec path as a consumer reaches it, e.g. `paths./token.post.requestBody.content.application/json;version=2.schema.properties.id`. */
  readonly path: string;
  /** Where in the document the change is, when a `$ref` led there (e.g. `components.schemas.WorkflowTokenDtoV2.properties.id`). */
  readonly at?: string;
  /** What changed, in a consumer's words. */
  readonly change: string;
}

const rank: Record<Bump, number> = { major: 3, minor: 2, patch: 1 };

/** The larger of two bumps; `undefined` stands for "no bump". */
export function maxBump(a: Bump | undefined, b: Bump | undefined): Bump | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return rank[a] >= rank[b] ? a : b;
}

/** True when `have` is at least as large as `need` (no bump needed is always covered). */
export function covers(have: Bump | undefined, need: Bump | undefined): boolean {
  if (need === undefined) return true;
  return have !== undefined && rank[have] >= rank[need];
}

/** The bump a list of findings requires: the largest of them. */
export function requiredBump(findings: readonly Finding[]): Bump | undefined {
  return findings.reduce<Bump | undefined>((bump, finding) => maxBump(bump, finding.bump), undefined);
}

/** Major first, then by path. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => rank[b.bump] - rank[a.bump] || a.path.localeCompare(b.path) || a.change.localeCompare(b.change));
}
