/**
 * The spec diff: compares two versions of an OpenAPI 3 document and classifies each
 * change by the semver bump a consumer of the generated TypeScript types needs.
 *
 * One concern per file: findings.ts (bumps), media-type.ts (media types by meaning),
 * refs.ts ($ref resolution), context.ts (walk state and directions), generic.ts (the
 * fallback rules), schema.ts, operations.ts and document.ts (the rules), git.ts (the
 * base to compare with), changes.ts (every spec's findings, by package), changesets.ts
 * (what the pending changesets cover), report.ts (how findings are printed and written
 * as changesets).
 */
export { diffDocuments } from './document.ts';
export { BUMPS, covers, maxBump, requiredBump, sortFindings, type Bump, type Finding } from './findings.ts';
export { normalizeMediaType, parseMediaType } from './media-type.ts';
