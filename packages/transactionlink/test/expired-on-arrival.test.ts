/**
 * Issue 12, point 7: a widget token or login access token already expired when
 * it arrives (`expiryDuration` 0 or less) is an ApiError saying so, never
 * returned (or cached) as valid.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/index';
import { KEY, SECRET, ORG_TOKEN, startFakeTransactionLink, workflowDefinitionId } from './support/fake-transactionlink';

const TOKEN = 'tl_expired_widget_token_0123456789';
const ACCESS = 'tl_expired_access_token_0123456789';

const leaks = (error: unknown, ...secrets: string[]) => secrets.filter((secret) => (inspect(error, { depth: 5 }) + JSON.stringify(error) + (error as Error).stack).includes(secret));

describe('TransactionLink: a token expired on arrival', () => {
  it.each([0, -5])('a widget token with expiryDuration %d is an ApiError that says so, without the token', async (seconds) => {
    const fake = await startFakeTransactionLink();
    fake.on('/token', () => ({ status: 201, body: { token: TOKEN, expiryDuration: seconds, tokenType: 'Bearer' } }));
    const error = await fake.client({ auth: { token: ORG_TOKEN } }).createWidgetToken({ version: 1, caseId: '11111111-2222-3333-4444-555555555555', workflowDefinitionId }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(201);
    expect((error as ApiError).message).toBe(`transactionlink: HTTP 201: the token expired on arrival (expiryDuration ${seconds}, relative: not clock skew)`);
    expect(leaks(error, TOKEN, ORG_TOKEN)).toStrictEqual([]);
  });

  it('a login access token with expiryDuration 0 is an ApiError, not cached: the widget call is not made with it', async () => {
    const fake = await startFakeTransactionLink();
    fake.on('/auth/authorize', () => ({ status: 200, body: { accessToken: ACCESS, refreshToken: 'tl_refresh_0123456789', expiryDuration: 0, tokenType: 'Bearer' } }));
    const client = fake.client({ auth: { key: KEY, secret: SECRET } });
    for (let call = 0; call < 2; call++) {
      const error = await client.createWidgetToken({ workflowDefinitionId }).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).message).toBe('transactionlink: HTTP 200: the accessToken expired on arrival (expiryDuration 0, relative: not clock skew)');
      expect(leaks(error, ACCESS, 'tl_refresh_0123456789', SECRET)).toStrictEqual([]);
    }
    expect(fake.calls()).toStrictEqual(['POST /auth/authorize', 'POST /auth/authorize']);
  });

  it('expiryDuration 1 is still a token (the boundary)', async () => {
    const fake = await startFakeTransactionLink();
    fake.on('/token', () => ({ status: 201, body: { token: TOKEN, expiryDuration: 1, tokenType: 'Bearer' } }));
    const token = await fake.client({ auth: { token: ORG_TOKEN } }).createWidgetToken({ version: 1, caseId: '11111111-2222-3333-4444-555555555555', workflowDefinitionId });
    expect(token.expiresAt.getTime()).toBe(fake.now + 1000);
  });
});
