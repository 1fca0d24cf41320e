/**
 * Masks secrets in whatever an error or a log hook carries: by name (headers,
 * query parameters and fields named like a secret) and by value (the secrets a
 * request carried, should a provider echo one back in a message).
 */

import { ApiError } from './errors';

export const REDACTED = '[REDACTED]';

const SECRET_NAME = /secret|passw|token|signature|key|auth|cookie|credential|session/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** A copy of `value` with secret-named fields masked and known secret values cut out of every string. */
export const redact = (value: unknown, secrets: readonly string[] = []): unknown => copyOf(value, secrets, false);

/**
 * `value` copied for an error: by `redact`, or (`shape`) keeping only its shape, as
 * `redactTokenAnswer` does. One walk for both: they differ in strings and keys only.
 */
function copyOf(value: unknown, secrets: readonly string[], shape: boolean): unknown {
  if (typeof value === 'string') return shape ? REDACTED : scrub(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => copyOf(item, secrets, shape));
  const copy: Record<string, unknown> = {};
  let hidden = 0;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (!shape) copy[key] = isSecretName(key) ? REDACTED : copyOf(item, secrets, shape);
    // Object keys longer than 24 characters could be a token themselves: every field name of the four APIs is shorter.
    else copy[key.length < 25 && scrub(key, secrets) === key ? key : `${REDACTED} key ${++hidden}`] = copyOf(item, secrets, shape);
  }
  return copy;
}

/** `text` with every known secret value replaced, as written and as a server may echo it (JSON-escaped, URL-encoded). */
export const scrub = (text: string, secrets: readonly string[]): string =>
  secrets.reduce((result, secret) => echoedForms(secret).reduce((cut, form) => cut.split(form).join(REDACTED), result), text);

/** A secret as written, JSON-escaped, percent-encoded and form-encoded; longest first, so that none is cut out half. */
function echoedForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), new URLSearchParams({ s: secret }).toString().slice(2)]);
  try {
    forms.add(encodeURIComponent(secret));
  } catch {
    // A lone surrogate cannot be percent-encoded: nobody could have sent it that way.
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** A URL with secret-named query parameters masked. */
export function redactUrl(url: string): string {
  const [path, query] = url.split('?', 2);
  if (query === undefined) return url;
  const params = new URLSearchParams(query);
  params.forEach((_, name) => isSecretName(name) && params.set(name, REDACTED));
  return `${path}?${params}`;
}

/**
 * The secret values a request carries: secret-named header values (and the
 * credentials inside `Basic`/`Bearer`), secret-named query parameters and
 * secret-named fields of the body, besides the `known` ones. Longest first, so that a secret containing
 * another is cut out whole; values under 6 characters are too likely to match
 * innocent words to be hunted for in text.
 */
export function secretsOf(url: string, headers: Record<string, string>, body: unknown, known: readonly string[] = []): string[] {
  const found: string[] = [...known];
  const add = (value: string, name: string) => isSecretName(name) && found.push(value, ...credentialsIn(value));
  for (const name in headers) add(headers[name]!, name);
  new URLSearchParams(url.split('?', 2)[1]).forEach(add);
  collectFields(body, found, false);
  return huntable(found);
}

/** `Bearer x` → x; `Basic b64` → b64, and the decoded `user:password`, user and password. */
function credentialsIn(value: string): string[] {
  const [scheme, credentials] = value.split(' ', 2);
  if (!credentials) return [];
  if (scheme!.toLowerCase() !== 'basic') return [credentials];
  try {
    const decoded = atob(credentials);
    return [credentials, decoded, ...decoded.split(':')];
  } catch {
    return [credentials];
  }
}

function collectFields(value: unknown, found: string[], secret: boolean): void {
  if (typeof value === 'string') {
    if (secret) found.push(value);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) collectFields((value as Record<string, unknown>)[key], found, secret || isSecretName(key));
  }
}

/**
 * The body of an answer that should have carried a token but could not be read as
 * one (the token may be anywhere in it, under any name): its shape, not its values.
 * JSON keeps its keys, numbers, booleans and nulls, every string becomes
 * `[REDACTED]` and every key that is long or holds a known secret becomes
 * `[REDACTED key n]`; text (HTML, plain text, JSON that does not parse) becomes a
 * description of its kind and length.
 */
export function redactTokenAnswer(body: unknown, secrets: readonly (string | undefined)[] = []): unknown {
  // A description already (core redacted the answer, a provider client redacts its error again): kept, not described anew.
  if (typeof body === 'string') return DESCRIPTION.test(body) ? body : `${REDACTED} ${textKind(body)}, ${body.length} characters`;
  return copyOf(body, huntable(secrets), true);
}

/** Distinct, longest first; values under 6 characters are too likely to match innocent words to be hunted for. */
const huntable = (secrets: readonly (string | undefined)[]): string[] =>
  [...new Set(secrets)].filter((secret): secret is string => typeof secret === 'string' && secret.length > 5).sort((a, b) => b.length - a.length);

const DESCRIPTION = /^\[REDACTED\] (HTML or XML text|JSON text that does not parse|text), \d+ characters$/;

function textKind(text: string): string {
  const start = text.trimStart()[0];
  return start === '<' ? 'HTML or XML text' : start === '{' || start === '[' ? 'JSON text that does not parse' : 'text';
}

/**
 * `error`, from a call that should have issued a token, made safe to throw: known
 * secret values (the token it replaces, say) cut out of every string it holds
 * (message and stack included) and of its `cause` chain, and the body of an
 * ApiError redacted: a 2xx answer's by `redactTokenAnswer` (it may hold the new
 * token anywhere), an error answer's by `redact`. Changed in place, and returned.
 */
export function redactTokenError<E>(error: E, known: readonly (string | undefined)[] = []): E {
  const secrets = huntable(known);
  const seen = new Set<object>();
  for (let current: unknown = error; current !== null && typeof current === 'object' && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(record)) {
      const value = record[name];
      if (typeof value === 'string') record[name] = scrub(value, secrets);
    }
    if (current instanceof ApiError) {
      const ok = current.status >= 200 && current.status < 300;
      record['body'] = ok ? redactTokenAnswer(current.body, secrets) : redact(current.body, secrets);
    }
  }
  return error;
}
