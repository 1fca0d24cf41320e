/**
 * Bad input is a ValidationError listing every problem, thrown before any request:
 * the server behind every case below must see nothing. No message echoes a value.
 */
import { startTestServer, type TestServer } from '@tokens/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormflowClient, ValidationError, type FormflowClientOptions, type GetTokenOptions } from '../src/index';
import { CREDENTIALS } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(() => ({ status: 200, body: { token: 't', token_type: 'Bearer', expires_in: 3600 } }));
});
afterAll(() => server.close());

const required = (path: string) => ({ path, message: 'must be a non-empty string' });

describe('createFormflowClient', () => {
  const cases: [string, Record<string, unknown> | undefined, { path: string; message: string }[]][] = [
    ['no clientId', { clientId: undefined }, [required('clientId')]],
    ['an empty clientSecret', { clientSecret: '' }, [required('clientSecret')]],
    ['a blank organizationId', { organizationId: '   ' }, [required('organizationId')]],
    ['a clientId that is not a string', { clientId: 7 }, [required('clientId')]],
    ['a clientSecret that is not a string', { clientSecret: { value: 'x' } }, [required('clientSecret')]],
    ['a negative refreshWindowMs', { refreshWindowMs: -1 }, [{ path: 'refreshWindowMs', message: 'must be a number of milliseconds, at least 0' }]],
    ['an infinite refreshWindowMs', { refreshWindowMs: Infinity }, [{ path: 'refreshWindowMs', message: 'must be a number of milliseconds, at least 0' }]],
    ['a relative baseUrl', { baseUrl: '/api' }, [{ path: 'baseUrl', message: 'must be an absolute http(s) URL' }]],
    ['a baseUrl with credentials', { baseUrl: 'https://user:pw@main.formflow-dev.net' }, [
      { path: 'baseUrl', message: 'must not hold credentials (user:password@): pass them as headers' },
    ]],
    [
      'everything wrong at once',
      { clientId: '', clientSecret: undefined, organizationId: null, timeoutMs: 0, maxRetries: 1.5 },
      [required('clientId'), required('clientSecret'), required('organizationId'),
        { path: 'timeoutMs', message: 'must be a whole number of at least 1' },
        { path: 'maxRetries', message: 'must be a whole number of at least 0' }],
    ],
    ['no options at all', undefined, [required('clientId'), required('clientSecret'), required('organizationId')]],
  ];

  it.each(cases)('%s', (_, overrides, issues) => {
    const options = overrides && { ...CREDENTIALS, baseUrl: server.url, ...overrides };
    let failure: unknown;
    try {
      createFormflowClient(options as FormflowClientOptions);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).issues).toEqual(issues);
    expect((failure as ValidationError).provider).toBe('formflow');
    expect((failure as ValidationError).message).not.toContain(CREDENTIALS.clientSecret);
    expect(server.requests).toHaveLength(0);
  });
});

describe('getToken', () => {
  it.each([0, -5, 1.5, Number.NaN, '1000'])('refuses timeoutMs %s', async (timeoutMs) => {
    const ff = createFormflowClient({ ...CREDENTIALS, baseUrl: server.url });
    const failure = await ff.getToken({ timeoutMs } as GetTokenOptions).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).issues).toEqual([{ path: 'timeoutMs', message: 'must be a whole number of at least 1' }]);
    expect(server.requests).toHaveLength(0);
  });
});
