/**
 * Contract tests that do not trust our own sandbox: the clients against Prism mock
 * servers started from each spec in specs/. Prism validates every request against
 * the spec (with --errors, a violation is answered 422 instead of a mock) and
 * answers from the spec's examples. Prism ignores media-type parameters such as
 * `;version=2`, so it cannot judge TransactionLink's v2 bodies: v1 and the login
 * are covered here, v2 by the sandbox tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from '@tokens/core';
import { createFinpayClient } from '@tokens/finpay';
import { createFormflowClient } from '@tokens/formflow';
import { createOneSpanClient } from '@tokens/onespan';
import { createTransactionLinkClient } from '@tokens/transactionlink';
import { freePort } from '@tokens/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const prismBin = fileURLToPath(new URL('../node_modules/.bin/prism', import.meta.url));
const SPECS = ['transactionlink', 'onespan', 'formflow', 'finpay'] as const;
const mocks = new Map<(typeof SPECS)[number], { url: string; process: ChildProcess }>();

/** Starts `prism mock` on a spec and resolves once it listens. */
async function startPrism(spec: string): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(prismBin, ['mock', '--errors', '-h', '127.0.0.1', '-p', String(port), join(repoRoot, 'specs', `${spec}.yaml`)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`prism exited (${code}) before listening:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

beforeAll(async () => {
  const started = await Promise.all(SPECS.map(async (spec) => [spec, await startPrism(spec)] as const));
  for (const [spec, mock] of started) mocks.set(spec, mock);
}, 120_000);

afterAll(() => {
  for (const { process } of mocks.values()) process.kill();
});

const url = (spec: (typeof SPECS)[number]) => mocks.get(spec)!.url;
const noRetries = { maxRetries: 0 };
/**
 * A clock at `iso`: the spec examples' tokens expired long ago (OneSpan's in 2021,
 * Finpay's in 2024), and a token already expired on arrival is refused.
 */
const clockAt = (iso: string) => ({ now: () => Date.parse(iso), sleep: async () => {} });

/** Prism's verdict on a request it refused: the status (the spec's 400 where declared, else 422) and its violations. */
function refusal(result: { error?: ApiError | undefined; response: Response }) {
  return { status: result.error?.status, violations: result.response.headers.get('sl-violations') ?? '' };
}

describe('TransactionLink (v1 and the login; Prism cannot judge v2)', () => {
  it('createWidgetToken v1 with an organization token is a valid request and reads the spec example', async () => {
    const tl = createTransactionLinkClient({ baseUrl: url('transactionlink'), auth: { token: 'tot_contract' }, ...noRetries });
    const token = await tl.createWidgetToken({
      version: 1,
      caseId: '11111111-2222-3333-4444-555555555555',
      workflowDefinitionId: '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c',
    });
    expect(token.tokenType).toBe('Bearer');
    expect(token.raw.expiryDuration).toBe(3600);
    expect(token.token.split('.')).toHaveLength(3);
  });

  it('the key/secret login (POST /auth/authorize) is a valid request, and its token authorizes /token', async () => {
    const tl = createTransactionLinkClient({ baseUrl: url('transactionlink'), auth: { key: 'key_contract', secret: 'secret_contract' }, ...noRetries });
    const token = await tl.createWidgetToken({
      version: 1,
      caseId: '11111111-2222-3333-4444-555555555555',
      workflowDefinitionId: '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c',
    });
    expect(token.raw.tokenType).toBe('Bearer');
  });

  it('Prism does judge: a v1 body without caseId sent through api is refused (422)', async () => {
    const { api } = createTransactionLinkClient({ baseUrl: url('transactionlink'), auth: { token: 'tot_contract' }, ...noRetries });
    const result = await api.POST('/token', { body: { workflowDefinitionId: 'wf' } as never });
    expect(result.error).toBeInstanceOf(ApiError);
    expect(refusal(result).status).toBe(400);
    expect(refusal(result).violations).toContain("required property 'caseId'");
  });
});

describe('OneSpan', () => {
  it('createSessionCreationToken is a valid request and reads the spec example', async () => {
    const onespan = createOneSpanClient({ baseUrl: url('onespan'), accessToken: 'tenant-jwt-contract', clock: clockAt('2021-06-17T14:00:00Z'), ...noRetries });
    const token = await onespan.createSessionCreationToken({ transactionId: 'dcaad720-d1e9-47ba-a76b-a6370ef0373b', role: 'unknown' });
    expect(token.role).toBe('unknown');
    expect(token.expiresAt.toISOString()).toBe('2021-06-17T14:13:19.000Z');
  });

  it('Prism does judge: a role of 33 characters sent through api is refused (422)', async () => {
    const { api } = createOneSpanClient({ baseUrl: url('onespan'), accessToken: 'tenant-jwt-contract', ...noRetries });
    const result = await api.POST('/api/transaction/{transaction_id}/token', {
      params: { path: { transaction_id: 'dcaad720-d1e9-47ba-a76b-a6370ef0373b' } },
      body: { role: 'r'.repeat(33) },
    });
    expect(refusal(result).status).toBe(400);
    expect(refusal(result).violations).toContain('must NOT have more than 32 characters');
  });
});

describe('Formflow', () => {
  it('getToken is a valid request and reads the spec example', async () => {
    const formflow = createFormflowClient({
      baseUrl: url('formflow'),
      clientId: 'client',
      clientSecret: 'secret-contract',
      organizationId: 'org',
      ...noRetries,
    });
    const token = await formflow.getToken();
    expect(token.tokenType).toBe('Bearer');
    expect(token.raw.expires_in).toBe(3600);
  });

  it('Prism does judge: a body without clientSecret sent through api is refused (422)', async () => {
    const { api } = createFormflowClient({ baseUrl: url('formflow'), clientId: 'c', clientSecret: 'secret-contract', organizationId: 'o', ...noRetries });
    const result = await api.POST('/api/token', { body: { clientId: 'c', organizationId: 'o' } as never });
    expect(refusal(result).status).toBe(400);
    expect(refusal(result).violations).toContain("required property 'clientSecret'");
  });
});

describe('Finpay', () => {
  it('getToken (Basic auth, signed body, GMT+7 reqDtime) is a valid request and reads the spec example', async () => {
    const finpay = createFinpayClient({
      baseUrl: url('finpay'),
      username: 'merchant',
      password: 'password-contract',
      secretKey: 'mySecretKey',
      clock: clockAt('2024-08-21T07:27:50Z'),
      ...noRetries,
    });
    const token = await finpay.getToken();
    expect(token.raw.statusCode).toBe('000');
    expect(token.expiresAt.toISOString()).toBe('2024-08-24T09:23:30.000Z');
  });

  it('Prism does judge: a lowercase signature sent through api is refused (422)', async () => {
    const { api } = createFinpayClient({ baseUrl: url('finpay'), username: 'merchant', password: 'password-contract', secretKey: 'mySecretKey', ...noRetries });
    const result = await api.POST('/security/getToken', {
      body: { reqDtime: '20240821142750', requestType: 'getToken', transNumber: 'T1', signature: 'b'.repeat(64) },
    });
    expect(refusal(result).status).toBe(422);
    expect(refusal(result).violations).toContain('must match pattern');
  });
});
