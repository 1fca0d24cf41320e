/**
 * The `RequestInit` options openapi-fetch passes on to `fetch` (client and call): a value this
 * runtime's `fetch` refuses was a TypeError inside it, which reached callers as a
 * ConnectionError (retried, for a GET) instead of a local mistake. Each given one is tried on
 * a `Request` of this runtime, so the check says what its `fetch` would.
 */
import { addIssue } from './checks';
import type { ValidationIssue } from './errors';

/** `cache` is tried with the `mode` it is sent with, below. */
const CHECKED = ['credentials', 'mode', 'referrer', 'referrerPolicy', 'integrity', 'keepalive', 'priority', 'duplex', 'window'];

/** `init`: the client's options or a call's; `defaults`: the client's, under a call's (`cache` needs the `mode` it is sent with). */
export function checkRequestInit(issues: ValidationIssue[], init: Record<string, unknown>, defaults?: Record<string, unknown>): void {
  const before = issues.length;
  for (const name of CHECKED) if (init[name] !== undefined) tryRequest(issues, name, { [name]: init[name] });
  // Once the mode itself is one fetch takes.
  if ((init['cache'] !== undefined || init['mode'] !== undefined) && issues.length === before) {
    // A call's own value, `null` included (which fetch refuses), else the client's.
    const own = (name: string) => (init[name] !== undefined ? init[name] : defaults?.[name]);
    tryRequest(issues, 'cache', { cache: own('cache'), mode: own('mode') });
  }
}

function tryRequest(issues: ValidationIssue[], name: string, init: Record<string, unknown>): void {
  try {
    new Request('http://127.0.0.1/', init);
  } catch (error) {
    addIssue(issues, name, `is not taken by fetch (${(error as Error).message})`);
  }
}
