/**
 * Random secrets for property tests: printable text of every kind — ASCII
 * punctuation with quotes and backslashes, spaces, Latin-1, other scripts,
 * astral characters — long enough (8+) and varied enough (4+ distinct
 * characters) that finding one in an error can only mean it leaked.
 */
import fc from 'fast-check';

const character = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
  { weight: 2, arbitrary: fc.constantFrom('"', '\\', "'", '%', '+', '&', '=', ':', '/', '<', '>', ' ') },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x100, max: 0xd7ff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.constantFrom('😀', '𝄞', '🔑', '中', 'ß', 'ı', 'İ', 'ﬀ') },
);

export const secretText: fc.Arbitrary<string> = fc.string({ unit: character, minLength: 8, maxLength: 40 }).filter((text) => new Set(text).size >= 4);

/** Secrets an HTTP header can carry as they are (visible ASCII, quotes and backslashes included), for options sent in headers. */
export const headerSecretText: fc.Arbitrary<string> = fc
  .string({ unit: fc.oneof(fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), fc.constantFrom('"', '\\', '%', '+')), minLength: 8, maxLength: 40 })
  .filter((text) => new Set(text).size >= 4);

/** Either kind: mostly secrets a request can carry, so that most runs reach the server, some that only a check can refuse. */
export const anySecretText: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: headerSecretText }, { weight: 1, arbitrary: secretText });
