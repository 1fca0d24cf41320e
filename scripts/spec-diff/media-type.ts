/**
 * Media types are matched by meaning, not by spelling: `application/json;version=2`,
 * `application/json; version="2"` and `Application/JSON;Version=2` are one media type.
 * (The spelling still matters to consumers: it is a key of the generated types; see
 * operations.ts.)
 */
export interface MediaType {
  /** `type/subtype`, lower case. */
  readonly essence: string;
  /** Parameters with lower-case names and unquoted values. */
  readonly parameters: ReadonlyMap<string, string>;
}

export function parseMediaType(text: string): MediaType {
  const [essence = '', ...rest] = splitParameters(text);
  const parameters = new Map<string, string>();
  for (const part of rest) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    let value = part.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    parameters.set(name, value);
  }
  return { essence: essence.trim().toLowerCase(), parameters };
}

/** Splits on `;` outside quoted strings. */
function splitParameters(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\' && quoted) {
      current += char + (text[++i] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** One canonical spelling per media type: essence, then parameters sorted by name. */
export function normalizeMediaType(text: string): string {
  const { essence, parameters } = parseMediaType(text);
  const params = [...parameters].sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => `;${name}=${value}`);
  return essence + params.join('');
}
