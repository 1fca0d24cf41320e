/**
 * Request validation against the providers' OpenAPI specs, by JSON Schema
 * (Ajv), honouring the request's media type: each operation's body schema is
 * picked by the media type the request is read as.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { specs } from './generated/specs';

export type ProviderName = keyof typeof specs;

export interface Operation {
  readonly provider: ProviderName;
  readonly method: string;
  /** The path as the spec writes it, e.g. `/api/transaction/{transaction_id}/token`. */
  readonly path: string;
  readonly pathParams: Record<string, string>;
  /** Media types the request body may have (keys of requestBody.content). */
  readonly requestMediaTypes: readonly string[];
}

export interface Problem {
  /** Where, e.g. `body.workflowDefinitionId` or `path.transaction_id`. */
  readonly field: string;
  readonly message: string;
}

// ajv-formats is CommonJS with a default export; unwrap it whichever way it loaded.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const [name, spec] of Object.entries(specs)) ajv.addSchema(spec as object, name);

const compiled = new Map<string, ValidateFunction>();
function validator(provider: ProviderName, pointer: string): ValidateFunction {
  const ref = `${provider}#${pointer}`;
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`no schema at ${ref}`);
    compiled.set(ref, validate);
  }
  return validate;
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

type PathItem = Record<string, { requestBody?: { content: Record<string, unknown> } }>;

/** The spec's path item a concrete path matches, with its path parameters (raw, still percent-encoded). */
function matchPath(provider: ProviderName, path: string): { template: string; item: PathItem; params: Record<string, string> } | undefined {
  for (const [template, item] of Object.entries(specs[provider].paths as Record<string, PathItem>)) {
    const names: string[] = [];
    const match = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`).exec(path);
    if (match) return { template, item, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])) };
  }
  return undefined;
}

/** The operation a method and path (below the provider's base URL) name, or why there is none. */
export function findOperation(provider: ProviderName, method: string, path: string): Operation | 'no-path' | 'no-method' {
  const matched = matchPath(provider, path);
  if (!matched) return 'no-path';
  const operation = matched.item[method.toLowerCase()];
  if (!operation) return 'no-method';
  const pathParams: Record<string, string> = {};
  for (const [name, raw] of Object.entries(matched.params)) {
    try {
      pathParams[name] = decodeURIComponent(raw);
    } catch {
      // Bad percent-encoding: kept as sent, so that validation refuses it with a 400.
      pathParams[name] = raw;
    }
  }
  return { provider, method, path: matched.template, pathParams, requestMediaTypes: Object.keys(operation.requestBody?.content ?? {}) };
}

/** The methods the spec declares for a path (for a 405's Allow header). */
export function allowedMethods(provider: ProviderName, path: string): string[] {
  return Object.keys(matchPath(provider, path)?.item ?? {}).filter((key) => key !== 'parameters').map((method) => method.toUpperCase());
}

/** Problems with the path parameters and the body read as `mediaType` (one the operation declares). */
export function validateRequest(operation: Operation, mediaType: string, body: unknown): Problem[] {
  const base = `/paths/${escapePointer(operation.path)}/${operation.method.toLowerCase()}`;
  const problems: Problem[] = [];
  const parameters = (specs[operation.provider].paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>)[operation.path]![operation.method.toLowerCase()]!.parameters ?? [];
  parameters.forEach((parameter, index) => {
    if (parameter.in !== 'path') return;
    const validate = validator(operation.provider, `${base}/parameters/${index}/schema`);
    if (!validate(operation.pathParams[parameter.name])) problems.push(...describe(validate.errors, `path.${parameter.name}`));
  });
  const validate = validator(operation.provider, `${base}/requestBody/content/${escapePointer(mediaType)}/schema`);
  if (!validate(body)) problems.push(...describe(validate.errors, 'body'));
  return problems;
}

function describe(errors: ErrorObject[] | null | undefined, root: string): Problem[] {
  return (errors ?? []).map((error) => {
    const field =
      error.keyword === 'required'
        ? `${root}${error.instancePath.replace(/\//g, '.')}.${(error.params as { missingProperty: string }).missingProperty}`
        : `${root}${error.instancePath.replace(/\//g, '.')}`;
    return { field, message: error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid') };
  });
}
