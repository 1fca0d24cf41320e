/**
 * No secret (organization token, API key and secret, access and refresh tokens,
 * widget token) appears in a thrown error's message, stack, JSON or inspect
 * output, even when the server echoes every secret it received in its answer.
 */
import { inspect } from 'node:util';
import type { RecordedRequest } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, ValidationError } from '../src/index';
import {
  KEY,
  ORG_TOKEN,
  SECRET,
  START,
  accessToken,
  caseId,
  refreshToken,
  rejectionOf,
  startFakeTransactionLink,
  widgetToken,
  workflowDefinitionId,
} from './support/fake-transactionlink';

const SECRETS = [ORG_TOKEN, KEY, SECRET, accessToken(1), refreshToken(1), accessToken(101), refreshToken(101), widgetToken(1)];

/** An ErrorResponse repeating the request's headers and body back, as a careless server might. */
const echo = (status: number) => (request: RecordedRequest) => ({
  status,
  body: {
    fingerprint: 'fp-echo',
    errors: [{ code: 'ECHO', message: `rejected ${request.headers['authorization'] ?? ''} ${request.body}` }],
    request: { headers: request.headers, body: request.body },
  },
});

function expectNoSecrets(error: unknown): void {
  const outputs = [String((error as Error).message), String((error as Error).stack), JSON.stringify(error), inspect(error, { depth: 10 })];
  for (const output of outputs) for (const secret of SECRETS) expect(output).not.toContain(secret);
}

describe.each([401, 400, 404])('answers with %i', (status) => {
  it('organization token: POST /token', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', echo(status));
    const error = await rejectionOf(tl.client({ auth: { token: ORG_TOKEN } }).createWidgetToken({ workflowDefinitionId }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect(String((error as ApiError).message)).toContain('[REDACTED]');
    expectNoSecrets(error);
  });

  it('key/secret: POST /auth/authorize', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/auth/authorize', echo(status));
    const error = await rejectionOf(tl.client({ auth: { key: KEY, secret: SECRET } }).createWidgetToken({ workflowDefinitionId }));
    expect((error as ApiError).status).toBe(status);
    expect(tl.calls()).toEqual(['POST /auth/authorize']);
    expectNoSecrets(error);
  });

  it('key/secret: POST /token with the access token', async () => {
    const tl = await startFakeTransactionLink();
    tl.on('/token', echo(status));
    const error = await rejectionOf(tl.client({ auth: { key: KEY, secret: SECRET } }).createWidgetToken({ version: 1, caseId, workflowDefinitionId }));
    expect((error as ApiError).status).toBe(status);
    expectNoSecrets(error);
  });

  it('key/secret: POST /auth/refresh refused, then POST /auth/authorize refused', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth: { key: KEY, secret: SECRET } });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.on('/auth/refresh', echo(status));
    tl.on('/auth/authorize', echo(status));
    tl.now = START + 2 * 3600_000;
    const error = await rejectionOf(client.createWidgetToken({ workflowDefinitionId }));
    expect((error as ApiError).status).toBe(status);
    expect(tl.calls().slice(2)).toEqual(['POST /auth/refresh', 'POST /auth/authorize']);
    expectNoSecrets(error);
  });

  it('key/secret: a refreshed access token refused at POST /token', async () => {
    const tl = await startFakeTransactionLink();
    const client = tl.client({ auth: { key: KEY, secret: SECRET } });
    await client.createWidgetToken({ workflowDefinitionId });
    tl.now = START + 2 * 3600_000;
    tl.on('/token', echo(status));
    const error = await rejectionOf(client.createWidgetToken({ workflowDefinitionId }));
    expect(tl.requests.at(-1)!.headers['authorization']).toMatch(/^Bearer access_token_/);
    expectNoSecrets(error);
  });
});

it('a widget token in an unusable 201 answer stays out of the error', async () => {
  const tl = await startFakeTransactionLink();
  tl.on('/token', () => ({ status: 201, body: { id: 'wt_1', token: widgetToken(1), tokenType: 'Bearer', expiryDuration: 'soon' } }));
  const error = await rejectionOf(tl.client({ auth: { token: ORG_TOKEN } }).createWidgetToken({ workflowDefinitionId }));
  expect((error as ApiError).status).toBe(201);
  expectNoSecrets(error);
});

it('an unusable login answer keeps the access and refresh tokens out of the error', async () => {
  const tl = await startFakeTransactionLink();
  tl.on('/auth/authorize', () => ({ status: 200, body: { accessToken: accessToken(1), refreshToken: refreshToken(1), tokenType: 'Bearer' } }));
  const error = await rejectionOf(tl.client({ auth: { key: KEY, secret: SECRET } }).createWidgetToken({ workflowDefinitionId }));
  expect((error as ApiError).message).toBe('transactionlink: HTTP 200: the answer lacks accessToken, expiryDuration');
  expectNoSecrets(error);
});

it('ValidationErrors do not quote the secrets either', async () => {
  const tl = await startFakeTransactionLink();
  let error: unknown;
  try {
    tl.client({ auth: { token: `${ORG_TOKEN}\nx-evil: 1` } });
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expectNoSecrets(error);
});
