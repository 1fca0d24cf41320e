/**
 * Schema rules, by the direction data flows. A consumer writes request bodies and
 * parameters: a narrower type (fewer types, fewer enum values, a new required field, a
 * tighter constraint) breaks them, a wider one is a feature. A consumer reads responses:
 * a wider type (new enum values, a field turned optional, a new type) breaks them, a
 * narrower one does not. Removing a field or an enum value is major either way (the
 * generated type loses a member that code may name), and so is a changed `format`.
 */
import { isDeepStrictEqual } from 'node:util';
import { byDirection, type DiffContext, type Direction, type Location } from './context.ts';
import type { Bump } from './findings.ts';
import { compareRest, unionKeys } from './generic.ts';
import { isObject, resolve, type Json, type JsonObject } from './refs.ts';

const HANDLED = new Set([
  '$ref', 'type', 'nullable', 'format', 'enum', 'const', 'properties', 'required', 'items', 'additionalProperties',
  'allOf', 'oneOf', 'anyOf', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties',
  'maxProperties', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'multipleOf', 'uniqueItems', 'default', 'readOnly', 'writeOnly',
]);

const words = {
  request: 'request',
  response: 'response',
  both: 'schema',
} as const;

/** A change that widens the type: a feature for writers, breaking for readers. */
const widened = (direction: Direction) => byDirection(direction, { request: 'minor', response: 'major' });
/** A change that narrows the type: breaking for writers, harmless for readers. */
const narrowed = (direction: Direction) => byDirection(direction, { request: 'major', response: 'minor' });

export function compareSchema(context: DiffContext, beforeNode: Json | undefined, afterNode: Json | undefined, location: Location, direction: Direction): void {
  const before = resolve(context.before, beforeNode);
  const after = resolve(context.after, afterNode);
  for (const ref of [before.ref, after.ref]) if (ref !== undefined) context.reachable.add(ref);
  const key = `${before.ref ?? ''}|${after.ref ?? ''}|${direction}`;
  if ((before.ref !== undefined || after.ref !== undefined) && context.active.has(key)) return; // recursive schema: compared further up
  const here = location.following(after.ref ?? before.ref);
  context.active.add(key);
  try {
    compareResolved(context, before.node, after.node, here, direction);
  } finally {
    context.active.delete(key);
  }
}

function compareResolved(context: DiffContext, before: Json | undefined, after: Json | undefined, location: Location, direction: Direction): void {
  // No "equal, so skip" shortcut for objects: equal schemas can reference components that changed.
  if (!isObject(before) || !isObject(after)) {
    if (isDeepStrictEqual(before, after)) return;
    if (before === undefined) context.report(narrowed(direction), location, `${words[direction]} schema added`);
    else if (after === undefined) context.report(widened(direction), location, `${words[direction]} schema removed`);
    else context.report('major', location, `${words[direction]} schema changed (not an object schema; not understood, so major to be safe)`);
    return;
  }
  compareTypes(context, before, after, location, direction);
  compareFormat(context, before, after, location);
  compareEnums(context, before, after, location, direction);
  compareProperties(context, before, after, location, direction);
  if (before['items'] !== undefined || after['items'] !== undefined) {
    if (before['items'] !== undefined && after['items'] !== undefined) compareSchema(context, before['items'], after['items'], location.child('items'), direction);
    else context.report('major', location.child('items'), `array items ${before['items'] === undefined ? 'added' : 'removed'}`);
  }
  compareAdditionalProperties(context, before, after, location, direction);
  for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) compareComposition(context, before, after, keyword, location, direction);
  compareConstraints(context, before, after, location, direction);
  for (const keyword of ['default', 'readOnly', 'writeOnly']) {
    if (!isDeepStrictEqual(before[keyword], after[keyword])) context.report('patch', location.child(keyword), `\`${keyword}\` changed (not in the generated types)`);
  }
  compareRest(context, before, after, location, HANDLED, 'major');
}

/** The schema's JSON types, `null` included; `undefined` when it states none (any value, or a composition). */
function typesOf(schema: JsonObject): Set<string> | undefined {
  const type = schema['type'];
  let types: string[];
  if (typeof type === 'string') types = [type];
  else if (Array.isArray(type)) types = type.filter((t): t is string => typeof t === 'string');
  else if (schema['properties'] !== undefined || schema['additionalProperties'] !== undefined) types = ['object'];
  else if (schema['items'] !== undefined) types = ['array'];
  else return undefined;
  if (schema['nullable'] === true) types.push('null');
  return new Set(types);
}

function isSubset(small: ReadonlySet<string>, large: ReadonlySet<string>): boolean {
  return [...small].every((t) => large.has(t) || (t === 'integer' && large.has('number')));
}

function describeTypes(types: ReadonlySet<string> | undefined): string {
  return types === undefined ? 'any' : [...types].sort().join(' | ');
}

function compareTypes(context: DiffContext, before: JsonObject, after: JsonObject, location: Location, direction: Direction): void {
  const b = typesOf(before);
  const a = typesOf(after);
  if (b === undefined && a === undefined) return;
  if (b !== undefined && a !== undefined && isSubset(b, a) && isSubset(a, b)) return;
  const change = `type changed from ${describeTypes(b)} to ${describeTypes(a)}`;
  const at = location.child('type');
  const composed = (s: JsonObject) => s['allOf'] !== undefined || s['oneOf'] !== undefined || s['anyOf'] !== undefined;
  if ((b === undefined && composed(before)) || (a === undefined && composed(after))) context.report('major', at, `${change} (composition; not understood, so major to be safe)`);
  else if (b === undefined || (a !== undefined && isSubset(b, a))) context.report(widened(direction), at, `${change} (widened)`);
  else if (a === undefined || isSubset(a, b)) context.report(narrowed(direction), at, `${change} (narrowed)`);
  else context.report('major', at, change);
}

function compareFormat(context: DiffContext, before: JsonObject, after: JsonObject, location: Location): void {
  if (before['format'] === after['format']) return;
  const show = (f: Json | undefined) => (f === undefined ? 'none' : String(f));
  context.report('major', location.child('format'), `format changed from ${show(before['format'])} to ${show(after['format'])}`);
}

function enumOf(schema: JsonObject): Json[] | undefined {
  if (Array.isArray(schema['enum'])) return schema['enum'];
  if (schema['const'] !== undefined) return [schema['const']];
  return undefined;
}

function compareEnums(context: DiffContext, before: JsonObject, after: JsonObject, location: Location, direction: Direction): void {
  const b = enumOf(before);
  const a = enumOf(after);
  const at = location.child(after['enum'] !== undefined || before['enum'] !== undefined ? 'enum' : 'const');
  if (b === undefined && a === undefined) return;
  if (b === undefined) return context.report(narrowed(direction), at, `values restricted to ${JSON.stringify(a)} (narrowed)`);
  if (a === undefined) return context.report(widened(direction), at, `value restriction ${JSON.stringify(b)} removed (widened)`);
  const has = (list: Json[], value: Json) => list.some((v) => isDeepStrictEqual(v, value));
  for (const value of b) if (!has(a, value)) context.report('major', at, `${words[direction]} enum value ${JSON.stringify(value)} removed`);
  for (const value of a) if (!has(b, value)) context.report(widened(direction), at, `${words[direction]} enum value ${JSON.stringify(value)} added`);
}

function propertiesOf(schema: JsonObject): { properties: JsonObject; required: Set<string> } {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : []);
  return { properties, required };
}

function compareProperties(context: DiffContext, before: JsonObject, after: JsonObject, location: Location, direction: Direction): void {
  const b = propertiesOf(before);
  const a = propertiesOf(after);
  const names = unionKeys(b.properties, a.properties, Object.fromEntries([...b.required, ...a.required].map((n) => [n, true])));
  const field = `${words[direction] === 'schema' ? '' : `${words[direction]} `}field`;
  for (const name of names) {
    const at = location.child('properties', name);
    const inBefore = name in b.properties || b.required.has(name);
    const inAfter = name in a.properties || a.required.has(name);
    if (!inAfter) {
      context.report('major', at, `${field} \`${name}\` removed`);
      continue;
    }
    if (!inBefore) {
      if (a.required.has(name)) context.report(narrowed(direction), at, `new required ${field} \`${name}\``);
      // A new response field, required or not, only adds to what consumers read.
      else context.report('minor', at, `optional ${field} \`${name}\` added`);
      continue;
    }
    const wasRequired = b.required.has(name);
    const isRequired = a.required.has(name);
    if (wasRequired && !isRequired) context.report(widened(direction), at, `${field} \`${name}\` became optional`);
    if (!wasRequired && isRequired) context.report(narrowed(direction), at, `${field} \`${name}\` became required`);
    compareSchema(context, b.properties[name], a.properties[name], at, direction);
  }
}

type Openness = 'closed' | 'any' | 'schema';
function openness(value: Json | undefined): Openness {
  if (value === undefined || value === false) return 'closed';
  if (value === true || (isObject(value) && Object.keys(value).length === 0)) return 'any';
  return 'schema';
}

function compareAdditionalProperties(context: DiffContext, before: JsonObject, after: JsonObject, location: Location, direction: Direction): void {
  const bValue = before['additionalProperties'];
  const aValue = after['additionalProperties'];
  const at = location.child('additionalProperties');
  const b = openness(bValue);
  const a = openness(aValue);
  if (b === 'schema' && a === 'schema') return compareSchema(context, bValue, aValue, at, direction);
  if (isDeepStrictEqual(bValue, aValue)) return;
  const width: Record<Openness, number> = { closed: 0, schema: 1, any: 2 };
  if (width[a] > width[b]) context.report(widened(direction), at, `additional properties opened (${b} → ${a})`);
  else if (width[a] < width[b]) context.report(narrowed(direction), at, `additional properties closed (${b} → ${a})`);
}

function compareComposition(
  context: DiffContext,
  before: JsonObject,
  after: JsonObject,
  keyword: 'allOf' | 'oneOf' | 'anyOf',
  location: Location,
  direction: Direction,
): void {
  const b = Array.isArray(before[keyword]) ? before[keyword] : [];
  const a = Array.isArray(after[keyword]) ? after[keyword] : [];
  // Members pair up by the component they reference, then by position.
  const refOf = (member: Json) => (isObject(member) && typeof member['$ref'] === 'string' ? member['$ref'] : undefined);
  const unmatchedBefore = new Set(b.map((_, i) => i));
  const pairs: [number | undefined, number][] = a.map((member, i) => {
    const ref = refOf(member);
    const match = ref === undefined ? undefined : [...unmatchedBefore].find((j) => refOf(b[j]!) === ref);
    if (match !== undefined) unmatchedBefore.delete(match);
    return [match, i];
  });
  for (const pair of pairs) {
    if (pair[0] !== undefined || refOf(a[pair[1]]!) !== undefined) continue;
    const next = [...unmatchedBefore].find((j) => refOf(b[j]!) === undefined);
    if (next !== undefined) {
      unmatchedBefore.delete(next);
      pair[0] = next;
    }
  }
  // allOf intersects (more members: narrower); oneOf/anyOf unite (more members: wider).
  const onAdd = keyword === 'allOf' ? narrowed(direction) : widened(direction);
  const onRemove = keyword === 'allOf' ? widened(direction) : narrowed(direction);
  for (const [j, i] of pairs) {
    if (j === undefined) context.report(onAdd, location.child(keyword, String(i)), `${keyword} member added`);
    else compareSchema(context, b[j], a[i], location.child(keyword, String(i)), direction);
  }
  for (const j of unmatchedBefore) context.report(onRemove, location.child(keyword, String(j)), `${keyword} member removed`);
}

/** Validation keywords: not in the generated types, but a tighter one rejects requests that used to pass. */
function compareConstraints(context: DiffContext, before: JsonObject, after: JsonObject, location: Location, direction: Direction): void {
  const lowerBounds = ['minLength', 'minimum', 'minItems', 'minProperties'];
  const upperBounds = ['maxLength', 'maximum', 'maxItems', 'maxProperties'];
  const others = ['exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'multipleOf', 'uniqueItems'];
  for (const keyword of [...lowerBounds, ...upperBounds, ...others]) {
    const b = before[keyword];
    const a = after[keyword];
    if (isDeepStrictEqual(b, a)) continue;
    let tighter: boolean | undefined;
    if (b === undefined || b === false) tighter = true;
    else if (a === undefined || a === false) tighter = false;
    else if (typeof a === 'number' && typeof b === 'number' && lowerBounds.includes(keyword)) tighter = a > b;
    else if (typeof a === 'number' && typeof b === 'number' && upperBounds.includes(keyword)) tighter = a < b;
    const change = `\`${keyword}\` ${JSON.stringify(b) ?? 'none'} → ${JSON.stringify(a) ?? 'none'}`;
    let bump: Bump;
    if (direction === 'response') bump = 'patch';
    else bump = tighter === false ? 'minor' : 'major'; // tighter, or changed both ways: requests that passed may fail
    const why = direction === 'response' ? 'response constraint; not in the generated types' : tighter === false ? 'loosened' : 'tightened: requests that passed may be rejected';
    context.report(bump, location.child(keyword), `${change} (${why})`);
  }
}
