/**
 * Input checks run before any request: each problem becomes a ValidationIssue
 * naming the field, never quoting its value (it may be a secret).
 */
import type { ValidationIssue } from '@tokens/core';

const UUID = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

/** Field name → `u` (a uuid), `s` (a non-empty string) or `a` (any string), upper case when required. */
type Rules = Record<string, 'u' | 'U' | 's' | 'S' | 'a'>;

const V1: Rules = { caseId: 'U', workflowDefinitionId: 'S', parametersId: 's', lang: 's' };
const V2: Rules = { workflowDefinitionId: 'U', recordId: 'u', parametersId: 'u' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function fieldIssues(input: Record<string, unknown>, rules: Rules, prefix: string, unknown: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (name: string, message: string) => issues.push({ path: prefix + name, message });
  for (const name in input) if (name !== 'version' && !Object.hasOwn(rules, name)) add(name, unknown);
  for (const name in rules) {
    const rule = rules[name]!;
    const value = input[name];
    const uuid = /u/i.test(rule);
    if (value === undefined) {
      if (rule < 'a') add(name, 'is required');
    } else if (typeof value !== 'string' || !(uuid ? UUID.test(value) : rule === 'a' || value)) {
      add(name, uuid ? 'must be a uuid' : rule === 'a' ? 'must be a string' : 'must be a non-empty string');
    }
  }
  return issues;
}

/** The client's own options: `auth` (an organization token, or key and secret; exactly one) and `refreshWindowMs`. */
export function optionIssues({ auth, refreshWindowMs }: { auth?: unknown; refreshWindowMs?: unknown }): ValidationIssue[] {
  let issues: ValidationIssue[] = [{ path: 'auth', message: 'is required: { token } or { key, secret }' }];
  if (isRecord(auth)) {
    const login = auth['key'] !== undefined || auth['secret'] !== undefined;
    issues =
      login && auth['token'] !== undefined
        ? [{ path: 'auth', message: 'takes token, or key and secret, not both' }]
        : fieldIssues(auth, login ? { key: 'S', secret: 'S' } : { token: 'S', scheme: 'a' }, 'auth.', 'is not an auth field');
  }
  if (refreshWindowMs !== undefined && !(Number.isInteger(refreshWindowMs) && (refreshWindowMs as number) >= 0)) {
    issues.push({ path: 'refreshWindowMs', message: 'must be a whole number of at least 0' });
  }
  return issues;
}

/** A widget token request: version 1 (caseId) or 2 (the default; recordId), with the fields of that version only. */
export function widgetTokenIssues(input: unknown): ValidationIssue[] {
  if (!isRecord(input)) return [{ path: 'input', message: 'must be an object' }];
  const version = input['version'] ?? 2;
  if (version !== 1 && version !== 2) return [{ path: 'version', message: 'must be 1 or 2' }];
  return fieldIssues(input, version === 1 ? V1 : V2, '', `is not a version ${version} field`);
}
