/**
 * Issue 12, point 11: property-based tests (fast-check) of the media-type parser
 * and formatter: any media type written by formatMediaType reads back the same,
 * and parsing is stable. The seed is printed (FC_SEED=<seed> replays a run).
 */
import { propertyRuns } from '@tokens/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMediaType, parseMediaType, type MediaType } from '../src/index';

const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split('');
const token = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 12 });
/** Parameter names, lower case (the parser lower-cases them), the names of Object.prototype's members among them. */
const parameterName = fc.oneof(
  { weight: 9, arbitrary: token.map((name) => name.toLowerCase()) },
  { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'tostring', 'hasownproperty', 'valueof', 'version', 'q', 'charset') },
);
/** What a quoted-string may hold (RFC 9110 qdtext and quoted-pair): tab, visible ASCII, space, obs-text; quotes and backslashes included. */
const parameterValue = fc.oneof(
  token,
  fc.string({ unit: fc.oneof(fc.constantFrom('\t', ' ', '"', '\\', ';', '=', ','), fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c))), maxLength: 16 }),
);

const mediaType: fc.Arbitrary<MediaType> = fc
  .record({
    type: token,
    subtype: token,
    suffix: fc.option(token, { nil: undefined }),
    parameters: fc.uniqueArray(fc.tuple(parameterName, parameterValue), { selector: ([name]) => name, maxLength: 5 }),
  })
  .map(({ type, subtype, suffix, parameters }) => {
    const parameterRecord: Record<string, string> = {};
    for (const [name, value] of parameters) Object.defineProperty(parameterRecord, name, { value, enumerable: true, writable: true, configurable: true });
    const fullSubtype = (suffix === undefined ? subtype : `${subtype}+${suffix}`).toLowerCase();
    const plus = fullSubtype.lastIndexOf('+');
    return {
      type: type.toLowerCase(),
      subtype: fullSubtype,
      ...(plus >= 0 && { suffix: fullSubtype.slice(plus + 1) }),
      parameters: parameterRecord,
    };
  });

/** A MediaType as plain data, for comparing: own parameters in order. */
const plain = (m: MediaType | undefined) => m && { type: m.type, subtype: m.subtype, suffix: m.suffix, parameters: Object.entries(m.parameters) };

describe('media types, by fast-check', () => {
  it('parseMediaType(formatMediaType(m)) is m, for 10,000 media types with any parameter names and values', () => {
    fc.assert(
      fc.property(mediaType, (m) => {
        expect(plain(parseMediaType(formatMediaType(m)))).toStrictEqual(plain(m));
      }),
      propertyRuns('media-type round trip', 10_000),
    );
  }, 120_000);

  it('formatting what was parsed is stable: format(parse(format(m))) is format(m), whatever the letter case and spaces', () => {
    fc.assert(
      fc.property(mediaType, fc.boolean(), fc.constantFrom('', ' ', '\t', '  '), (m, upper, space) => {
        // Each parameter as formatMediaType writes it, joined with spaces around the `;`.
        const pieces = Object.entries(m.parameters).map(([name, value]) => formatMediaType({ type: 'a', subtype: 'b', parameters: { [name]: value } }).slice('a/b;'.length));
        const text = [`${m.type}/${m.subtype}`, ...pieces].join(`${space};${space}`);
        const written = upper ? text.replace(/^[^;]*/, (essence) => essence.toUpperCase()) : text;
        const once = parseMediaType(written);
        expect(once).toBeDefined();
        expect(formatMediaType(parseMediaType(formatMediaType(once!))!)).toBe(formatMediaType(m));
      }),
      propertyRuns('media-type format stability', 10_000),
    );
  }, 120_000);

  it('parseMediaType never throws, for any text, and gives undefined or a media type of tokens', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), mediaType.map(formatMediaType).map((text) => text.slice(0, Math.max(1, text.length - 3)))), (text) => {
        const parsed = parseMediaType(text);
        if (parsed) expect(`${parsed.type}/${parsed.subtype}`).toMatch(/^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/);
      }),
      propertyRuns('media-type parse of any text', 10_000),
    );
  }, 120_000);
});
