/**
 * Issue 12, point 3: the rule for the body of an answer that should have carried
 * a token but could not be read as one (redactTokenAnswer), and the error made
 * safe to throw from such a call (redactTokenError).
 */
import { inspect } from 'node:util';
import { leaksOf, SAMPLE_TOKENS } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, VersionNotSupportedError, redactTokenAnswer, redactTokenError } from '../src/index';

describe('redactTokenAnswer: the shape, not the values', () => {
  it.each(Object.entries(SAMPLE_TOKENS))('JSON keeps keys, numbers, booleans and nulls; every string, a %s token among them, is [REDACTED]', (_, token) => {
    const body = { jwt: token, nested: { list: [token, 7, true, null], note: `it is ${token}` }, expires_in: 3600 };
    expect(redactTokenAnswer(body)).toStrictEqual({ jwt: '[REDACTED]', nested: { list: ['[REDACTED]', 7, true, null], note: '[REDACTED]' }, expires_in: 3600 });
  });

  it.each(Object.entries(SAMPLE_TOKENS))('a key that could be a %s token (long, or holding a known secret) is replaced, numbered', (_, token) => {
    const shown = redactTokenAnswer({ [token]: 1, [`x${token.slice(0, 8)}`]: 2, ok: 3, ['a'.repeat(24)]: 4 }, [token.slice(0, 8)]);
    expect(shown).toStrictEqual({ '[REDACTED] key 1': 1, '[REDACTED] key 2': 2, ok: 3, ['a'.repeat(24)]: 4 });
    expect(JSON.stringify(shown)).not.toContain(token.slice(0, 8));
  });

  it.each([
    ['<html><p>x</p></html>', '[REDACTED] HTML or XML text, 21 characters'],
    ['  <?xml version="1.0"?>', '[REDACTED] HTML or XML text, 23 characters'],
    ['{"token":"abc', '[REDACTED] JSON text that does not parse, 13 characters'],
    ['[1,', '[REDACTED] JSON text that does not parse, 3 characters'],
    ['token=abc', '[REDACTED] text, 9 characters'],
    ['', '[REDACTED] text, 0 characters'],
  ])('text %j becomes a description of its kind and length', (text, description) => {
    expect(redactTokenAnswer(text)).toBe(description);
  });

  it('is idempotent: a body already redacted (by core, then again by a provider client) keeps its description', () => {
    const once = redactTokenAnswer(`<p>${SAMPLE_TOKENS.jwt}</p>`);
    expect(redactTokenAnswer(once)).toBe(once);
    const shape = redactTokenAnswer({ [SAMPLE_TOKENS.base64url]: { token: SAMPLE_TOKENS.hex }, n: 1 });
    expect(redactTokenAnswer(shape)).toStrictEqual(shape);
  });

  it('undefined, numbers and booleans stay as they are', () => {
    expect([redactTokenAnswer(undefined), redactTokenAnswer(5), redactTokenAnswer(false), redactTokenAnswer(null)]).toStrictEqual([undefined, 5, false, null]);
  });
});

describe('redactTokenError: an error from a token call, safe to throw', () => {
  const previous = SAMPLE_TOKENS.jwt;
  const fresh = SAMPLE_TOKENS.hex;

  it('a 2xx ApiError keeps only the shape of its body; known secrets leave message, stack and every field', () => {
    const error = new ApiError('p', `p: HTTP 200: answered ${previous}`, { status: 200, body: `<p>${fresh}</p>`, requestId: `req-${previous}` });
    expect(redactTokenError(error, [previous])).toBe(error);
    expect(error.body).toBe('[REDACTED] HTML or XML text, 71 characters');
    expect(error.message).toBe('p: HTTP 200: answered [REDACTED]');
    expect(error.requestId).toBe('req-[REDACTED]');
    expect(leaksOf([previous, fresh], error)).toStrictEqual([]);
    expect(inspect(error)).toContain('p: HTTP 200: answered [REDACTED]');
  });

  it('an error answer (4xx/5xx) keeps its body readable, with secret-named fields and known secrets masked', () => {
    const error = new VersionNotSupportedError('p', 'p: HTTP 406', {
      status: 406,
      body: { message: `no ${previous}`, refreshToken: fresh, code: 'E1' },
      requestedMediaType: 'application/json;version=2',
      receivedMediaType: undefined,
    });
    redactTokenError(error, [previous]);
    expect(error.body).toStrictEqual({ message: 'no [REDACTED]', refreshToken: '[REDACTED]', code: 'E1' });
    expect(error).toBeInstanceOf(VersionNotSupportedError);
    expect(error.requestedMediaType).toBe('application/json;version=2');
  });

  it('cleans the whole cause chain, and other error classes too; a cycle ends the walk', () => {
    const root = new Error(`socket said ${previous}`);
    const error = new ConnectionError('p', `p: failed: ${previous}`, 'ECONNRESET');
    Object.assign(error, { cause: root });
    Object.assign(root, { cause: error });
    redactTokenError(error, [previous]);
    expect(leaksOf([previous], error)).toStrictEqual([]);
    expect(root.message).toBe('socket said [REDACTED]');
  });

  it('does not hunt for values under 6 characters, nor for undefined', () => {
    const error = new ApiError('p', 'p: HTTP 500: abc failed', { status: 500, body: 'abc' });
    redactTokenError(error, ['abc', undefined]);
    expect({ message: error.message, body: error.body }).toStrictEqual({ message: 'p: HTTP 500: abc failed', body: 'abc' });
  });

  it('leaves what is not an object alone', () => {
    expect(redactTokenError('plain', [previous])).toBe('plain');
    expect(redactTokenError(undefined)).toBeUndefined();
  });
});
