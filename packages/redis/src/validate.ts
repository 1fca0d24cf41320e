/** Option checks, run when the store is created: every problem listed, no value echoed. */
import { ValidationError, type ValidationIssue } from '@tokens/core';

const isFunction = (value: unknown) => typeof value === 'function';

export function checkOptions(options: Record<string, unknown> | undefined): void {
  const { client, prefix, commandTimeoutMs, lockRetryMs, log } = options ?? {};
  const issues: ValidationIssue[] = [];
  const methods = client as Record<string, unknown> | null | undefined;
  if (!(methods && isFunction(methods['duplicate']) && (isFunction(methods['sendCommand']) || isFunction(methods['call'])))) {
    issues.push({ path: 'client', message: 'must be a node-redis (createClient()) or ioredis (new Redis()) client' });
  }
  if (prefix !== undefined && typeof prefix !== 'string') issues.push({ path: 'prefix', message: 'must be a string' });
  for (const [path, value] of [
    ['commandTimeoutMs', commandTimeoutMs],
    ['lockRetryMs', lockRetryMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && (value as number) > 0)) issues.push({ path, message: 'must be a number of milliseconds, more than 0' });
  }
  if (log !== undefined && !isFunction(log)) issues.push({ path: 'log', message: 'must be a function' });
  if (issues.length > 0) throw new ValidationError('redis', issues);
}
