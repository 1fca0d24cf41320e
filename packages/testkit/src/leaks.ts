/**
 * Where a secret could show up in an error: its message, stack, every own property
 * (enumerable or not), `JSON.stringify`, `util.inspect` (hidden properties too),
 * each of these for every error of its `cause` chain; and in log events.
 */
import { inspect } from 'node:util';

/** Every text a user or a logger could see of `error`, one entry per place, with where it was found. */
export function exposedTexts(error: unknown): Array<{ where: string; text: string }> {
  const texts: Array<{ where: string; text: string }> = [];
  const seen = new Set<unknown>();
  let depth = 0;
  for (let current = error; current !== null && current !== undefined && !seen.has(current); current = (current as { cause?: unknown }).cause, depth++) {
    seen.add(current);
    const at = depth === 0 ? 'error' : `cause ${depth}`;
    texts.push({ where: `${at} String()`, text: String(current) });
    texts.push({ where: `${at} util.inspect`, text: inspect(current, { depth: Infinity, showHidden: true, maxStringLength: Infinity, maxArrayLength: Infinity }) });
    texts.push({ where: `${at} JSON.stringify`, text: json(current) });
    if (typeof current === 'object') {
      for (const name of Object.getOwnPropertyNames(current)) {
        const value = (current as Record<string, unknown>)[name];
        texts.push({ where: `${at}.${name}`, text: typeof value === 'string' ? value : json(value) });
      }
    }
  }
  return texts;
}

/** JSON.stringify, or util.inspect for what it cannot write (a cycle, a BigInt). */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return inspect(value, { depth: Infinity, showHidden: true });
  }
}

/**
 * The forms of `secret` to hunt for: itself, JSON-escaped, URL-encoded (both
 * ways), and every 16-character piece of it (a secret cut short still leaks).
 */
export function formsOf(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
  for (let start = 0; start + 16 <= secret.length; start += 4) forms.add(secret.slice(start, start + 16));
  return [...forms].filter((form) => form.length > 0);
}

/** `where: form` for every form of every secret found in `error` or in `events`: [] when none leaked. */
export function leaksOf(secrets: readonly string[], error: unknown, events: readonly unknown[] = []): string[] {
  const texts = [...exposedTexts(error), ...events.map((event, i) => ({ where: `log event ${i}`, text: JSON.stringify(event) }))];
  const found: string[] = [];
  for (const secret of secrets) {
    for (const form of formsOf(secret)) {
      for (const { where, text } of texts) if (text.includes(form)) found.push(`${where}: ${form}`);
    }
  }
  return [...new Set(found)];
}

/** Issued tokens of the three common kinds, to hide inside answers. */
export const SAMPLE_TOKENS = {
  jwt:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0b2tlbi10ZXN0IiwiZXhwIjoyMDAwMDAwMDAwLCJqdGkiOiI3ZjNkOWEyYiJ9.Q2xWf0uS7l3jXJz8p1H0bq4kZJvS2m9N6Yw3cRrT5aE',
  hex: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  base64url: 'x7Vq2NpL-c3Rt_9ZkW4mA0sYhE6uJbDf1GoIyTnQwXe',
} as const;
