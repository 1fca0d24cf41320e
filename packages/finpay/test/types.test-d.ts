import { describe, expectTypeOf, it } from 'vitest';
import {
  createFinpayClient,
  signFinpayRequest,
  type ApiError,
  type FinpayClient,
  type FinpayToken,
  type GetTokenResponse,
  type IssuedToken,
  type KeyHexCase,
} from '../src/index';

const client = createFinpayClient({ username: 'u', password: 'p', secretKey: 's' });

describe('createFinpayClient', () => {
  it('requires username, password and secretKey', () => {
    // @ts-expect-error no credentials
    createFinpayClient({});
    // @ts-expect-error secretKey missing
    createFinpayClient({ username: 'u', password: 'p' });
    expectTypeOf(client).toEqualTypeOf<FinpayClient>();
  });

  it('takes keyHexCase upper or lower only', () => {
    createFinpayClient({ username: 'u', password: 'p', secretKey: 's', keyHexCase: 'lower' });
    // @ts-expect-error not a key hex case
    createFinpayClient({ username: 'u', password: 'p', secretKey: 's', keyHexCase: 'UPPER' });
    expectTypeOf<KeyHexCase>().toEqualTypeOf<'upper' | 'lower'>();
  });

  it('takes the common client options', () => {
    createFinpayClient({
      username: 'u',
      password: 'p',
      secretKey: 's',
      baseUrl: 'https://example.test',
      timeoutMs: 1000,
      maxRetries: 0,
      headers: { 'x-a': 'b' },
      fetch: globalThis.fetch,
      log: () => {},
      refreshWindowMs: 0,
      tokenExpiryUtcOffsetMinutes: 420,
    });
  });
});

describe('getToken', () => {
  it('resolves to an IssuedToken of the success answer, with its transNumber', () => {
    expectTypeOf(client.getToken()).resolves.toEqualTypeOf<FinpayToken>();
    expectTypeOf<FinpayToken>().toMatchTypeOf<IssuedToken<GetTokenResponse>>();
    expectTypeOf<FinpayToken['tokenType']>().toEqualTypeOf<'tokenID'>();
    expectTypeOf<FinpayToken['raw']['tokenID']>().toEqualTypeOf<string>();
    expectTypeOf<FinpayToken['raw']['statusCode']>().toEqualTypeOf<'000'>();
    expectTypeOf<FinpayToken['transNumber']>().toEqualTypeOf<string>();
    expectTypeOf<FinpayToken['expiresAt']>().toEqualTypeOf<Date>();
  });

  it('takes transNumber, forceRefresh, signal and timeoutMs', () => {
    void client.getToken({ transNumber: 'A1', forceRefresh: true, signal: new AbortController().signal, timeoutMs: 5 });
    // @ts-expect-error transNumber is text
    void client.getToken({ transNumber: 1 });
  });
});

describe('signFinpayRequest', () => {
  it('is synchronous and returns the signature text', () => {
    expectTypeOf(signFinpayRequest({ a: 'b' }, 'k')).toEqualTypeOf<string>();
    expectTypeOf(signFinpayRequest).parameter(2).toEqualTypeOf<{ keyHexCase?: KeyHexCase } | undefined>();
    // @ts-expect-error field values are text
    signFinpayRequest({ a: 1 }, 'k');
  });
});

describe('client.api', () => {
  it('types the getToken body and answer from the spec', async () => {
    const { data, error } = await client.api.POST('/security/getToken', {
      body: { reqDtime: '20240821142750', requestType: 'getToken', transNumber: 'T1', signature: 'S' },
    });
    expectTypeOf(data).toEqualTypeOf<GetTokenResponse | undefined>();
    expectTypeOf(error).toEqualTypeOf<ApiError<unknown> | undefined>();
    // @ts-expect-error requestType is "getToken"
    await client.api.POST('/security/getToken', { body: { reqDtime: '1', requestType: 'other', transNumber: 'T', signature: 'S' } });
  });
});
