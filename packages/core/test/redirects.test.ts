/**
 * Redirects are never followed by themselves (issue 12, point 1): a 3xx is an ApiError
 * with its status and a redacted Location, and nothing reaches the origin it names.
 * `followRedirects: 'same-origin'` follows a few redirects on the same origin only.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClientOptions } from '../src/index';
import { serve, type LooseClient, type Paths } from './support/runtime-harness';

const SECRET = 'client_secret_0123456789abcdef';
const STATUSES = [301, 302, 303, 307, 308];

function client(baseUrl: string, options: Partial<ApiClientOptions> = {}): LooseClient {
  return createApiClient<Paths>({ provider: 'example', baseUrl, maxRetries: 0, ...options }) as unknown as LooseClient;
}

describe('without followRedirects', () => {
  it.each(STATUSES)('a %i to another origin is an ApiError; that origin gets no request, the secret goes nowhere', async (status) => {
    const elsewhere = await serve(() => ({ status: 200, body: { token: 'stolen' } }));
    const server = await serve(() => ({ status, headers: { location: `${elsewhere.url}/collect?access_token=${SECRET}` }, body: '' }));
    const { data, error } = await client(server.url).POST('/tokens', { body: { clientSecret: SECRET } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(status);
    expect(error!.message).toContain(`${elsewhere.url}/collect?access_token=%5BREDACTED%5D`); // redactUrl writes the mask URL-encoded
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a same-origin redirect is not followed either', async () => {
    const server = await serve((request) => (request.url === '/tokens' ? { status: 302, headers: { location: '/other' }, body: '' } : { status: 200, body: { ok: true } }));
    const { error } = await client(server.url).GET('/tokens');
    expect(error?.status).toBe(302);
    expect(server.requests.map((r) => r.url)).toEqual(['/tokens']);
  });

  it('a caller’s redirect: "follow" does not turn following on', async () => {
    const elsewhere = await serve(() => ({ status: 200, body: {} }));
    const server = await serve(() => ({ status: 307, headers: { location: elsewhere.url }, body: '' }));
    const api = createApiClient<Paths>({ provider: 'example', baseUrl: server.url, redirect: 'follow' }) as unknown as LooseClient;
    const { error } = await api.POST('/tokens', { body: {}, redirect: 'follow' } as never);
    expect(error?.status).toBe(307);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe("followRedirects: 'same-origin'", () => {
  it('follows a 302 after a POST as a GET without the body, and a 307 with the body', async () => {
    const server = await serve((request) => {
      if (request.url === '/login') return { status: 302, headers: { location: '/session' }, body: '' };
      if (request.url === '/tokens') return { status: 307, headers: { location: '/v2/tokens' }, body: '' };
      return { status: 200, body: { at: request.url, method: request.method } };
    });
    const api = client(server.url, { followRedirects: 'same-origin' });
    const login = await api.POST('/login', { body: { password: SECRET } });
    const tokens = await api.POST('/tokens', { body: { clientSecret: SECRET } });
    expect([login.data, tokens.data]).toEqual([
      { at: '/session', method: 'GET' },
      { at: '/v2/tokens', method: 'POST' },
    ]);
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      `POST /login {"password":"${SECRET}"}`,
      'GET /session ',
      `POST /tokens {"clientSecret":"${SECRET}"}`,
      `POST /v2/tokens {"clientSecret":"${SECRET}"}`,
    ]);
  });

  it.each(STATUSES)('still sends nothing to another origin on a %i', async (status) => {
    const elsewhere = await serve(() => ({ status: 200, body: {} }));
    const server = await serve(() => ({ status, headers: { location: `${elsewhere.url}/tokens` }, body: '' }));
    const { error } = await client(server.url, { followRedirects: 'same-origin' }).POST('/tokens', { body: { clientSecret: SECRET } });
    expect(error?.status).toBe(status);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('follows at most 3 redirects, then the 3xx is the answer', async () => {
    const server = await serve((request) => ({ status: 302, headers: { location: `${request.url}x` }, body: '' }));
    const { error } = await client(server.url, { followRedirects: 'same-origin' }).GET('/a');
    expect(error?.status).toBe(302);
    expect(server.requests.map((r) => r.url)).toEqual(['/a', '/ax', '/axx', '/axxx']);
  });

  it('an unknown value is a ValidationError at creation', () => {
    expect(() => client('https://example.test', { followRedirects: 'always' as never })).toThrow(/followRedirects/);
  });
});
