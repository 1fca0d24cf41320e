/**
 * The whole-document rules: what is not under `paths`. With `rootTypes`, every
 * component (schema, response, parameter, request body, header) is an exported type of
 * the package, so removing one is major and adding one is minor. Components that no
 * operation reaches are compared as exported types (both directions). `info`, `tags`,
 * `servers` and `externalDocs` are documentation here: the clients take their base URL
 * from their own options, not from the generated types.
 */
import { DiffContext, Location } from './context.ts';
import { sortFindings, type Finding } from './findings.ts';
import { compareKey, compareRest, unionKeys } from './generic.ts';
import { comparePaths, compareContent } from './operations.ts';
import { isObject, type Json, type JsonObject } from './refs.ts';
import { compareSchema } from './schema.ts';

const EXPORTED_COMPONENTS = new Set(['schemas', 'responses', 'parameters', 'requestBodies', 'headers', 'pathItems']);

const object = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});

/** Every change between two versions of one OpenAPI document; `undefined` is "no such spec". */
export function diffDocuments(before: Json | undefined, after: Json | undefined): Finding[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ bump: 'minor', path: '', change: 'spec added' }];
  if (after === undefined) return [{ bump: 'major', path: '', change: 'spec removed: every operation and type of its package goes' }];
  const context = new DiffContext(before, after);
  const b = object(before);
  const a = object(after);
  const root = new Location([]);
  // Paths first: they record which components the operations reach.
  comparePaths(context, b['paths'], a['paths'], root.child('paths'));
  compareComponents(context, object(b['components']), object(a['components']), root.child('components'));
  for (const key of ['info', 'tags', 'servers', 'externalDocs']) compareKey(context, b[key], a[key], root.child(key), 'patch');
  if (JSON.stringify(b['security']) !== JSON.stringify(a['security'])) {
    context.report('minor', root.child('security'), 'default security requirements changed (not in the generated types; calls may need other credentials)');
  }
  compareRest(context, b, a, root, new Set(['paths', 'components', 'info', 'tags', 'servers', 'externalDocs', 'security']), 'major');
  return sortFindings(context.findings);
}

function compareComponents(context: DiffContext, before: JsonObject, after: JsonObject, location: Location): void {
  for (const kind of unionKeys(before, after)) {
    const bKind = object(before[kind]);
    const aKind = object(after[kind]);
    const at = location.child(kind);
    if (!EXPORTED_COMPONENTS.has(kind)) {
      // securitySchemes: how to authenticate, not a type; examples and links: documentation.
      compareKey(context, before[kind], after[kind], at, kind === 'securitySchemes' ? 'minor' : kind === 'examples' || kind === 'links' ? 'patch' : 'major');
      continue;
    }
    for (const name of unionKeys(bKind, aKind)) {
      const here = at.child(name);
      if (aKind[name] === undefined) context.report('major', here, `component ${kind}.${name} removed (an exported type goes)`);
      else if (bKind[name] === undefined) context.report('minor', here, `component ${kind}.${name} added (a new exported type)`);
      else if (!context.reachable.has(here.path.join('.'))) compareUnreached(context, kind, bKind[name], aKind[name], here);
    }
  }
}

/** A component no operation uses: only its exported type can be affected, read or written. */
function compareUnreached(context: DiffContext, kind: string, before: Json | undefined, after: Json | undefined, location: Location): void {
  if (kind === 'schemas') return compareSchema(context, before, after, location, 'both');
  const b = object(before);
  const a = object(after);
  compareSchema(context, b['schema'], a['schema'], location.child('schema'), 'both');
  compareContent(context, b['content'], a['content'], location.child('content'), 'both');
  compareRest(context, b, a, location, new Set(['schema', 'content']), 'major');
}
