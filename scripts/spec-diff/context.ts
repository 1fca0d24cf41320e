/**
 * The state of one comparison of two spec documents: where the walk is (the spec path
 * a consumer reaches, and the document location a `$ref` led to), the findings so far,
 * and which document locations were reached through references.
 */
import type { Bump, Finding } from './findings.ts';
import type { Json } from './refs.ts';

/**
 * Which way data flows at a schema: consumers write requests (a narrower type breaks
 * them) and read responses (a wider type breaks them). `both` is a schema seen only as
 * an exported type (a component no operation uses): the worse of the two.
 */
export type Direction = 'request' | 'response' | 'both';

export class Location {
  constructor(
    readonly path: readonly string[],
    /** The document location when it differs from `path` (after following a `$ref`). */
    readonly at: readonly string[] | undefined = undefined,
  ) {}

  child(...segments: string[]): Location {
    return new Location([...this.path, ...segments], this.at && [...this.at, ...segments]);
  }

  /** The same spec path, now inside the document location `ref` (dot-separated). */
  following(ref: string | undefined): Location {
    return ref === undefined ? this : new Location(this.path, ref.split('.'));
  }

  get last(): string {
    return this.path[this.path.length - 1] ?? '';
  }
}

export class DiffContext {
  readonly findings: Finding[] = [];
  /** Document locations (dot-separated) reached through `$ref`s while walking the operations. */
  readonly reachable = new Set<string>();
  /** Pairs of references being compared right now (stops recursive schemas). */
  readonly active = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(
    readonly before: Json,
    readonly after: Json,
  ) {}

  report(bump: Bump, location: Location, change: string): void {
    const path = location.path.join('.');
    const at = location.at?.join('.');
    // A change inside a shared component is reported once per bump and wording, at its first use.
    const key = `${at ?? path}\u0000${bump}\u0000${change}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push(at === undefined || at === path ? { bump, path, change } : { bump, path, at, change });
  }
}

/** Picks the bump for a change by the direction data flows; `both` takes the larger. */
export function byDirection(direction: Direction, bumps: { request: Bump; response: Bump }): Bump {
  if (direction !== 'both') return bumps[direction];
  return bumps.request === 'major' || bumps.response === 'major' ? 'major' : bumps.request === 'minor' || bumps.response === 'minor' ? 'minor' : 'patch';
}
