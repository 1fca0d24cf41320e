/**
 * Input checks run before any request: each problem becomes a ValidationIssue
 * naming the field, never quoting its value (it may be a secret).
 */
import type { ValidationIssue } from '@tokens/core';

/** What a field's value must be; its issue says `must be a <kind>`. */
type Kind = 'uuid' | 'string' | 'non-empty string';
/** A field's rule, read as English: `uuid`, `optional string`, … */
type Rule = Kind | `optional ${Kind}`;
type Rules = Readonly<Record<string, Rule>>;

const UUID = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

const V1: Rules = { caseId: 'uuid', workflowDefinitionId: 'non-empty string', parametersId: 'optional non-empty string', lang: 'optional non-empty string' };
const V2: Rules = { workflowDefinitionId: 'uuid', recordId: 'optional uuid', parametersId: 'optional uuid' };
const KEY_SECRET: Rules = { key: 'non-empty string', secret: 'non-empty string' };
const ORGANIZATION_TOKEN: Rules = { token: 'non-empty string', scheme: 'optional string' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Unknown fields first (`version` aside: it picks the rules), then each field with a rule, in the rules' order. */
function fieldIssues(input: Record<string, unknown>, rules: Rules, prefix: string, unknownField: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (name: string, message: string) => issues.push({ path: prefix + name, message });
  for (const name in input) if (name !== 'version' && !Object.hasOwn(rules, name)) add(name, unknownField);
  for (const name in rules) {
    const rule = rules[name]!;
    const kind = rule.replace('optional ', '') as Kind;
    const value = input[name];
    if (value === undefined) {
      if (kind === rule) add(name, 'is required');
    } else if (typeof value !== 'string' || !(kind === 'uuid' ? UUID.test(value) : kind === 'string' || value)) {
      add(name, `must be a ${kind}`);
    }
  }
  return issues;
}

/** The client's own options: `auth` (an organization token, or key and secret; exactly one) and `refreshWindowMs`. */
export function optionIssues(auth: unknown, refreshWindowMs: unknown, tokenStoreKey?: unknown, versionedContentType?: unknown): ValidationIssue[] {
  let issues = [{ path: 'auth', message: 'is required: { token } or { key, secret }' }];
  if (isRecord(auth)) {
    const keyAndSecret = auth['key'] !== undefined || auth['secret'] !== undefined;
    issues =
      keyAndSecret && auth['token'] !== undefined
        ? [{ path: 'auth', message: 'takes token, or key and secret, not both' }]
        : fieldIssues(auth, keyAndSecret ? KEY_SECRET : ORGANIZATION_TOKEN, 'auth.', 'is not an auth field');
  }
  if (refreshWindowMs !== undefined && !(Number.isInteger(refreshWindowMs) && (refreshWindowMs as number) >= 0)) {
    issues.push({ path: 'refreshWindowMs', message: 'must be a whole number of at least 0' });
  }
  if (tokenStoreKey !== undefined && !(typeof tokenStoreKey === 'string' && tokenStoreKey)) issues.push({ path: 'tokenStoreKey', message: 'must be a non-empty string' });
  if (versionedContentType !== undefined && typeof versionedContentType !== 'boolean') issues.push({ path: 'versionedContentType', message: 'must be a boolean' });
  return issues;
}

/** A widget token request: version 1 (caseId) or 2 (the default; recordId), with the fields of that version only. */
export function widgetTokenIssues(input: unknown, callOptions?: unknown): ValidationIssue[] {
  if (callOptions != null && typeof callOptions !== 'object') return [{ path: 'options', message: 'must be an object' }];
  if (!isRecord(input)) return [{ path: 'input', message: 'must be an object' }];
  const version = input['version'] ?? 2;
  if (version !== 1 && version !== 2) return [{ path: 'version', message: 'must be 1 or 2' }];
  return fieldIssues(input, version === 1 ? V1 : V2, '', `is not a version ${version} field`);
}
