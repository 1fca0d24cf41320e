/**
 * Checks of option values, shared by the client and the token cache. Each adds what
 * it finds to `issues` (no exceptions, and no arrays made per call on the hot path).
 */
import { ValidationError, type ValidationIssue } from './errors';
import { defaultRetryTiming } from './retry';

export const addIssue = (issues: ValidationIssue[], path: string, message: string) => void issues.push({ path, message });

/** An options object (not an array), as opposed to a value nothing can be read from. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A factory's options must be an object: throws the ValidationError saying so. */
export function assertOptions(options: unknown): asserts options is Record<string, unknown> {
  if (!isRecord(options)) throw new ValidationError('tokens', [{ path: 'options', message: 'must be an object' }]);
}

/** `value`, when given, must be a whole number of at least `min`. */
export function checkWholeNumber(issues: ValidationIssue[], path: string, value: unknown, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min)) addIssue(issues, path, `must be a whole number of at least ${min}`);
}

/** What a kind letter asks of a value, and says when it is not. */
const KINDS: Record<string, [(value: unknown) => boolean, string]> = {
  f: [(value) => typeof value === 'function', 'a function'],
  o: [(value) => typeof value === 'object' && value !== null, 'an object'],
  b: [(value) => typeof value === 'boolean', 'a boolean'],
  // `null` is no signal, as in fetch.
  s: [(value) => value === null || value instanceof AbortSignal, 'an AbortSignal'],
  n: [(value) => typeof value === 'number' && value >= 0 && value < Infinity, 'a finite number of at least 0'],
  // A safe integer: from 1e21 up a number's text is `1e+21`, which Redis refuses as a PX.
  w: [(value) => Number.isSafeInteger(value) && (value as number) > 0, 'a whole number of at least 1'],
};

type Kinds = readonly (readonly [name: string, test: (value: unknown) => boolean, what: string, required: boolean])[];

/** `name:kind` pairs (`fetch:f clock:o`), read once: a kind in upper case is required, in lower case optional. */
export const kinds = (spec: string): Kinds =>
  spec.split(' ').map((item) => {
    const [name, kind] = item.split(':') as [string, string];
    return [name, ...KINDS[kind.toLowerCase()]!, kind < 'a'] as const;
  });

/** Checks each named value of `values` against its kind. */
export function checkKinds(issues: ValidationIssue[], values: unknown, spec: Kinds, prefix = ''): void {
  for (const [name, test, what, required] of spec) {
    const value = (values as Record<string, unknown>)[name];
    if ((value !== undefined || required) && !test(value)) addIssue(issues, prefix + name, `must be ${what}`);
  }
}

/** `value`, when given, must be an object whose members are of `spec`'s kinds. */
export function checkObject(issues: ValidationIssue[], path: string, value: unknown, spec: Kinds): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null) return addIssue(issues, path, 'must be an object');
  checkKinds(issues, value, spec, `${path}.`);
}

export const CLOCK = kinds('now:F sleep:F');
export const TOKEN_STORE = kinds('get:F set:F delete:F withLock:f watch:f seal:f open:f');
const INJECTED = kinds('fetch:f log:f random:f Request:f bodySerializer:f pathSerializer:f allowInsecureHttp:b signal:s');
const DELAYS = kinds('initialDelayMs:n maxDelayMs:n');

/** What every client checks of its injectable parts, once, at creation. */
export function checkInjected(issues: ValidationIssue[], options: Record<string, unknown>): void {
  const { clock, retryTiming } = options as { clock?: unknown; retryTiming?: Record<string, number> };
  checkKinds(issues, options, INJECTED);
  checkObject(issues, 'clock', clock, CLOCK);
  const before = issues.length;
  checkObject(issues, 'retryTiming', retryTiming, DELAYS);
  // Each default stands in for what is left out.
  const { initialDelayMs, maxDelayMs } = { ...defaultRetryTiming, ...retryTiming };
  if (issues.length === before && initialDelayMs > maxDelayMs) addIssue(issues, 'retryTiming.initialDelayMs', 'must not be over maxDelayMs');
}

/** An HTTP token (RFC 9110 §5.6.2): header names, media type and subtype names, plain parameter values. */
export const TOKEN = "[!#$%&'*+.^_`|~\\w-]+";
export const IS_TOKEN = new RegExp(`^${TOKEN}$`);
/** Header values may hold tabs, visible ASCII and Latin-1 (`fetch` refuses line breaks and NUL, and anything past U+00FF). */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** Headers Node's fetch (undici) manages itself and refuses from a caller, failing the request as if the network had. */
const FETCH_MANAGED = /^(connection|keep-alive|transfer-encoding|upgrade|expect)$/i;

/** What fetch trims off a header value: HTTP whitespace only (a JS `trim()` also takes a vertical tab or U+FEFF off, which fetch refuses). */
const HTTP_OUTER_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** A header value as `fetch` takes it: text, a number or boolean (sent as text); `null`/`undefined` mean no header. */
export const isHeaderValue = (value: unknown): boolean =>
  value == null || ((typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && !BAD_HEADER_VALUE.test(String(value).replace(HTTP_OUTER_WHITESPACE, '')));

/** One header fetch takes, and sends as given (arrays: one header per item). */
const isValidHeader = (name: unknown, value: unknown): boolean =>
  typeof name === 'string' && IS_TOKEN.test(name) && !FETCH_MANAGED.test(name) && (Array.isArray(value) ? value.every(isHeaderValue) : isHeaderValue(value));

const invalidHeader = (issues: ValidationIssue[], path: string) => addIssue(issues, path, 'is not a valid header');

/**
 * Headers `fetch` would refuse with a TypeError; outer whitespace is trimmed when sent, as `fetch` does.
 * As a record (openapi-fetch's form: arrays are one header each) or, where `pairs`, as `[name, value]`
 * pairs; a `Headers` instance was checked when it was built.
 */
export function checkHeaders(issues: ValidationIssue[], headers: unknown, where = 'headers', pairs = true): void {
  if (headers == null || headers instanceof Headers) return;
  if (typeof headers !== 'object' || (Array.isArray(headers) && !pairs)) invalidHeader(issues, where);
  else if (Array.isArray(headers)) {
    headers.forEach((pair, index) => {
      const named = Array.isArray(pair) && typeof pair[0] === 'string';
      if (!(named && pair.length === 2 && isValidHeader(pair[0], pair[1]))) invalidHeader(issues, `${where}.${named ? pair[0] : index}`);
    });
  } else for (const name in headers) if (!isValidHeader(name, (headers as Record<string, unknown>)[name])) invalidHeader(issues, `${where}.${name}`);
}

/** A store lock's times (LockOptions), whole ms; other members are ignored, as in every options record. */
export const LOCK = kinds('leaseMs:w waitMs:w');

const CLIENT_PARTS = kinds('tokenCacheLog:f');

/**
 * What a provider client checks of its options beyond core's: an object (or nothing: `null` is no
 * options), a `tokenStore` with its methods, its `tokenStoreLock` times, a `tokenCacheLog` function.
 */
export function clientOptionIssues(options: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (options != null && !isRecord(options)) addIssue(issues, 'options', 'must be an object');
  else if (options) {
    checkObject(issues, 'tokenStore', options['tokenStore'], TOKEN_STORE);
    checkObject(issues, 'tokenStoreLock', options['tokenStoreLock'], LOCK);
    checkKinds(issues, options, CLIENT_PARTS);
  }
  return issues;
}
