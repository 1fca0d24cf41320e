/**
 * Checks of option values, shared by the client and the token cache. Each adds what
 * it finds to `issues` (no exceptions, and no arrays made per call on the hot path).
 */
import type { ValidationIssue } from './errors';

/** `value`, when given, must be a whole number of at least `min`. */
export function checkWholeNumber(issues: ValidationIssue[], path: string, value: unknown, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min)) issues.push({ path, message: `must be a whole number of at least ${min}` });
}

/** An HTTP token (RFC 9110 §5.6.2): header names, media type and subtype names, plain parameter values. */
export const TOKEN = "[!#$%&'*+.^_`|~\\w-]+";
export const IS_TOKEN = new RegExp(`^${TOKEN}$`);
/** Header values may hold tabs, visible ASCII and Latin-1 (`fetch` refuses line breaks and NUL, and anything past U+00FF). */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Headers `fetch` would refuse with a TypeError; outer whitespace is trimmed when sent, as `fetch` does.
 * Values as openapi-fetch takes them: arrays (one header each), `null`/`undefined` (no header).
 */
export function checkHeaders(issues: ValidationIssue[], headers: Headers | Record<string, unknown> | undefined, where = 'headers'): void {
  if (!headers || headers instanceof Headers) return; // a Headers instance was checked when it was built
  for (const name in headers) {
    const value = headers[name];
    const values = Array.isArray(value) ? value : [value];
    if (!IS_TOKEN.test(name) || values.some((item) => item != null && BAD_HEADER_VALUE.test(String(item).trim()))) {
      issues.push({ path: `${where}.${name}`, message: 'is not a valid header' });
    }
  }
}
