/**
 * Issue 12, point 7: a session token whose JWT `exp` is already past on this
 * machine's clock is an ApiError saying so (clock skew named), never returned
 * as valid.
 */
import { inspect } from 'node:util';
import { startTestServer, type TestServer } from '@tokens/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createOneSpanClient, type Clock } from '../src/index';
import { ACCESS_TOKEN, TRANSACTION_ID, jwt } from './fixtures';

/** 2026-01-01T12:00:00Z, a whole second. */
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const clock: Clock = { now: () => NOW, sleep: async () => {} };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function answering(exp: number) {
  const token = jwt({ alg: 'HS384', typ: 'JWT' }, { exp, jti: 'j-1', client_id: 'dealflo' }, 'SIGNATURE_of_the_session_token_42');
  const server = await startTestServer(() => ({ status: 200, body: { token, role: 'signer1' } }));
  servers.push(server);
  const client = createOneSpanClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN, clock, maxRetries: 0 });
  return { token, server, create: () => client.createSessionCreationToken({ transactionId: TRANSACTION_ID, role: 'signer1' }) };
}

describe('OneSpan: a session token expired on arrival', () => {
  it.each([
    ['exp = now', NOW / 1000, 0],
    ['exp an hour ago', NOW / 1000 - 3600, 3600],
  ])('%s is an ApiError naming clock skew, without the token or the tenant JWT', async (_, exp, late) => {
    const { token, server, create } = await answering(exp);
    const error = await create().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      `onespan: HTTP 200: the session token expired on arrival: its exp is ${late} s past this machine's clock (clock skew, or a stale token)`,
    );
    const shown = inspect(error, { depth: 5 }) + JSON.stringify(error) + (error as Error).stack;
    expect(shown).not.toContain(token);
    expect(shown).not.toContain('SIGNATURE_of_the_session_token_42');
    expect(shown).not.toContain(ACCESS_TOKEN);
    expect(server.requests).toHaveLength(1);
  });

  it('exp a second from now is still a token (the boundary)', async () => {
    const { token, create } = await answering(NOW / 1000 + 1);
    const session = await create();
    expect({ token: session.token, expiresAt: session.expiresAt.getTime() }).toStrictEqual({ token, expiresAt: NOW + 1000 });
  });
});
