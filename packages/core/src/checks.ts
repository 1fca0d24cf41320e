/**
 * Checks of option values, shared by the client and the token cache. Each adds what
 * it finds to `issues` (no exceptions, and no arrays made per call on the hot path).
 */
import type { ValidationIssue } from './errors';
import { defaultRetryTiming } from './retry';

const add = (issues: ValidationIssue[], path: string, message: string) => void issues.push({ path, message });

/** An options object (not an array), as opposed to a value nothing can be read from. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value`, when given, must be a whole number of at least `min`. */
export function checkWholeNumber(issues: ValidationIssue[], path: string, value: unknown, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min)) add(issues, path, `must be a whole number of at least ${min}`);
}

/** `value`, when given, must be a function. */
export function checkFunction(issues: ValidationIssue[], path: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') add(issues, path, 'must be a function');
}

/** `value`, when given, must be an object with the `required` methods (and the `optional` ones must be functions when present). */
export function checkMethods(issues: ValidationIssue[], path: string, value: unknown, required: readonly string[], optional: readonly string[] = []): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null) return add(issues, path, `must be an object with ${required.join(', ')}`);
  for (const name of required) if (typeof (value as Record<string, unknown>)[name] !== 'function') add(issues, `${path}.${name}`, 'must be a function');
  for (const name of optional) checkFunction(issues, `${path}.${name}`, (value as Record<string, unknown>)[name]);
}

/** A token store: `get`, `set` and `delete`; `withLock`, `watch`, `seal` and `open` are optional. */
export const checkTokenStore = (issues: ValidationIssue[], path: string, store: unknown): void =>
  checkMethods(issues, path, store, ['get', 'set', 'delete'], ['withLock', 'watch', 'seal', 'open']);

/** An AbortSignal, when given (`null` too means none, as in fetch). */
export function checkSignal(issues: ValidationIssue[], signal: unknown): void {
  if (signal != null && !(signal instanceof AbortSignal)) add(issues, 'signal', 'must be an AbortSignal');
}

/** What every client checks of its injectable parts, once, at creation. */
export function checkInjected(issues: ValidationIssue[], options: Record<string, unknown>): void {
  for (const name of ['fetch', 'log', 'random', 'Request', 'bodySerializer', 'pathSerializer']) checkFunction(issues, name, options[name]);
  checkMethods(issues, 'clock', options['clock'], ['now', 'sleep']);
  checkSignal(issues, options['signal']);
  const { allowInsecureHttp, retryTiming } = options;
  if (allowInsecureHttp !== undefined && typeof allowInsecureHttp !== 'boolean') add(issues, 'allowInsecureHttp', 'must be a boolean');
  if (retryTiming === undefined) return;
  if (!isRecord(retryTiming)) return add(issues, 'retryTiming', 'must be an object');
  const { initialDelayMs = defaultRetryTiming.initialDelayMs, maxDelayMs = defaultRetryTiming.maxDelayMs } = retryTiming;
  const before = issues.length;
  for (const [name, value] of [['initialDelayMs', initialDelayMs], ['maxDelayMs', maxDelayMs]] as const) {
    if (!(typeof value === 'number' && value >= 0 && value < Infinity)) add(issues, `retryTiming.${name}`, 'must be a finite number of at least 0');
  }
  if (issues.length === before && (initialDelayMs as number) > (maxDelayMs as number)) add(issues, 'retryTiming.initialDelayMs', 'must not be over maxDelayMs');
}

/** An HTTP token (RFC 9110 §5.6.2): header names, media type and subtype names, plain parameter values. */
export const TOKEN = "[!#$%&'*+.^_`|~\\w-]+";
export const IS_TOKEN = new RegExp(`^${TOKEN}$`);
/** Header values may hold tabs, visible ASCII and Latin-1 (`fetch` refuses line breaks and NUL, and anything past U+00FF). */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** Headers Node's fetch (undici) manages itself and refuses from a caller, failing the request as if the network had. */
const FETCH_MANAGED = /^(connection|keep-alive|transfer-encoding|upgrade|expect)$/i;

/** A header value as `fetch` takes it: text, a number or boolean (sent as text); `null`/`undefined` mean no header. */
export const isHeaderValue = (value: unknown): boolean =>
  value == null || ((typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && !BAD_HEADER_VALUE.test(String(value).trim()));

/**
 * Headers `fetch` would refuse with a TypeError; outer whitespace is trimmed when sent, as `fetch` does.
 * As a record (openapi-fetch's form: arrays are one header each) or as `[name, value]` pairs; a `Headers`
 * instance was checked when it was built.
 */
export function checkHeaders(issues: ValidationIssue[], headers: unknown, where = 'headers', pairs = true): void {
  if (headers == null || headers instanceof Headers) return;
  if (typeof headers !== 'object' || (Array.isArray(headers) && !pairs)) return add(issues, where, 'must be an object of headers');
  const valid = (name: unknown, value: unknown) => typeof name === 'string' && IS_TOKEN.test(name) && !FETCH_MANAGED.test(name) && (Array.isArray(value) ? value.every(isHeaderValue) : isHeaderValue(value));
  if (Array.isArray(headers)) {
    headers.forEach((pair: unknown, index) => {
      const ok = Array.isArray(pair) && pair.length === 2;
      if (!ok || !valid(pair[0], pair[1])) add(issues, `${where}.${ok && typeof pair[0] === 'string' ? pair[0] : index}`, ok ? 'is not a valid header' : 'must be a [name, value] pair');
    });
  } else {
    for (const name in headers) if (!valid(name, (headers as Record<string, unknown>)[name])) add(issues, `${where}.${name}`, 'is not a valid header');
  }
}

/**
 * What a provider client checks of its options beyond core's: an object (or nothing: `null` is no
 * options), a `tokenStore` with its methods, a `tokenCacheLog` function.
 */
export function clientOptionIssues(options: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (options != null && !isRecord(options)) add(issues, 'options', 'must be an object');
  else if (options) {
    checkTokenStore(issues, 'tokenStore', options['tokenStore']);
    checkFunction(issues, 'tokenCacheLog', options['tokenCacheLog']);
  }
  return issues;
}
