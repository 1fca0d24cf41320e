/**
 * Issue 12, point 7: a token already expired when it arrives (`expires_in: 0`)
 * is an ApiError saying so, never handed out (or cached) as valid.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/index';
import { CREDENTIALS, formflow, testClock, tokenServer } from './harness';

const TOKEN = 'ff_expired_token_0123456789abcdef';

describe('Formflow: a token expired on arrival', () => {
  it('expires_in 0 is an ApiError that says so (and why it is not clock skew), without the token; nothing is cached', async () => {
    const server = await tokenServer(() => ({ status: 200, body: { token: TOKEN, token_type: 'Bearer', expires_in: 0 } }));
    const client = formflow(server, testClock().clock, { maxRetries: 0 });
    for (let call = 0; call < 2; call++) {
      const error = await client.getToken().catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(200);
      expect((error as ApiError).message).toBe('formflow: HTTP 200: the token expired on arrival (expires_in 0, relative: not clock skew)');
      expect(inspect(error, { depth: 5 }) + JSON.stringify(error)).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(CREDENTIALS.clientSecret);
    }
    // Each call asked again: the expired token was not cached.
    expect(server.requests).toHaveLength(2);
  });

  it('expires_in 1 is still a token (the boundary)', async () => {
    const server = await tokenServer(() => ({ status: 200, body: { token: TOKEN, token_type: 'Bearer', expires_in: 1 } }));
    const { clock } = testClock();
    const token = await formflow(server, clock, { refreshWindowMs: 0 }).getToken();
    expect({ token: token.token, expiresAt: token.expiresAt.getTime() }).toStrictEqual({ token: TOKEN, expiresAt: clock.now() + 1000 });
  });
});
