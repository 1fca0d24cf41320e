/**
 * Local `$ref` resolution (`#/components/schemas/X`). Our specs are single files, and
 * Redocly's lint rejects broken references, so an external or dangling reference is an
 * error here rather than something to guess about.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Resolved {
  readonly node: Json | undefined;
  /** The document location the last `$ref` pointed to (dot-separated), if any was followed. */
  readonly ref: string | undefined;
}

/** Follows `$ref`s (also chains of them) from `node` inside `document`. */
export function resolve(document: Json, node: Json | undefined): Resolved {
  let current = node;
  let ref: string | undefined;
  const seen = new Set<string>();
  while (isObject(current) && typeof current['$ref'] === 'string') {
    const pointer = current['$ref'];
    if (!pointer.startsWith('#/')) throw new Error(`$ref ${pointer}: only local references (#/...) are supported`);
    if (seen.has(pointer)) throw new Error(`$ref ${pointer}: reference cycle`);
    seen.add(pointer);
    const segments = pointer.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let target: Json | undefined = document;
    for (const segment of segments) target = isObject(target) ? target[segment] : Array.isArray(target) ? target[Number(segment)] : undefined;
    if (target === undefined) throw new Error(`$ref ${pointer}: nothing there`);
    current = target;
    ref = segments.join('.');
  }
  return { node: current, ref };
}
