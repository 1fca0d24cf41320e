/**
 * Bad input is a ValidationError listing every problem, thrown before any request:
 * the server behind every case below must see nothing. No message echoes a value.
 */
import { startTestServer, type TestServer } from '@tokens/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOneSpanClient, ValidationError, type OneSpanClientOptions, type SessionCreationTokenInput } from '../src/index';
import { ACCESS_TOKEN, DOCUMENTED_TOKEN, TRANSACTION_ID } from './fixtures';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(() => ({ status: 200, body: { token: DOCUMENTED_TOKEN, role: 'unknown' } }));
});
afterAll(() => server.close());

function caught(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

const ACCESS_TOKEN_ISSUE = { path: 'accessToken', message: 'must be the tenant JWT: a non-empty string without spaces (no "Bearer " prefix)' };
const BASE_URL_ISSUE = { path: 'baseUrl', message: 'must be an absolute http(s) URL' };

describe('createOneSpanClient', () => {
  const cases: [string, unknown, { path: string; message: string }[]][] = [
    ['no accessToken', { baseUrl: 'SERVER' }, [ACCESS_TOKEN_ISSUE]],
    ['an empty accessToken', { baseUrl: 'SERVER', accessToken: '' }, [ACCESS_TOKEN_ISSUE]],
    ['an accessToken with a Bearer prefix', { baseUrl: 'SERVER', accessToken: `Bearer ${ACCESS_TOKEN}` }, [ACCESS_TOKEN_ISSUE]],
    ['an accessToken with a line break', { baseUrl: 'SERVER', accessToken: `${ACCESS_TOKEN}\r\nX-Evil: 1` }, [ACCESS_TOKEN_ISSUE]],
    ['an accessToken that is not a string', { baseUrl: 'SERVER', accessToken: 42 }, [ACCESS_TOKEN_ISSUE]],
    ['no baseUrl (there is no default: the host is per tenant)', { accessToken: ACCESS_TOKEN }, [BASE_URL_ISSUE]],
    ['a relative baseUrl', { baseUrl: '/rpoc-saa', accessToken: ACCESS_TOKEN }, [BASE_URL_ISSUE]],
    ['a baseUrl that is not http(s)', { baseUrl: 'ftp://gs.onespan.cloud', accessToken: ACCESS_TOKEN }, [BASE_URL_ISSUE]],
    // The client's own problems come first, then those of the shared options.
    ['neither baseUrl nor accessToken', {}, [ACCESS_TOKEN_ISSUE, BASE_URL_ISSUE]],
    ['no options at all', undefined, [ACCESS_TOKEN_ISSUE, BASE_URL_ISSUE]],
    [
      'bad common options, listed with the rest',
      { baseUrl: 'SERVER', timeoutMs: 0, maxRetries: -1, headers: { 'x-bad': 'a\nb' } },
      [
        ACCESS_TOKEN_ISSUE,
        { path: 'timeoutMs', message: 'must be a whole number of at least 1' },
        { path: 'maxRetries', message: 'must be a whole number of at least 0' },
        { path: 'headers.x-bad', message: 'is not a valid header' },
      ],
    ],
  ];

  it.each(cases)('%s', (_, options, issues) => {
    const given = options && { ...options, ...((options as { baseUrl?: string }).baseUrl === 'SERVER' ? { baseUrl: server.url } : {}) };
    const error = caught(() => createOneSpanClient(given as OneSpanClientOptions));
    expect(error.issues).toEqual(issues);
    expect(error.provider).toBe('onespan');
    expect(error.message).not.toContain(ACCESS_TOKEN);
    expect(server.requests).toHaveLength(0);
  });
});

describe('createSessionCreationToken', () => {
  const ROLE_ISSUE = { path: 'role', message: 'must be a string of 1 to 32 characters' };
  const cases: [string, unknown, { path: string; message: string }[]][] = [
    ['no transactionId', { role: 'unknown' }, [{ path: 'transactionId', message: 'is required' }]],
    ['an empty transactionId', { transactionId: '' }, [{ path: 'transactionId', message: 'is required' }]],
    ['a transactionId that is not a UUID', { transactionId: 'transaction-1' }, [{ path: 'transactionId', message: 'must be a UUID' }]],
    ['a UUID with extra characters', { transactionId: `${TRANSACTION_ID}/../x` }, [{ path: 'transactionId', message: 'must be a UUID' }]],
    ['a transactionId that is not a string', { transactionId: 42 }, [{ path: 'transactionId', message: 'must be a UUID' }]],
    ['an empty role', { transactionId: TRANSACTION_ID, role: '' }, [ROLE_ISSUE]],
    ['a role of 33 characters', { transactionId: TRANSACTION_ID, role: 'r'.repeat(33) }, [ROLE_ISSUE]],
    ['a role that is not a string', { transactionId: TRANSACTION_ID, role: 7 }, [ROLE_ISSUE]],
    ['a null role', { transactionId: TRANSACTION_ID, role: null }, [ROLE_ISSUE]],
    ['both wrong', { transactionId: 'nope', role: '' }, [{ path: 'transactionId', message: 'must be a UUID' }, ROLE_ISSUE]],
    ['no input at all', undefined, [{ path: 'transactionId', message: 'is required' }]],
  ];

  it.each(cases)('%s', async (_, input, issues) => {
    const os = createOneSpanClient({ baseUrl: server.url, accessToken: ACCESS_TOKEN });
    const failure = await os.createSessionCreationToken(input as SessionCreationTokenInput).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).issues).toEqual(issues);
    expect(server.requests).toHaveLength(0);
  });

  it('accepts roles of 1 and 32 characters (counted as characters: 32 emoji are 32) and an upper-case UUID', async () => {
    const accepting = await startTestServer(() => ({ status: 200, body: { token: DOCUMENTED_TOKEN, role: 'unknown' } }));
    // A clock before the documented token's exp (2021-06-17T14:13:19Z): it is not expired on arrival.
    const os = createOneSpanClient({ baseUrl: accepting.url, accessToken: ACCESS_TOKEN, clock: { now: () => Date.UTC(2021, 5, 17, 14), sleep: async () => {} } });
    const roles = ['r', 'r'.repeat(32), '🙂'.repeat(32)];
    for (const role of roles) await os.createSessionCreationToken({ transactionId: TRANSACTION_ID.toUpperCase(), role });
    await accepting.close();
    expect(accepting.requests.map((r) => JSON.parse(r.body).role)).toEqual(roles);
    expect(accepting.requests[0]!.url).toBe(`/api/transaction/${TRANSACTION_ID.toUpperCase()}/token`);
  });
});
