/** Input checks, run before any request: every problem is listed, no value is echoed (it may be a secret). */
import type { ValidationIssue } from '@tokens/core';

export function checkOptions(options: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const name of ['clientId', 'clientSecret', 'organizationId']) {
    const value = options[name];
    if (typeof value !== 'string' || !value.trim()) issues.push({ path: name, message: 'must be a non-empty string' });
    // The ids name the token in its store, URI-encoded: a lone surrogate cannot be.
    else if (name !== 'clientSecret' && /\p{Cs}/u.test(value)) issues.push({ path: name, message: 'must not hold a lone surrogate' });
  }
  const { refreshWindowMs } = options;
  if (refreshWindowMs !== undefined && !(Number.isFinite(refreshWindowMs) && (refreshWindowMs as number) >= 0)) {
    issues.push({ path: 'refreshWindowMs', message: 'must be a number of milliseconds, at least 0' });
  }
  return issues;
}
