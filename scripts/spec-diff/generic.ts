/**
 * The fallback rules: documentation keys are patch changes wherever they are, a
 * deprecation is minor, and any change no specific rule understands gets the caller's
 * fallback bump (major where a consumer's types may be affected, so that an unknown
 * breaking change never ships as a patch).
 */
import { isDeepStrictEqual } from 'node:util';
import type { DiffContext, Location } from './context.ts';
import type { Bump } from './findings.ts';
import { isObject, type Json } from './refs.ts';

/** Keys that only document: openapi-typescript turns them into comments, if anything. */
const DOCUMENTATION_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', 'tags', 'xml']);

export function ruleForKey(key: string, fallback: Bump): { bump: Bump; why: string } {
  if (DOCUMENTATION_KEYS.has(key) || key.startsWith('x-')) return { bump: 'patch', why: 'documentation' };
  // SemVer 2.0.0 §7: marking public API deprecated takes a minor release.
  if (key === 'deprecated') return { bump: 'minor', why: 'deprecation' };
  return { bump: fallback, why: fallback === 'major' ? 'not understood by the spec diff, so major to be safe' : '' };
}

function verb(before: Json | undefined, after: Json | undefined): string {
  return before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
}

/** Compares one key's values with the fallback rules. */
export function compareKey(context: DiffContext, before: Json | undefined, after: Json | undefined, location: Location, fallback: Bump): void {
  if (isDeepStrictEqual(before, after)) return;
  const key = location.last;
  const { bump, why } = ruleForKey(key, fallback);
  if (bump === fallback && isObject(before) && isObject(after)) {
    compareRest(context, before, after, location, new Set(), fallback);
    return;
  }
  context.report(bump, location, `\`${key}\` ${verb(before, after)}${why ? ` (${why})` : ''}`);
}

/** Compares every key of two objects that the caller's rules did not handle. */
export function compareRest(
  context: DiffContext,
  before: Json | undefined,
  after: Json | undefined,
  location: Location,
  handled: ReadonlySet<string>,
  fallback: Bump,
): void {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  for (const key of unionKeys(b, a)) {
    if (!handled.has(key)) compareKey(context, b[key], a[key], location.child(key), fallback);
  }
}

export function unionKeys(...objects: (Record<string, unknown> | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const object of objects) for (const key of Object.keys(object ?? {})) keys.add(key);
  return [...keys];
}
