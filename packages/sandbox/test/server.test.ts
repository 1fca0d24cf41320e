/**
 * The sandbox server itself, over real HTTP with plain fetch: what
 * startSandbox() hands back and its options, routing (404 / 405), the body
 * limit (413), x-request-id on every answer, and close().
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fixtures, startSandbox } from '../src/index';
import { UUID, basic, finpayBody, jakartaTime, post, requestIdOf, sandbox, send, type Answer } from './support/sandbox';

const PROVIDERS = ['transactionlink', 'onespan', 'formflow', 'finpay'] as const;
const OPERATIONS = {
  transactionlink: '/token',
  onespan: '/api/transaction/dcaad720-d1e9-47ba-a76b-a6370ef0373b/token',
  formflow: '/api/token',
  finpay: '/security/getToken',
} as const;

function expectMessage(answer: Answer, status: number, message: string): void {
  expect({ status: answer.status, body: answer.body }).toStrictEqual({ status, body: { message } });
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  requestIdOf(answer);
}

/** Whether this machine can listen on `host` (127.0.0.2 is not a loopback address on macOS; CI may lack IPv6). */
async function canListenOn(host: string): Promise<boolean> {
  const probe = createServer();
  return new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, host, () => probe.close(() => resolve(true)));
  });
}
const hasLoopback2 = await canListenOn('127.0.0.2');
const hasIpv6Loopback = await canListenOn('::1');

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('startSandbox()', () => {
  it('listens on 127.0.0.1 at a free port and gives each provider its base URL', async () => {
    const { sb } = await sandbox();
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(sb.url).port)).toBeGreaterThan(0);
    expect(sb.urls).toStrictEqual({
      transactionlink: `${sb.url}/transactionlink`,
      onespan: `${sb.url}/onespan`,
      formflow: `${sb.url}/formflow`,
      finpay: `${sb.url}/finpay`,
    });
    expect(sb.fixtures).toStrictEqual(fixtures);
    expect(fixtures).toStrictEqual({
      transactionlinkMissingId: '00000000-0000-4000-8000-000000000404',
      onespanInvalidTransactionId: '00000000-0000-4000-8000-000000000400',
    });
  });

  it('makes random credentials for every provider, different for every sandbox', async () => {
    const { sb: one } = await sandbox();
    const { sb: two } = await sandbox();
    const shape = {
      transactionlink: { auth: { token: expect.stringMatching(/^tot_[0-9a-f]+$/) } },
      transactionlinkLogin: { auth: { key: expect.stringMatching(/^key_[0-9a-f]+$/), secret: expect.stringMatching(/^[0-9a-f]+$/) } },
      onespan: { accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) },
      formflow: {
        clientId: expect.stringMatching(/^client_[0-9a-f]+$/),
        clientSecret: expect.stringMatching(/^[0-9a-f]+$/),
        organizationId: expect.stringMatching(/^org_[0-9a-f]+$/),
      },
      finpay: { username: expect.stringMatching(/^merchant_[0-9a-f]+$/), password: expect.stringMatching(/^[0-9a-f]+$/), secretKey: expect.any(String) },
    };
    expect(one.credentials).toStrictEqual(shape);
    expect(two.credentials).toStrictEqual(shape);
    expect(one.credentials.transactionlink.auth.token).not.toBe(two.credentials.transactionlink.auth.token);
    expect(one.credentials.formflow.clientSecret).not.toBe(two.credentials.formflow.clientSecret);
    expect(one.credentials.finpay.secretKey).not.toBe(two.credentials.finpay.secretKey);
    // One sandbox's credentials are not another's.
    const answer = await post(`${two.urls.formflow}/api/token`, one.credentials.formflow);
    expect(answer.status).toBe(401);
  });

  it('listens on the port given', async () => {
    const port = await freePort();
    const { sb } = await sandbox({ port });
    expect(sb.url).toBe(`http://127.0.0.1:${port}`);
    expect((await post(`${sb.urls.formflow}/api/token`, sb.credentials.formflow)).status).toBe(200);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const { sb } = await sandbox();
    const port = Number(new URL(sb.url).port);
    await expect(startSandbox({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it.skipIf(!hasLoopback2)('listens on the host given', async () => {
    const { sb } = await sandbox({ host: '127.0.0.2' });
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect((await post(`${sb.urls.formflow}/api/token`, sb.credentials.formflow)).status).toBe(200);
  });

  it.skipIf(!hasIpv6Loopback)('writes an IPv6 host in brackets, so that url is a usable URL', async () => {
    const { sb } = await sandbox({ host: '::1' });
    expect(sb.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await post(`${sb.urls.formflow}/api/token`, sb.credentials.formflow)).status).toBe(200);
  });

  it('close() resolves with a kept-alive connection open, and the port is closed after it', async () => {
    const sb = await startSandbox();
    expect((await post(`${sb.urls.formflow}/api/token`, sb.credentials.formflow)).status).toBe(200);
    await sb.close();
    await expect(fetch(`${sb.urls.formflow}/api/token`, { method: 'POST' })).rejects.toThrow(TypeError);
  });

  it('keeps each sandbox its own state: a transNumber used in one is new in another', async () => {
    const credentials = { finpay: { username: 'm', password: 'p', secretKey: 'mySecretKey' } };
    const { sb: one, clock } = await sandbox({ credentials });
    const { sb: two } = await sandbox({ credentials });
    const body = finpayBody('mySecretKey', { reqDtime: jakartaTime(clock.ms), transNumber: 'SAME' });
    const first = await post(`${one.urls.finpay}/security/getToken`, body, { authorization: basic('m', 'p') });
    const again = await post(`${one.urls.finpay}/security/getToken`, body, { authorization: basic('m', 'p') });
    const elsewhere = await post(`${two.urls.finpay}/security/getToken`, body, { authorization: basic('m', 'p') });
    expect([first, again, elsewhere].map((a) => (a.body as { statusCode: string }).statusCode)).toStrictEqual(['000', '003', '000']);
  });
});

describe('routing', () => {
  it('answers 404 for a path under no provider', async () => {
    const { sb } = await sandbox();
    expectMessage(await post(`${sb.url}/stripe/v1/tokens`, {}), 404, 'No provider at /stripe');
    expectMessage(await send(`${sb.url}/`), 404, 'No provider at /');
    expectMessage(await post(`${sb.url}/token`, {}), 404, 'No provider at /token');
    expectMessage(await post(`${sb.url}/TransactionLink/token`, {}), 404, 'No provider at /TransactionLink');
  });

  it('answers 404 for a path that is no operation of the provider', async () => {
    const { sb } = await sandbox();
    expectMessage(await post(`${sb.urls.transactionlink}/tokens`, {}), 404, 'No transactionlink operation at /tokens');
    expectMessage(await post(`${sb.urls.transactionlink}/token/`, {}), 404, 'No transactionlink operation at /token/');
    expectMessage(await post(sb.urls.transactionlink, {}), 404, 'No transactionlink operation at /');
    expectMessage(await post(`${sb.urls.onespan}/api/transaction/token`, {}), 404, 'No onespan operation at /api/transaction/token');
    expectMessage(await post(`${sb.urls.formflow}/api/submissions`, {}), 404, 'No formflow operation at /api/submissions');
    expectMessage(await post(`${sb.urls.finpay}/widget/topup`, {}), 404, 'No finpay operation at /widget/topup');
  });

  it('ignores the query string', async () => {
    const { sb } = await sandbox();
    expect((await post(`${sb.urls.formflow}/api/token?debug=1`, sb.credentials.formflow)).status).toBe(200);
  });

  it.each(PROVIDERS)('answers 405 for another method on the %s operation', async (provider) => {
    const { sb } = await sandbox();
    const path = OPERATIONS[provider];
    expectMessage(await send(`${sb.urls[provider]}${path}`), 405, `GET is not allowed on ${path}`);
    expectMessage(await send(`${sb.urls[provider]}${path}`, { method: 'PUT', body: '{}' }), 405, `PUT is not allowed on ${path}`);
    expectMessage(await send(`${sb.urls[provider]}${path}`, { method: 'DELETE' }), 405, `DELETE is not allowed on ${path}`);
  });

  it('names the allowed method in an Allow header on 405 (RFC 9110 §15.5.6)', async () => {
    const { sb } = await sandbox();
    const answer = await send(`${sb.urls.formflow}/api/token`);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
  });
});

describe('request body limit', () => {
  it.each(PROVIDERS)('answers 413 for a %s body over maxBodyBytes (before auth), and takes one of exactly maxBodyBytes', async (provider) => {
    const { sb } = await sandbox({ maxBodyBytes: 100 });
    const url = `${sb.urls[provider]}${OPERATIONS[provider]}`;
    const over = await post(url, JSON.stringify({ padding: 'x'.repeat(101 - 14) }));
    expectMessage(over, 413, 'Request bodies are limited to 100 bytes');
    expect(over.headers.get('connection')).toBe('close');
    const exact = await post(url, JSON.stringify({ padding: 'x'.repeat(100 - 14) }));
    expect(exact.status).not.toBe(413);
    expect([400, 401]).toContain(exact.status);
  });

  it('answers 413 for a chunked body (no Content-Length) that grows over maxBodyBytes', async () => {
    const { sb } = await sandbox({ maxBodyBytes: 100 });
    const chunk = new TextEncoder().encode(`{"clientId":"${'x'.repeat(60)}`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const answer = await send(`${sb.urls.formflow}/api/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expectMessage(answer, 413, 'Request bodies are limited to 100 bytes');
  });

  it('limits bodies to 64 KiB by default', async () => {
    const { sb } = await sandbox();
    const url = `${sb.urls.formflow}/api/token`;
    const fill = (size: number) => JSON.stringify({ ...sb.credentials.formflow, padding: '' }).replace('"padding":""', (p) => `"padding":"${'x'.repeat(size)}"`);
    const base = fill(0).length;
    expect((await post(url, fill(64 * 1024 - base))).status).toBe(200);
    expectMessage(await post(url, fill(64 * 1024 - base + 1)), 413, 'Request bodies are limited to 65536 bytes');
  });
});

describe('x-request-id', () => {
  it('is on every answer, success or not, and new for each', async () => {
    const { sb } = await sandbox({ maxBodyBytes: 1000, settings: { formflowRequestsPerMinute: 1 } });
    const answers = [
      await post(`${sb.urls.formflow}/api/token`, sb.credentials.formflow), // 200
      await post(`${sb.urls.formflow}/api/token`, sb.credentials.formflow), // 429
      await post(`${sb.urls.transactionlink}/token`, { caseId: fixtures.transactionlinkMissingId, workflowDefinitionId: 'w' }, {
        authorization: `Bearer ${sb.credentials.transactionlink.auth.token}`,
      }), // 404
      await post(`${sb.urls.transactionlink}/token`, {}), // 401
      await post(`${sb.urls.onespan}${OPERATIONS.onespan}`, '{', { authorization: `Bearer ${sb.credentials.onespan.accessToken}` }), // 400
      await send(`${sb.urls.finpay}/security/getToken`), // 405
      await send(`${sb.url}/nowhere`), // 404
      await post(`${sb.urls.finpay}/security/getToken`, 'x'.repeat(1001)), // 413
    ];
    expect(answers.map((a) => a.status)).toStrictEqual([200, 429, 404, 401, 400, 405, 404, 413]);
    const ids = answers.map((answer) => answer.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
