/**
 * Bad input is a ValidationError listing every problem, thrown before any
 * request: the server on 127.0.0.1 sees nothing (no login, no /token), and no
 * message quotes the offending value.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError, createTransactionLinkClient, type TransactionLinkClientOptions, type WidgetTokenInput } from '../src/index';
import {
  KEY,
  ORG_TOKEN,
  SECRET,
  caseId,
  rejectionOf,
  startFakeTransactionLink,
  thrownBy,
  workflowDefinitionId,
} from './support/fake-transactionlink';

const BAD = 'not-a-uuid-7f3a91';

function expectIssues(error: unknown, issues: { path: string; message: string }[]): void {
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).provider).toBe('transactionlink');
  expect((error as ValidationError).issues).toEqual(issues);
  expect((error as ValidationError).message).not.toContain(BAD);
}

describe('createTransactionLinkClient options', () => {
  const required = 'is required: { token } or { key, secret }';
  const nonEmpty = 'must be a non-empty string';
  const cases: [string, unknown, { path: string; message: string }[]][] = [
    ['no options at all', undefined, [{ path: 'auth', message: required }]],
    ['no auth', {}, [{ path: 'auth', message: required }]],
    ['auth not an object', { auth: 'tot_abc' }, [{ path: 'auth', message: required }]],
    ['auth empty', { auth: {} }, [{ path: 'auth.token', message: 'is required' }]],
    ['token and key/secret together', { auth: { token: ORG_TOKEN, key: KEY, secret: SECRET } }, [{ path: 'auth', message: 'takes token, or key and secret, not both' }]],
    ['token and key together', { auth: { token: ORG_TOKEN, key: KEY } }, [{ path: 'auth', message: 'takes token, or key and secret, not both' }]],
    ['empty token', { auth: { token: '' } }, [{ path: 'auth.token', message: nonEmpty }]],
    ['token not a string', { auth: { token: 42 } }, [{ path: 'auth.token', message: nonEmpty }]],
    ['empty key and secret', { auth: { key: '', secret: '' } }, [{ path: 'auth.key', message: nonEmpty }, { path: 'auth.secret', message: nonEmpty }]],
    ['key without secret', { auth: { key: KEY } }, [{ path: 'auth.secret', message: 'is required' }]],
    ['secret without key', { auth: { secret: SECRET } }, [{ path: 'auth.key', message: 'is required' }]],
    ['a scheme that is not a string', { auth: { token: ORG_TOKEN, scheme: 1 } }, [{ path: 'auth.scheme', message: 'must be a string' }]],
    ['a scheme with key/secret', { auth: { key: KEY, secret: SECRET, scheme: 'Bearer' } }, [{ path: 'auth.scheme', message: 'is not an auth field' }]],
    ['an unknown auth field', { auth: { token: ORG_TOKEN, password: BAD } }, [{ path: 'auth.password', message: 'is not an auth field' }]],
    ['a negative refreshWindowMs', { auth: { key: KEY, secret: SECRET }, refreshWindowMs: -1 }, [{ path: 'refreshWindowMs', message: 'must be a whole number of at least 0' }]],
    [
      'bad auth and a relative baseUrl, listed together',
      { auth: { token: '' }, baseUrl: '/api' },
      [
        { path: 'auth.token', message: nonEmpty },
        { path: 'baseUrl', message: 'must be an absolute http(s) URL' },
      ],
    ],
  ];

  it.each(cases)('%s', (_, options, issues) => {
    expectIssues(thrownBy(() => createTransactionLinkClient(options as TransactionLinkClientOptions)), issues);
  });
});

describe('createWidgetToken input', () => {
  const uuid = 'must be a uuid';
  const nonEmpty = 'must be a non-empty string';
  const cases: [string, unknown, { path: string; message: string }[]][] = [
    ['no input', undefined, [{ path: 'input', message: 'must be an object' }]],
    ['input not an object', 'wd', [{ path: 'input', message: 'must be an object' }]],
    ['version 3', { version: 3, workflowDefinitionId }, [{ path: 'version', message: 'must be 1 or 2' }]],
    ['version "2" (a string)', { version: '2', workflowDefinitionId }, [{ path: 'version', message: 'must be 1 or 2' }]],
    ['version 0', { version: 0, caseId, workflowDefinitionId }, [{ path: 'version', message: 'must be 1 or 2' }]],
    // version 2
    ['v2 without workflowDefinitionId', {}, [{ path: 'workflowDefinitionId', message: 'is required' }]],
    ['v2 workflowDefinitionId not a uuid', { workflowDefinitionId: BAD }, [{ path: 'workflowDefinitionId', message: uuid }]],
    ['v2 workflowDefinitionId a uuid with braces', { workflowDefinitionId: `{${workflowDefinitionId}}` }, [{ path: 'workflowDefinitionId', message: uuid }]],
    ['v2 workflowDefinitionId not a string', { workflowDefinitionId: 7 }, [{ path: 'workflowDefinitionId', message: uuid }]],
    ['v2 recordId not a uuid', { workflowDefinitionId, recordId: BAD }, [{ path: 'recordId', message: uuid }]],
    ['v2 recordId empty', { workflowDefinitionId, recordId: '' }, [{ path: 'recordId', message: uuid }]],
    ['v2 parametersId not a uuid', { version: 2, workflowDefinitionId, parametersId: BAD }, [{ path: 'parametersId', message: uuid }]],
    ['v2 with caseId', { workflowDefinitionId, caseId }, [{ path: 'caseId', message: 'is not a version 2 field' }]],
    ['v2 with lang (a v1 field)', { workflowDefinitionId, lang: 'en' }, [{ path: 'lang', message: 'is not a version 2 field' }]],
    ['v2 with an unknown field', { workflowDefinitionId, workflowId: BAD }, [{ path: 'workflowId', message: 'is not a version 2 field' }]],
    [
      'v2 with every problem at once',
      { workflowDefinitionId: BAD, recordId: BAD, parametersId: BAD, caseId },
      [
        { path: 'caseId', message: 'is not a version 2 field' },
        { path: 'workflowDefinitionId', message: uuid },
        { path: 'recordId', message: uuid },
        { path: 'parametersId', message: uuid },
      ],
    ],
    // version 1
    ['v1 without caseId', { version: 1, workflowDefinitionId }, [{ path: 'caseId', message: 'is required' }]],
    ['v1 caseId not a uuid', { version: 1, caseId: BAD, workflowDefinitionId }, [{ path: 'caseId', message: uuid }]],
    ['v1 without workflowDefinitionId', { version: 1, caseId }, [{ path: 'workflowDefinitionId', message: 'is required' }]],
    ['v1 workflowDefinitionId empty', { version: 1, caseId, workflowDefinitionId: '' }, [{ path: 'workflowDefinitionId', message: nonEmpty }]],
    ['v1 parametersId not a string', { version: 1, caseId, workflowDefinitionId, parametersId: 5 }, [{ path: 'parametersId', message: nonEmpty }]],
    ['v1 lang not a string', { version: 1, caseId, workflowDefinitionId, lang: ['en'] }, [{ path: 'lang', message: nonEmpty }]],
    ['v1 with recordId (a v2 field)', { version: 1, caseId, workflowDefinitionId, recordId: caseId }, [{ path: 'recordId', message: 'is not a version 1 field' }]],
    ['v1 with an unknown field', { version: 1, caseId, workflowDefinitionId, language: 'en' }, [{ path: 'language', message: 'is not a version 1 field' }]],
    [
      'v1 with every problem at once',
      { version: 1, caseId: BAD, workflowDefinitionId: '', lang: 1, extra: true },
      [
        { path: 'extra', message: 'is not a version 1 field' },
        { path: 'caseId', message: uuid },
        { path: 'workflowDefinitionId', message: nonEmpty },
        { path: 'lang', message: nonEmpty },
      ],
    ],
  ];

  describe.each([
    ['organization token', { token: ORG_TOKEN }],
    ['key/secret login', { key: KEY, secret: SECRET }],
  ] as const)('with %s', (_, auth) => {
    it.each(cases)('%s: ValidationError, no request', async (_, input, issues) => {
      const tl = await startFakeTransactionLink();
      const error = await rejectionOf(tl.client({ auth }).createWidgetToken(input as WidgetTokenInput));
      expectIssues(error, issues);
      expect(tl.requests).toEqual([]);
    });

    it('bad call options (timeoutMs: 0): ValidationError, no request, no login', async () => {
      const tl = await startFakeTransactionLink();
      const error = await rejectionOf(tl.client({ auth }).createWidgetToken({ workflowDefinitionId }, { timeoutMs: 0 }));
      expectIssues(error, [{ path: 'timeoutMs', message: 'must be a whole number of at least 1' }]);
      expect(tl.requests).toEqual([]);
    });
  });

  it('a token that cannot be a header value: ValidationError when the client is created, no request', async () => {
    const tl = await startFakeTransactionLink();
    let error: unknown;
    try {
      tl.client({ auth: { token: `${ORG_TOKEN}\r\nx-injected: 1` } });
    } catch (thrown) {
      error = thrown;
    }
    expectIssues(error, [{ path: 'headers.authorization', message: 'is not a valid header' }]);
    expect(tl.requests).toEqual([]);
  });
});
