/**
 * The path of an HTTP request-target (RFC 9112 §3.2), read without throwing:
 * `new URL()` throws a TypeError on targets such as `//`, `http://[/` or
 * `http://x:99999/`, and a throw in the request listener kills the process.
 */

/** The characters a request-target may hold: RFC 3986's pchar, `/`, `?` and (in an authority) `[` `]`. */
const TARGET_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%[\]]+$/;
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** The path (without the query) a request-target names, or undefined when it is not a target the sandbox can serve. */
export function pathOfTarget(target: string | undefined): string | undefined {
  if (!target || !TARGET_CHARACTERS.test(target)) return undefined;
  if (target.startsWith('/')) return target.split('?', 1)[0];
  if (!ABSOLUTE_FORM.test(target)) return undefined; // asterisk-form, authority-form or garbage
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.pathname : undefined;
}
