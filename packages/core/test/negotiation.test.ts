/** Headers sent for a vendor media type chosen per call, and for a call without a body. */
import { startTestServer, type TestServer } from '@tokens/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiClient } from '../src/index';
import type { paths } from './fixtures/vendor-json';

const widgetV2 = { name: 'w', palette: ['red'] };
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(() => ({ status: 200, headers: { 'content-type': 'application/vnd.acme.v2+json' }, body: widgetV2 }));
});
afterAll(() => server.close());

const api = () => createApiClient<paths>({ provider: 'acme', baseUrl: `${server.url}/api/` });

it('sends a chosen vendor media type as Content-Type and Accept, and reads its +json answer', async () => {
  const { data, error } = await api().PUT('/widgets/{id}', {
    mediaType: 'application/vnd.acme.v2+json',
    params: { path: { id: 'w 1' } },
    body: widgetV2,
  });
  const sent = server.requests.at(-1)!;
  expect(sent.method).toBe('PUT');
  expect(sent.url).toBe('/api/widgets/w%201');
  expect(sent.headers['content-type']).toBe('application/vnd.acme.v2+json');
  expect(sent.headers['accept']).toBe('application/vnd.acme.v2+json');
  expect(JSON.parse(sent.body)).toEqual(widgetV2);
  expect(error).toBeUndefined();
  expect(data).toEqual(widgetV2);
});

it('sends Accept but no Content-Type and no body when the call has no body', async () => {
  await api().GET('/widgets/{id}', { mediaType: 'application/vnd.acme.v2+json', params: { path: { id: 'w1' } } });
  const sent = server.requests.at(-1)!;
  expect(sent.method).toBe('GET');
  expect(sent.headers['accept']).toBe('application/vnd.acme.v2+json');
  expect(sent.headers['content-type']).toBeUndefined();
  expect(sent.body).toBe('');
});

it('calls a headers function once per call, after the call options were found valid', async () => {
  let calls = 0;
  const client = createApiClient<paths>({
    provider: 'acme',
    baseUrl: server.url,
    headers: async () => ({ authorization: `Bearer token-${++calls}` }),
  });
  await client.GET('/widgets/{id}', { params: { path: { id: 'a' } } });
  await client.GET('/widgets/{id}', { params: { path: { id: 'b' } } });
  expect(server.requests.slice(-2).map((r) => r.headers['authorization'])).toEqual(['Bearer token-1', 'Bearer token-2']);
  // @ts-expect-error version 0 is refused before the headers function runs
  await expect(client.GET('/widgets/{id}', { version: 0, params: { path: { id: 'c' } } })).rejects.toThrow('version must be a positive whole number');
  expect(calls).toBe(2);
});

it('sends the authorization option as the only Authorization header, whatever the case of the ones in headers', async () => {
  const client = createApiClient<paths>({
    provider: 'acme',
    baseUrl: server.url,
    headers: { Authorization: 'Bearer from-headers', authorization: 'Bearer lower-case' },
    authorization: async () => 'Bearer from-option',
  });
  await client.GET('/widgets/{id}', { params: { path: { id: 'a' } }, headers: { AUTHORIZATION: 'Bearer per-call' } });
  expect(server.requests.at(-1)!.headers['authorization']).toBe('Bearer from-option');
});

it('refuses a fixed authorization value that is not a valid header when the client is created', () => {
  expect(() => createApiClient<paths>({ provider: 'acme', baseUrl: server.url, authorization: 'Bearer a\nb' })).toThrow(
    'authorization is not a valid header',
  );
});

it('refuses an authorization function\'s value that is not a valid header with a ValidationError, sending nothing', async () => {
  const before = server.requests.length;
  const client = createApiClient<paths>({ provider: 'acme', baseUrl: server.url, authorization: async () => 'Bearer a\r\nX-Injected: 1' });
  await expect(client.GET('/widgets/{id}', { params: { path: { id: 'a' } } })).rejects.toThrow('authorization is not a valid header');
  expect(server.requests.length).toBe(before);
});

it.each([
  ['a control character', 'x\u0001y'],
  ['a character past Latin-1', 'x\u0100y'],
  ['a name with a space', 'ok'],
])('refuses a header with %s before sending anything', async (_, value) => {
  const before = server.requests.length;
  const name = value === 'ok' ? 'X Bad' : 'x-custom';
  const client = createApiClient<paths>({ provider: 'acme', baseUrl: server.url });
  await expect(client.GET('/widgets/{id}', { params: { path: { id: 'a' } }, headers: { [name]: value } })).rejects.toThrow(
    `headers.${name} is not a valid header`,
  );
  expect(server.requests.length).toBe(before);
});

it('sends header values with their outer whitespace trimmed, as fetch does', async () => {
  const client = createApiClient<paths>({ provider: 'acme', baseUrl: server.url, headers: { 'X-Trace': '  t1\n' } });
  await client.GET('/widgets/{id}', { params: { path: { id: 'a' } } });
  expect(server.requests.at(-1)!.headers['x-trace']).toBe('t1');
});

it('throws the issues a provider found beside its own in one ValidationError', () => {
  expect(() =>
    createApiClient<paths>({ provider: 'acme', baseUrl: 'relative', issues: [{ path: 'clientId', message: 'is required' }] }),
  ).toThrow('Invalid input: clientId is required; baseUrl must be an absolute http(s) URL');
});
