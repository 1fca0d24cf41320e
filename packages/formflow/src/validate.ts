/** Input checks, run before any request: every problem is listed, no value is echoed (it may be a secret). */
import type { ValidationIssue } from '@tokens/core';

export function checkOptions(options: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const name of ['clientId', 'clientSecret', 'organizationId']) {
    const value = options[name];
    if (typeof value !== 'string' || !value.trim()) issues.push({ path: name, message: 'must be a non-empty string' });
  }
  const { refreshWindowMs } = options;
  if (refreshWindowMs !== undefined && !(Number.isFinite(refreshWindowMs) && (refreshWindowMs as number) >= 0)) {
    issues.push({ path: 'refreshWindowMs', message: 'must be a number of milliseconds, at least 0' });
  }
  return issues;
}
