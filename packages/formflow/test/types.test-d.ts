/** What the public API's types promise: required credentials, the IssuedToken returned. */
import { describe, expectTypeOf, it } from 'vitest';
import { createFormflowClient, memoryTokenStore, type FormflowToken, type GetTokenResponseDto, type IssuedToken } from '../src/index';

const credentials = { clientId: 'client', clientSecret: 'secret', organizationId: 'org' };
const ff = createFormflowClient(credentials);

describe('createFormflowClient', () => {
  it('requires clientId, clientSecret and organizationId; baseUrl is optional', () => {
    createFormflowClient({ ...credentials, baseUrl: 'https://main.formflow-dev.net', refreshWindowMs: 60_000, tokenStore: memoryTokenStore() });
    // @ts-expect-error clientSecret is required
    createFormflowClient({ clientId: 'client', organizationId: 'org' });
    // @ts-expect-error options are required
    createFormflowClient();
  });
});

describe('getToken', () => {
  it('returns an IssuedToken of the response body', () => {
    expectTypeOf(ff.getToken()).resolves.toEqualTypeOf<FormflowToken>();
    expectTypeOf<FormflowToken>().toEqualTypeOf<IssuedToken<GetTokenResponseDto>>();
    expectTypeOf<FormflowToken['raw']['expires_in']>().toEqualTypeOf<number>();
    void ff.getToken({ forceRefresh: true, signal: new AbortController().signal, timeoutMs: 5000 });
  });

  it('authHeaders gives an Authorization header', () => {
    expectTypeOf(ff.authHeaders()).resolves.toEqualTypeOf<{ Authorization: string }>();
  });
});
