/** Checks on what users pass, run before any request; messages never repeat the value (it may be a secret). */
import { ValidationError, type ValidationIssue } from '@tokens/core';
import type { FinpayClientOptions } from './client';

export const PROVIDER = 'finpay';

export function failOn(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(PROVIDER, issues);
}

/** No issue when `ok`, else one saying what `path` must be. */
export const issueUnless = (ok: unknown, path: string, message: string): ValidationIssue[] => (ok ? [] : [{ path, message }]);

export const checkKeyHexCase = (value: unknown): ValidationIssue[] =>
  issueUnless(value === undefined || value === 'upper' || value === 'lower', 'keyHexCase', "must be 'upper' or 'lower'");

export const checkRequired = (value: unknown, path: string): ValidationIssue[] =>
  issueUnless(typeof value === 'string' && value, path, 'is required (a non-empty string)');

/** An optional whole number from `min` to `max`. */
export const checkWhole = (value: unknown, path: string, min: number, max = Infinity, message = `must be a whole number of at least ${min}`) =>
  issueUnless(value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max), path, message);

/** The options of createFinpayClient, typed or not: JavaScript callers may pass anything. */
export function checkClientOptions(options: { [Name in keyof FinpayClientOptions]?: unknown }): ValidationIssue[] {
  const { username } = options;
  return [
    ...checkRequired(username, 'username'),
    // HTTP Basic joins user and password with ":", so a username cannot hold one.
    ...issueUnless(typeof username !== 'string' || !username.includes(':'), 'username', 'must not contain ":" (HTTP Basic cannot carry it)'),
    ...checkRequired(options.password, 'password'),
    ...checkRequired(options.secretKey, 'secretKey'),
    ...checkKeyHexCase(options.keyHexCase),
    ...checkWhole(options.refreshWindowMs, 'refreshWindowMs', 0),
    ...checkWhole(options.tokenExpiryUtcOffsetMinutes, 'tokenExpiryUtcOffsetMinutes', -720, 840, 'must be a whole number of minutes from -720 to 840'),
  ];
}

/** Finpay allows 1 to 100 characters; public SDKs strip all but letters and digits, we refuse them instead. */
export const checkTransNumber = (value: unknown): ValidationIssue[] =>
  issueUnless(
    value === undefined || (typeof value === 'string' && /^[A-Za-z0-9]{1,100}$/.test(value)),
    'transNumber',
    'must be 1 to 100 letters (A-Z, a-z) or digits',
  );
