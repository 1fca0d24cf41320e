/** A parsed media type (RFC 9110 §8.3.1): `type/subtype[+suffix]; name=value…`. */
export interface MediaType {
  /** Lower-cased, e.g. `application`. */
  readonly type: string;
  /** Lower-cased, with any `+suffix`, e.g. `vnd.acme.v2+json`. */
  readonly subtype: string;
  /** The structured-syntax suffix, lower-cased (`json` for `+json`), if any. */
  readonly suffix?: string;
  /** Parameters: names lower-cased, values unquoted and kept as written. */
  readonly parameters: Readonly<Record<string, string>>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses a media type the way servers write them: spaces around `;` and `=`,
 * quoted values with backslash escapes, any letter case in names. Returns
 * undefined for text that is not a media type.
 */
export function parseMediaType(text: string | null | undefined): MediaType | undefined {
  if (!text) return undefined;
  const semicolon = text.indexOf(';');
  const essence = (semicolon < 0 ? text : text.slice(0, semicolon)).trim().toLowerCase();
  const slash = essence.indexOf('/');
  const type = essence.slice(0, slash);
  const subtype = essence.slice(slash + 1);
  if (slash < 0 || !TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  const parameters: Record<string, string> = {};
  let rest = semicolon < 0 ? '' : text.slice(semicolon + 1);
  while (rest.length > 0) {
    const match = /^\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)\s*(?:;|$)/.exec(rest);
    if (!match) {
      // A parameter without a value (`;charset`) or stray text: skip to the next `;`.
      const next = rest.indexOf(';');
      rest = next < 0 ? '' : rest.slice(next + 1);
      continue;
    }
    const name = match[1]!.toLowerCase();
    const raw = match[2]!.trim();
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    if (!(name in parameters)) parameters[name] = value;
    rest = rest.slice(match[0].length);
  }
  const plus = subtype.lastIndexOf('+');
  return plus < 0 ? { type, subtype, parameters } : { type, subtype, suffix: subtype.slice(plus + 1), parameters };
}

/** Writes a media type back as text, quoting parameter values that need it. */
export function formatMediaType(mediaType: MediaType): string {
  let text = `${mediaType.type}/${mediaType.subtype}`;
  for (const [name, value] of Object.entries(mediaType.parameters)) {
    text += `;${name}=${TOKEN.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`}`;
  }
  return text;
}

/** `application/json`, `text/json` and any `+json` type. */
export function isJsonMediaType(mediaType: MediaType | undefined): boolean {
  return mediaType !== undefined && (mediaType.subtype === 'json' || mediaType.suffix === 'json');
}

/** The media type `version: N` selects. */
export function versionedJsonMediaType(version: number): string {
  return `application/json;version=${version}`;
}
