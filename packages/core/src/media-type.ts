import { IS_TOKEN, TOKEN } from './checks';

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

const ESSENCE = new RegExp(`^\\s*(${TOKEN})/(${TOKEN})\\s*(?:;|$)`);
// A parameter: name=token or name="quoted \"string\"", up to the next `;` outside quotes.
// Anything else (a name without a value, an unterminated quote) is skipped up to the next `;`.
const PARAMETER = /\s*(?:([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;"]*?))\s*(?:;|$)|[^;]*(?:;|$))/y;

/**
 * Parses a media type the way servers write them: spaces around `;` and `=`,
 * quoted values with backslash escapes, any letter case in names. Parameters
 * without a value are skipped; the first of a repeated name wins. Returns
 * undefined for text that is not a media type.
 */
export function parseMediaType(text: string | null | undefined): MediaType | undefined {
  const essence = text ? ESSENCE.exec(text) : null;
  if (!essence) return undefined;
  const subtype = essence[2]!.toLowerCase();
  const plus = subtype.lastIndexOf('+');
  // First of a repeated name wins. Entries, not assignments: `constructor` or `__proto__` is a parameter name like any other.
  const parameters = new Map<string, string>();
  const rest = text!.slice(essence[0].length);
  for (PARAMETER.lastIndex = 0; PARAMETER.lastIndex < rest.length; ) {
    const [, name, quoted, plain] = PARAMETER.exec(rest)!;
    const key = name?.toLowerCase();
    if (key && !parameters.has(key)) parameters.set(key, quoted?.replace(/\\(.)/g, '$1') ?? plain!);
  }
  return { type: essence[1]!.toLowerCase(), subtype, ...(plus >= 0 && { suffix: subtype.slice(plus + 1) }), parameters: Object.fromEntries(parameters) };
}

/**
 * `parseMediaType`, remembered: the media types a client asks for and is answered
 * with are few (its spec's), so each is parsed once. The memo is kept small.
 */
const parsed = new Map<string, MediaType | undefined>();
export function parseMediaTypeOnce(text: string | null): MediaType | undefined {
  if (text !== null && !parsed.has(text)) parsed.set(text, (parsed.size > 63 && parsed.clear(), parseMediaType(text)));
  return text === null ? undefined : parsed.get(text);
}

/** Writes a media type back as text, quoting parameter values that need it. */
export function formatMediaType({ type, subtype, parameters }: MediaType): string {
  let text = `${type}/${subtype}`;
  for (const [name, value] of Object.entries(parameters)) {
    text += `;${name}=${IS_TOKEN.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`}`;
  }
  return text;
}

/** `application/json`, `text/json` and any `+json` type. */
export const isJsonMediaType = (mediaType: MediaType | undefined): boolean => mediaType?.subtype === 'json' || mediaType?.suffix === 'json';
