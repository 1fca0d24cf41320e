/** Input checks, run before any request: every problem is listed, no value is echoed (it may be a secret). */
import type { ValidationIssue } from '@tokens/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A JWT is printable ASCII without spaces; this also catches a pasted `Bearer ` prefix. */
export const checkAccessToken = (accessToken: unknown): ValidationIssue[] =>
  typeof accessToken === 'string' && /^[!-~]+$/.test(accessToken)
    ? []
    : [{ path: 'accessToken', message: 'must be the tenant JWT: a non-empty string without spaces (no "Bearer " prefix)' }];

export function checkTokenInput(input: unknown, transactionId: unknown, role: unknown): ValidationIssue[] {
  if (input != null && typeof input !== 'object') return [{ path: 'input', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  if (transactionId === undefined || transactionId === '') issues.push({ path: 'transactionId', message: 'is required' });
  else if (typeof transactionId !== 'string' || !UUID.test(transactionId)) issues.push({ path: 'transactionId', message: 'must be a UUID' });
  // OneSpan's roles are 1 to 32 characters (counted as characters, not UTF-16 units).
  const length = typeof role === 'string' ? [...role].length : 0;
  if (length < 1 || length > 32) issues.push({ path: 'role', message: 'must be a string of 1 to 32 characters' });
  return issues;
}
