/** Checks on what users pass, run before any request; messages never repeat the value (it may be a secret). */
import { ValidationError, type ValidationIssue } from '@tokens/core';

export const PROVIDER = 'finpay';

export function failOn(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(PROVIDER, issues);
}

const issue = (path: string, message: string): ValidationIssue[] => [{ path, message }];

export const checkKeyHexCase = (value: unknown): ValidationIssue[] =>
  value === undefined || value === 'upper' || value === 'lower' ? [] : issue('keyHexCase', "must be 'upper' or 'lower'");

export const checkRequired = (value: unknown, path: string): ValidationIssue[] =>
  typeof value === 'string' && value !== '' ? [] : issue(path, 'is required (a non-empty string)');

const isWhole = (value: unknown, min: number, max = Infinity) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

export function checkClientOptions(options: Record<string, unknown>): ValidationIssue[] {
  const { username, refreshWindowMs, tokenExpiryUtcOffsetMinutes: offset } = options;
  return [
    ...checkRequired(username, 'username'),
    // HTTP Basic joins user and password with ":", so a username cannot hold one.
    ...(typeof username === 'string' && username.includes(':') ? issue('username', 'must not contain ":" (HTTP Basic cannot carry it)') : []),
    ...checkRequired(options['password'], 'password'),
    ...checkRequired(options['secretKey'], 'secretKey'),
    ...checkKeyHexCase(options['keyHexCase']),
    ...(refreshWindowMs === undefined || isWhole(refreshWindowMs, 0) ? [] : issue('refreshWindowMs', 'must be a whole number of at least 0')),
    ...(offset === undefined || isWhole(offset, -720, 840)
      ? []
      : issue('tokenExpiryUtcOffsetMinutes', 'must be a whole number of minutes from -720 to 840')),
  ];
}

/** Finpay allows 1 to 100 characters; public SDKs strip all but letters and digits, we refuse them instead. */
export const checkTransNumber = (value: unknown): ValidationIssue[] =>
  value === undefined || (typeof value === 'string' && /^[A-Za-z0-9]{1,100}$/.test(value))
    ? []
    : issue('transNumber', 'must be 1 to 100 letters (A-Z, a-z) or digits');

/** Checked here too (the token cache checks it as well) so that one ValidationError lists every problem of a call. */
export const checkTimeout = (value: unknown): ValidationIssue[] =>
  value === undefined || isWhole(value, 1) ? [] : issue('timeoutMs', 'must be a whole number of at least 1');
