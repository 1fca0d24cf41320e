/**
 * Every ValidationError case of createFinpayClient and getToken (signFinpayRequest's
 * are in signature.test.ts): each problem listed with its path, no value echoed,
 * and the server sees no request.
 */
import { describe, expect, it } from 'vitest';
import { createFinpayClient, ValidationError, type FinpayClientOptions } from '../src/index';
import { CREDENTIALS, finpay, rejectionOf, testClock, tokenServer } from './support';

const REQUIRED = 'is required (a non-empty string)';

function thrownBy(action: () => unknown): ValidationError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('createFinpayClient refuses bad options before any request', () => {
  it.each<[string, Record<string, unknown>, { path: string; message: string }[]]>([
    ['no credentials at all', { username: undefined, password: undefined, secretKey: undefined }, [
      { path: 'username', message: REQUIRED },
      { path: 'password', message: REQUIRED },
      { path: 'secretKey', message: REQUIRED },
    ]],
    ['an empty username', { username: '' }, [{ path: 'username', message: REQUIRED }]],
    ['an empty password', { password: '' }, [{ path: 'password', message: REQUIRED }]],
    ['an empty secretKey', { secretKey: '' }, [{ path: 'secretKey', message: REQUIRED }]],
    ['a secretKey that is not a string', { secretKey: 1234567 }, [{ path: 'secretKey', message: REQUIRED }]],
    ['a username with a colon', { username: 'merchant:7' }, [{ path: 'username', message: 'must not contain ":" (HTTP Basic cannot carry it)' }]],
    ['an unknown keyHexCase', { keyHexCase: 'UPPER' }, [{ path: 'keyHexCase', message: "must be 'upper' or 'lower'" }]],
    ['a negative refreshWindowMs', { refreshWindowMs: -1 }, [{ path: 'refreshWindowMs', message: 'must be a whole number of at least 0' }]],
    ['a fractional refreshWindowMs', { refreshWindowMs: 1.5 }, [{ path: 'refreshWindowMs', message: 'must be a whole number of at least 0' }]],
    ['an offset beyond +14:00', { tokenExpiryUtcOffsetMinutes: 841 }, [{ path: 'tokenExpiryUtcOffsetMinutes', message: 'must be a whole number of minutes from -720 to 840' }]],
    ['an offset that is not a number', { tokenExpiryUtcOffsetMinutes: '+07:00' }, [{ path: 'tokenExpiryUtcOffsetMinutes', message: 'must be a whole number of minutes from -720 to 840' }]],
    ['a relative baseUrl (core’s check, listed with ours)', { baseUrl: '/apicobrand', password: '' }, [
      { path: 'password', message: REQUIRED },
      { path: 'baseUrl', message: 'must be an absolute http(s) URL' },
    ]],
    ['credentials in the baseUrl', { baseUrl: 'https://merchant:pw_in_url@demos.finnet.co.id/apicobrand' }, [
      { path: 'baseUrl', message: 'must not hold credentials (user:password@): pass them as headers' },
    ]],
    ['a zero timeoutMs and negative maxRetries', { timeoutMs: 0, maxRetries: -1 }, [
      { path: 'timeoutMs', message: 'must be a whole number of at least 1' },
      { path: 'maxRetries', message: 'must be a whole number of at least 0' },
    ]],
  ])('%s', async (_, override, issues) => {
    const server = await tokenServer();
    const options = { baseUrl: server.url, clock: testClock().clock, ...CREDENTIALS, ...override } as FinpayClientOptions;
    const error = thrownBy(() => createFinpayClient(options));
    expect(error.issues).toEqual(issues);
    expect(error.provider).toBe('finpay');
    for (const value of Object.values(override)) if (typeof value === 'string' && value) expect(error.message).not.toContain(value);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a missing options object', () => {
    const create = createFinpayClient as (options?: unknown) => unknown;
    expect(thrownBy(() => create()).issues.map((issue) => issue.path)).toEqual(['username', 'password', 'secretKey']);
  });

  it('does not repeat a password or secret key in the error', () => {
    const error = thrownBy(() =>
      createFinpayClient({ username: 'a:b', password: 'pw_SECRET_777', secretKey: 'sk_SECRET_888', keyHexCase: 'x' as 'upper' }),
    );
    expect(JSON.stringify(error) + String(error.stack)).not.toMatch(/SECRET|a:b/);
  });
});

describe('getToken refuses a bad transNumber or timeoutMs before any request', () => {
  const TRANS = 'must be 1 to 100 letters (A-Z, a-z) or digits';
  it.each<[string, unknown]>([
    ['empty', ''],
    ['with a hyphen (public SDKs strip it; we refuse rather than change it)', 'TKN-2024-1'],
    ['with a space', 'TKN 1'],
    ['with non-ASCII letters', 'TKNÄ1'],
    ['101 characters long', 'a'.repeat(101)],
    ['a number', 12345],
  ])('a transNumber %s', async (_, transNumber) => {
    const server = await tokenServer();
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken({ transNumber: transNumber as string }))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ path: 'transNumber', message: TRANS }]);
    if (typeof transNumber === 'string' && transNumber) expect(error.message).not.toContain(transNumber);
    expect(server.requests).toHaveLength(0);
  });

  it.each([0, -5, 1.5, Number.NaN])('a timeoutMs of %s', async (timeoutMs) => {
    const server = await tokenServer();
    const error = (await rejectionOf(finpay(server, testClock().clock).getToken({ timeoutMs }))) as ValidationError;
    expect(error.issues).toEqual([{ path: 'timeoutMs', message: 'must be a whole number of at least 1' }]);
    expect(server.requests).toHaveLength(0);
  });

  it('lists both problems at once, and refuses even when the cache could have answered', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock);
    await client.getToken();
    const error = (await rejectionOf(client.getToken({ transNumber: 'no-no', timeoutMs: 0 }))) as ValidationError;
    expect(error.issues.map((issue) => issue.path)).toEqual(['transNumber', 'timeoutMs']);
    expect(server.requests).toHaveLength(1);
  });
});

describe('getToken on a runtime without crypto.getRandomValues', () => {
  /** Runs `test` with no global `crypto`, as on such a runtime, and puts it back after. */
  async function withoutCrypto(test: () => Promise<void>): Promise<void> {
    const crypto = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
    delete (globalThis as { crypto?: unknown }).crypto;
    try {
      await test();
    } finally {
      Object.defineProperty(globalThis, 'crypto', crypto);
    }
  }

  it('asks for a transNumber with a ValidationError (no ReferenceError), sending nothing', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock);
    await withoutCrypto(async () => {
      const error = (await rejectionOf(client.getToken())) as ValidationError;
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues).toEqual([{ path: 'transNumber', message: 'is required where crypto.getRandomValues is missing' }]);
      expect(server.requests).toHaveLength(0);
    });
  });

  it('with a transNumber, gets and caches its token there (the cache needs no crypto for its record ids)', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock);
    await withoutCrypto(async () => {
      const first = await client.getToken({ transNumber: 'TKNnocrypto1' });
      const again = await client.getToken({ transNumber: 'TKNnocrypto2' });
      expect(again.token).toBe(first.token);
      expect(server.requests).toHaveLength(1);
    });
  });
});
