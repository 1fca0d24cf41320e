/**
 * Operation rules: operations, parameters, request bodies, responses and their media
 * types. Removing any of them is major; adding an operation, an optional parameter or
 * body, a media type or an error response is minor. Media types are matched by meaning
 * (media-type.ts); a media type spelled differently is still major, because the
 * spelling is a key of the generated types (`mediaType: 'application/json;version=2'`).
 */
import { isDeepStrictEqual } from 'node:util';
import { byDirection, type DiffContext, type Direction, type Location } from './context.ts';
import { compareKey, compareRest, unionKeys } from './generic.ts';
import { normalizeMediaType } from './media-type.ts';
import { isObject, resolve, type Json, type JsonObject } from './refs.ts';
import { compareSchema } from './schema.ts';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const object = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});

/** Resolves a `$ref` on each side and continues at the referenced location. */
function resolvePair(context: DiffContext, before: Json | undefined, after: Json | undefined, location: Location) {
  const b = resolve(context.before, before);
  const a = resolve(context.after, after);
  for (const ref of [b.ref, a.ref]) if (ref !== undefined) context.reachable.add(ref);
  return { before: b.node, after: a.node, location: location.following(a.ref ?? b.ref) };
}

export function comparePaths(context: DiffContext, before: Json | undefined, after: Json | undefined, location: Location): void {
  const b = object(before);
  const a = object(after);
  for (const path of unionKeys(b, a)) {
    const pair = resolvePair(context, b[path], a[path], location.child(path));
    const bItem = object(pair.before);
    const aItem = object(pair.after);
    for (const method of METHODS) {
      const at = pair.location.child(method);
      const operation = `${method.toUpperCase()} ${path}`;
      if (bItem[method] !== undefined && aItem[method] === undefined) context.report('major', at, `operation ${operation} removed`);
      else if (bItem[method] === undefined && aItem[method] !== undefined) context.report('minor', at, `operation ${operation} added`);
      else if (bItem[method] !== undefined) compareOperation(context, bItem, aItem, object(bItem[method]), object(aItem[method]), at);
    }
    // Path-level parameters are compared with each operation's own.
    compareRest(context, bItem, aItem, pair.location, new Set([...METHODS, 'parameters', 'servers']), 'major');
    compareKey(context, bItem['servers'], aItem['servers'], pair.location.child('servers'), 'patch');
  }
}

function compareOperation(context: DiffContext, bItem: JsonObject, aItem: JsonObject, before: JsonObject, after: JsonObject, location: Location): void {
  const bId = before['operationId'];
  const aId = after['operationId'];
  if (bId !== aId) {
    const at = location.child('operationId');
    if (aId === undefined) context.report('major', at, `operationId ${String(bId)} removed (the generated \`operations\` type is keyed by it)`);
    else if (bId === undefined) context.report('minor', at, `operationId ${String(aId)} added`);
    else context.report('major', at, `operationId renamed from ${String(bId)} to ${String(aId)} (the generated \`operations\` type is keyed by it)`);
  }
  compareParameters(context, effectiveParameters(context.before, bItem, before), effectiveParameters(context.after, aItem, after), location.child('parameters'));
  compareRequestBody(context, before['requestBody'], after['requestBody'], location.child('requestBody'));
  compareResponses(context, object(before['responses']), object(after['responses']), location.child('responses'));
  if (!isDeepStrictEqual(before['security'], after['security'])) {
    context.report('minor', location.child('security'), 'security requirements changed (not in the generated types; calls may need other credentials)');
  }
  compareKey(context, before['servers'], after['servers'], location.child('servers'), 'patch');
  compareRest(context, before, after, location, new Set(['operationId', 'parameters', 'requestBody', 'responses', 'security', 'servers']), 'major');
}

interface Parameter {
  readonly node: Json | undefined;
  readonly value: JsonObject;
}

/** Path-level and operation-level parameters by `in.name`; the operation's win. */
function effectiveParameters(document: Json, pathItem: JsonObject, operation: JsonObject): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  for (const list of [pathItem['parameters'], operation['parameters']]) {
    if (!Array.isArray(list)) continue;
    for (const node of list) {
      const value = object(resolve(document, node).node);
      parameters.set(`${String(value['in'])}.${String(value['name'])}`, { node, value });
    }
  }
  return parameters;
}

function compareParameters(context: DiffContext, before: Map<string, Parameter>, after: Map<string, Parameter>, location: Location): void {
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    const at = location.child(...key.split(/\.(.*)/s, 2));
    const label = `${key.split('.')[0]} parameter \`${key.slice(key.indexOf('.') + 1)}\``;
    if (a === undefined) context.report('major', at, `${label} removed`);
    else if (b === undefined) context.report(a.value['required'] === true ? 'major' : 'minor', at, `${a.value['required'] === true ? 'new required' : 'optional'} ${label}${a.value['required'] === true ? '' : ' added'}`);
    else {
      const pair = resolvePair(context, b.node, a.node, at);
      compareParameter(context, object(pair.before), object(pair.after), pair.location, label);
    }
  }
}

function compareParameter(context: DiffContext, before: JsonObject, after: JsonObject, location: Location, label: string): void {
  compareRequired(context, before, after, location, 'request', label);
  compareSchema(context, before['schema'], after['schema'], location.child('schema'), 'request');
  compareContent(context, before['content'], after['content'], location.child('content'), 'request');
  compareRest(context, before, after, location, new Set(['name', 'in', 'required', 'schema', 'content']), 'major');
}

/** `required` of a parameter, request body or header. */
function compareRequired(context: DiffContext, before: JsonObject, after: JsonObject, location: Location, direction: Direction, label: string): void {
  const was = before['required'] === true;
  const is = after['required'] === true;
  if (was === is) return;
  const at = location.child('required');
  if (is) context.report(byDirection(direction, { request: 'major', response: 'minor' }), at, `${label} became required`);
  else context.report(byDirection(direction, { request: 'minor', response: 'major' }), at, `${label} became optional`);
}

function compareRequestBody(context: DiffContext, beforeNode: Json | undefined, afterNode: Json | undefined, location: Location): void {
  const pair = resolvePair(context, beforeNode, afterNode, location);
  if (pair.before === undefined && pair.after === undefined) return;
  if (pair.after === undefined) return context.report('major', location, 'request body removed');
  const after = object(pair.after);
  if (pair.before === undefined) return context.report(after['required'] === true ? 'major' : 'minor', location, `${after['required'] === true ? 'required' : 'optional'} request body added`);
  const before = object(pair.before);
  compareRequired(context, before, after, pair.location, 'request', 'request body');
  compareContent(context, before['content'], after['content'], pair.location.child('content'), 'request');
  compareRest(context, before, after, pair.location, new Set(['required', 'content']), 'major');
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

function compareResponses(context: DiffContext, before: JsonObject, after: JsonObject, location: Location): void {
  for (const status of unionKeys(before, after)) {
    const at = location.child(status);
    if (after[status] === undefined) context.report('major', at, `response ${status} removed`);
    else if (before[status] === undefined) {
      const content = object(object(resolve(context.after, after[status]).node)['content']);
      // `data` is the union of the success responses' bodies: a new body widens it.
      const known = Object.keys(before)
        .filter(isSuccess)
        .map((s) => object(resolve(context.before, before[s]).node)['content']);
      const widens = isSuccess(status) && Object.keys(content).length > 0 && !known.some((c) => isDeepStrictEqual(c, content));
      if (widens) context.report('major', at, `success response ${status} added with a new body (widens \`data\`)`);
      else context.report('minor', at, `response ${status} added`);
    } else {
      const pair = resolvePair(context, before[status], after[status], at);
      compareResponse(context, object(pair.before), object(pair.after), pair.location);
    }
  }
}

function compareResponse(context: DiffContext, before: JsonObject, after: JsonObject, location: Location): void {
  const bHeaders = lowerCaseKeys(object(before['headers']));
  const aHeaders = lowerCaseKeys(object(after['headers']));
  for (const name of unionKeys(bHeaders, aHeaders)) {
    const at = location.child('headers', aHeaders[name]?.key ?? bHeaders[name]!.key);
    const b = bHeaders[name];
    const a = aHeaders[name];
    if (a === undefined) context.report('major', at, `response header ${b!.key} removed`);
    else if (b === undefined) context.report('minor', at, `response header ${a.key} added`);
    else {
      const pair = resolvePair(context, b.value, a.value, at);
      const bHeader = object(pair.before);
      const aHeader = object(pair.after);
      compareRequired(context, bHeader, aHeader, pair.location, 'response', `response header ${a.key}`);
      compareSchema(context, bHeader['schema'], aHeader['schema'], pair.location.child('schema'), 'response');
      compareContent(context, bHeader['content'], aHeader['content'], pair.location.child('content'), 'response');
      compareRest(context, bHeader, aHeader, pair.location, new Set(['required', 'schema', 'content']), 'major');
    }
  }
  compareContent(context, before['content'], after['content'], location.child('content'), 'response');
  compareKey(context, before['links'], after['links'], location.child('links'), 'patch');
  compareRest(context, before, after, location, new Set(['headers', 'content', 'links']), 'major');
}

function lowerCaseKeys(object: JsonObject): Record<string, { key: string; value: Json }> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key.toLowerCase(), { key, value }]));
}

export function compareContent(context: DiffContext, beforeNode: Json | undefined, afterNode: Json | undefined, location: Location, direction: Direction): void {
  const before = object(beforeNode);
  const after = object(afterNode);
  const byMeaning = (content: JsonObject) => new Map(Object.keys(content).map((key) => [normalizeMediaType(key), key]));
  const b = byMeaning(before);
  const a = byMeaning(after);
  const body = direction === 'request' ? 'request' : 'response';
  for (const mediaType of new Set([...b.keys(), ...a.keys()])) {
    const bKey = b.get(mediaType);
    const aKey = a.get(mediaType);
    if (aKey === undefined) context.report('major', location.child(bKey!), `${body} media type ${bKey} removed`);
    else if (bKey === undefined) context.report('minor', location.child(aKey), `${body} media type ${aKey} added`);
    else {
      const at = location.child(aKey);
      if (aKey !== bKey) context.report('major', at, `${body} media type respelled from ${bKey} to ${aKey} (the generated types are keyed by the spelling)`);
      const bMedia = object(before[bKey]);
      const aMedia = object(after[aKey]);
      compareSchema(context, bMedia['schema'], aMedia['schema'], at.child('schema'), direction);
      compareRest(context, bMedia, aMedia, at, new Set(['schema']), 'major');
    }
  }
}
