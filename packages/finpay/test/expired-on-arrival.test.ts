/**
 * Issue 12, point 7: a tokenID whose `tokenExpiry` is already past on this
 * machine's clock is an ApiError saying so (clock skew named), never returned
 * or cached as valid.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/index';
import { CREDENTIALS, SAMPLE_EXPIRES_AT, SAMPLE_EXPIRY, finpay, testClock, tokenServer } from './support';

const TOKEN = 'fp_expired_tokenID_0123456789abcdef';
const EXPIRES = Date.parse(SAMPLE_EXPIRES_AT);

describe('Finpay: a tokenID expired on arrival', () => {
  it.each([
    ['at the clock', EXPIRES, 0],
    ['a day past it', EXPIRES + 86_400_000, 86_400],
  ])('a tokenExpiry %s is an ApiError naming clock skew, without the tokenID; nothing is cached', async (_, now, late) => {
    const server = await tokenServer(() => ({ status: 200, body: { statusCode: '000', statusDesc: 'Berhasil', tokenID: TOKEN, tokenExpiry: SAMPLE_EXPIRY } }));
    const client = finpay(server, testClock(now).clock, { maxRetries: 0 });
    for (let call = 0; call < 2; call++) {
      const error = await client.getToken().catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(ApiError);
      expect({ status: (error as ApiError).status, code: (error as ApiError).code }).toStrictEqual({ status: 200, code: undefined });
      expect((error as ApiError).message).toBe(
        `finpay: HTTP 200: the tokenID expired on arrival: tokenExpiry "${SAMPLE_EXPIRY}" is ${late} s past this machine's clock (clock skew, or a wrong tokenExpiryUtcOffsetMinutes)`,
      );
      const shown = inspect(error, { depth: 5 }) + JSON.stringify(error) + (error as Error).stack;
      expect(shown).not.toContain(TOKEN);
      expect(shown).not.toContain(CREDENTIALS.password);
    }
    expect(server.requests).toHaveLength(2);
  });

  it('a tokenExpiry a second after the clock is still a token (the boundary)', async () => {
    const server = await tokenServer(() => ({ status: 200, body: { statusCode: '000', statusDesc: 'Berhasil', tokenID: TOKEN, tokenExpiry: SAMPLE_EXPIRY } }));
    const token = await finpay(server, testClock(EXPIRES - 1000).clock, { refreshWindowMs: 0 }).getToken();
    expect({ token: token.token, expiresAt: token.expiresAt.toISOString() }).toStrictEqual({ token: TOKEN, expiresAt: SAMPLE_EXPIRES_AT });
  });
});
