/**
 * Masks secrets in whatever an error or a log hook carries: by name (headers and
 * fields named like a secret) and by value (the secrets a request carried, should
 * a provider echo one back in a message).
 */

export const REDACTED = '[REDACTED]';

const SECRET_NAME = /secret|passw|token|signature|key|auth|cookie|credential|session/i;
/** Shorter values are not hunted for inside text: too likely to match innocent words. */
const MIN_SECRET_LENGTH = 6;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A copy of `value` with secret-named fields masked and known secret values cut out of every string. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = isSecretName(key) ? REDACTED : redact(item, secrets);
    return copy;
  }
  return value;
}

/** `text` with every known secret value replaced. */
export function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}

/** Headers as a plain object, secret-named ones masked. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const copy: Record<string, string> = {};
  headers.forEach((value, name) => {
    copy[name] = isSecretName(name) ? REDACTED : value;
  });
  return copy;
}

/** A URL with secret-named query parameters masked. */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const query = new URLSearchParams(url.slice(question + 1));
  for (const name of [...query.keys()]) if (isSecretName(name)) query.set(name, REDACTED);
  return `${url.slice(0, question)}?${query.toString()}`;
}

/**
 * The secret values a request carries: secret-named header values (and the
 * credentials inside `Basic`/`Bearer`), and secret-named fields of a JSON body.
 */
export function secretsOf(headers: Headers, body: unknown): string[] {
  const found: string[] = [];
  headers.forEach((value, name) => {
    if (!isSecretName(name)) return;
    found.push(value);
    const [scheme, credentials] = value.split(' ', 2);
    if (credentials) {
      found.push(credentials);
      if (scheme?.toLowerCase() === 'basic') found.push(...decodeBasic(credentials));
    }
  });
  collectSecretFields(body, found);
  return [...new Set(found)].filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

function decodeBasic(credentials: string): string[] {
  try {
    const decoded = atob(credentials);
    const colon = decoded.indexOf(':');
    return colon < 0 ? [decoded] : [decoded, decoded.slice(0, colon), decoded.slice(colon + 1)];
  } catch {
    return [];
  }
}

function collectSecretFields(value: unknown, found: string[], secretParent = false): void {
  if (typeof value === 'string') {
    if (secretParent) found.push(value);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectSecretFields(item, found, secretParent || isSecretName(key));
  }
}
