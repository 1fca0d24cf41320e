/**
 * signFinpayRequest and the SHA-256/HMAC it is built on: the test vectors of
 * providers.md, and agreement with node:crypto on many seeded random inputs
 * (node:crypto is used here only, never by the package).
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256 } from '../src/sha256';
import { signFinpayRequest, ValidationError } from '../src/index';
import { expectedSignature, SAMPLE_REQ_DTIME, SAMPLE_SIGNATURE, SAMPLE_TRANS_NUMBER } from './support';

const sample = { reqDtime: SAMPLE_REQ_DTIME, requestType: 'getToken', transNumber: SAMPLE_TRANS_NUMBER };

/** mulberry32: seeded, so a failure reproduces. */
function seededRandom(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const ALPHABET = [...'abcXYZ019 -_:/+=.', 'ä', 'é', 'ß', '€', '中', '😀'];

function randomText(random: () => number, maxLength: number): string {
  const length = Math.floor(random() * (maxLength + 1));
  return Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
}

function randomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

describe('signFinpayRequest', () => {
  it('reproduces the uppercase-key test vector of providers.md (the default)', () => {
    expect(signFinpayRequest(sample, 'mySecretKey')).toBe(SAMPLE_SIGNATURE);
    expect(signFinpayRequest(sample, 'mySecretKey', { keyHexCase: 'upper' })).toBe(SAMPLE_SIGNATURE);
  });

  it('reproduces the lowercase-key test vector of providers.md', () => {
    expect(signFinpayRequest(sample, 'mySecretKey', { keyHexCase: 'lower' })).toBe(
      '552D3E68A4A06F67B1A3AAEFF1ABE81F19FF0B74F555BA9D8B087B82BBC975CB',
    );
  });

  it('is HMAC-SHA256 of reqDtime + "getToken" + transNumber keyed with the hex text of the secret', () => {
    const key = Buffer.from('6D795365637265744B6579', 'ascii'); // "mySecretKey" as uppercase hex text
    const digest = createHmac('sha256', key).update(`${SAMPLE_REQ_DTIME}getToken${SAMPLE_TRANS_NUMBER}`).digest('hex').toUpperCase();
    expect(digest).toBe(SAMPLE_SIGNATURE);
  });

  it('ignores a signature field, and sorts by field name whatever order the fields come in', () => {
    const shuffled = { transNumber: SAMPLE_TRANS_NUMBER, signature: 'C851DDC730549FEAFDFFD486AC11F3BF0C9CE44F0190C7DDC5FFDC622782E91D', requestType: 'getToken', reqDtime: SAMPLE_REQ_DTIME };
    expect(signFinpayRequest(shuffled, 'mySecretKey')).toBe(SAMPLE_SIGNATURE);
  });

  it('sorts names by code unit: uppercase names before lowercase ones', () => {
    const fields = { b: '2', a: '1', B: '3' };
    expect(signFinpayRequest(fields, 'k')).toBe(signFinpayRequest({ x1: '3', x2: '1', x3: '2' }, 'k'));
  });

  it('answers 64 uppercase hex digits', () => {
    expect(signFinpayRequest({}, 'mySecretKey')).toMatch(/^[0-9A-F]{64}$/);
  });

  it('agrees with node:crypto on 1,000 random field sets and secrets (UTF-8, empty values, secrets longer than a block), both key cases', () => {
    const random = seededRandom(20240821);
    for (let round = 0; round < 1000; round++) {
      const fields: Record<string, string> = {};
      const count = Math.floor(random() * 6);
      for (let i = 0; i < count; i++) fields[`${randomText(random, 6)}${i}`] = randomText(random, round % 10 === 0 ? 200 : 40);
      // Up to 70 characters, up to 280 bytes: keys beyond 64 bytes of hex text are hashed first.
      const secret = randomText(random, 70) || 's';
      const keyHexCase = round % 2 === 0 ? 'upper' : 'lower';
      expect(signFinpayRequest(fields, secret, { keyHexCase }), `round ${round}`).toBe(expectedSignature(fields, secret, keyHexCase));
    }
  });

  it.each([
    ['an empty secret key', [sample, ''], [{ path: 'secretKey', message: 'is required (a non-empty string)' }]],
    ['a secret key that is not a string', [sample, 42], [{ path: 'secretKey', message: 'is required (a non-empty string)' }]],
    ['an unknown keyHexCase', [sample, 'mySecretKey', { keyHexCase: 'UPPER' }], [{ path: 'keyHexCase', message: "must be 'upper' or 'lower'" }]],
    ['a field that is not a string', [{ ...sample, transNumber: 12345 }, 'mySecretKey'], [{ path: 'fields.transNumber', message: 'must be a string' }]],
    [
      'several problems at once',
      [{ ...sample, reqDtime: undefined }, '', { keyHexCase: 'mixed' }],
      [
        { path: 'fields.reqDtime', message: 'must be a string' },
        { path: 'secretKey', message: 'is required (a non-empty string)' },
        { path: 'keyHexCase', message: "must be 'upper' or 'lower'" },
      ],
    ],
  ])('throws a ValidationError for %s, synchronously', (_, args, issues) => {
    const sign = signFinpayRequest as (...args: unknown[]) => string;
    let thrown: unknown;
    try {
      sign(...args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual(issues);
    expect((thrown as ValidationError).provider).toBe('finpay');
  });
});

describe('the SHA-256 and HMAC-SHA256 underneath', () => {
  it('agree with node:crypto for every length from 0 to 300 bytes (every padding boundary)', () => {
    const random = seededRandom(7);
    for (let length = 0; length <= 300; length++) {
      const data = randomBytes(random, length);
      expect(Buffer.from(sha256(data)).toString('hex'), `length ${length}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('agree with node:crypto on a message of several blocks (100 kB)', () => {
    const data = randomBytes(seededRandom(8), 100_000);
    expect(Buffer.from(sha256(data)).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('HMAC agrees with node:crypto for keys of 0 to 200 bytes (shorter than, equal to and longer than a block)', () => {
    const random = seededRandom(9);
    for (let length = 0; length <= 200; length++) {
      const key = randomBytes(random, length);
      const message = randomBytes(random, (length * 7) % 150);
      expect(Buffer.from(hmacSha256(key, message)).toString('hex'), `key length ${length}`).toBe(
        createHmac('sha256', key).update(message).digest('hex'),
      );
    }
  });

  it('matches the FIPS 180-4 "abc" vector', () => {
    expect(Buffer.from(sha256(new TextEncoder().encode('abc'))).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
