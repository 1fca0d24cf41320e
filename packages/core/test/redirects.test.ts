/**
 * Redirects are never followed (issue 12, point 1): a 3xx is an ApiError with its status
 * and a redacted Location, and nothing reaches the origin it names.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClientOptions } from '../src/index';
import { serve, type LooseClient, type Paths } from './support/runtime-harness';

const SECRET = 'client_secret_0123456789abcdef';
const STATUSES = [301, 302, 303, 307, 308];

function client(baseUrl: string, options: Partial<ApiClientOptions> = {}): LooseClient {
  return createApiClient<Paths>({ provider: 'example', baseUrl, maxRetries: 0, ...options }) as unknown as LooseClient;
}

describe('redirects', () => {
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
