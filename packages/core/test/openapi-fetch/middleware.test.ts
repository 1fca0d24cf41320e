/** openapi-fetch's middleware (`use`, `eject`, per-request `middleware`) on `client.api`. */
import { closedPortUrl } from '@tokens/testkit';
import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError } from '../../src/index';
import { serve } from '../support/runtime-harness';
import { BASE_URL, observed } from './observed';

const params = { path: { id: '7' } };

describe('onRequest', () => {
  it('gets a new id per call, the schema path, the params and the merged options', async () => {
    const { api } = observed();
    const seen: { id: string; schemaPath: string; params: unknown; baseUrl: string; parseAs: string }[] = [];
    api.use({ onRequest: ({ id, schemaPath, params, options }) => void seen.push({ id, schemaPath, params, baseUrl: options.baseUrl, parseAs: options.parseAs }) });
    await api.GET('/posts/{id}', { params });
    await api.GET('/posts/{id}', { params });
    expect(seen[0]).toMatchObject({ schemaPath: '/posts/{id}', params, baseUrl: BASE_URL });
    expect(seen[0]!.id).not.toBe(seen[1]!.id);
  });

  it('can change the request, and sees the negotiated headers', async () => {
    const { api, last } = observed(() => Response.json({ id: '1', title: 't' }, { headers: { 'content-type': 'application/json;version=2' } }));
    let accept: string | null = null;
    let contentType: string | null = null;
    api.use({
      onRequest({ request }) {
        accept = request.headers.get('accept');
        contentType = request.headers.get('content-type');
        request.headers.set('x-added', 'by-middleware');
        return request;
      },
    });
    await (api as any).PUT('/posts/{id}', { params, body: { title: 't' }, version: 2 });
    expect([accept, contentType]).toEqual(['application/json;version=2', 'application/json;version=2']);
    expect(last().headers.get('x-added')).toBe('by-middleware');
  });

  it('can answer the call itself: fetch is not called, later onRequest and every onResponse are skipped', async () => {
    const { api, requests } = observed();
    const calls: string[] = [];
    api.use(
      { onRequest: () => Response.json({ id: 'cached', title: 'from middleware' }), onResponse: () => void calls.push('first.onResponse') },
      { onRequest: () => void calls.push('second.onRequest'), onResponse: () => void calls.push('second.onResponse') },
    );
    const { data } = await api.GET('/posts/{id}', { params });
    expect(data).toEqual({ id: 'cached', title: 'from middleware' });
    expect(requests).toHaveLength(0);
    expect(calls).toEqual([]);
  });

  it('can send the call elsewhere (another base URL)', async () => {
    const server = await serve(() => ({ status: 200, body: { id: '1', title: 'elsewhere' } }));
    const { api, requests } = observed(undefined, { fetch: (request) => fetch(request) });
    api.use({ onRequest: ({ request }) => new Request(request.url.replace(BASE_URL, server.url), request) });
    const { data } = await api.GET('/posts/{id}', { params });
    expect(data).toEqual({ id: '1', title: 'elsewhere' });
    expect(requests).toHaveLength(0);
    expect(server.requests.map((r) => r.url)).toEqual(['/posts/7']);
  });
});

describe('onResponse', () => {
  it('can replace the response, and the answer is read from the replacement', async () => {
    const { api } = observed();
    api.use({ onResponse: ({ response }) => new Response(JSON.stringify({ id: '9', title: 'rewritten' }), { status: response.status, headers: response.headers }) });
    const { data } = await api.GET('/posts/{id}', { params });
    expect(data).toEqual({ id: '9', title: 'rewritten' });
  });

  it('can read a copy of the body without taking it from the call', async () => {
    const { api } = observed();
    const bodies: unknown[] = [];
    api.use({ onResponse: async ({ response }) => void bodies.push(await response.clone().json()) });
    const { data } = await api.GET('/posts/{id}', { params });
    expect(bodies).toEqual([data]);
  });

  it('sees an error answer, readable, and the call still gets its ApiError', async () => {
    const { api } = observed(() => Response.json({ message: 'no such post' }, { status: 404 }));
    const bodies: unknown[] = [];
    api.use({ onResponse: async ({ response }) => void bodies.push(await response.clone().json()) });
    const { error } = await api.GET('/posts/{id}', { params });
    expect(bodies).toEqual([{ message: 'no such post' }]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.body).toEqual({ message: 'no such post' });
  });
});

describe('onError', () => {
  async function refused() {
    return observed(undefined, { baseUrl: await closedPortUrl(), fetch: (request, init) => fetch(request, init) });
  }

  it('gets our typed failure, and the call rejects with it when nothing is returned', async () => {
    const { api } = await refused();
    const errors: unknown[] = [];
    api.use({ onError: ({ error }) => void errors.push(error) });
    const failure = await api.GET('/posts/{id}', { params }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(errors).toEqual([failure]);
  });

  it('can replace the failure with another error', async () => {
    const { api } = await refused();
    api.use({ onError: () => new Error('replaced') });
    await expect(api.GET('/posts/{id}', { params })).rejects.toThrow('replaced');
  });

  it('can turn the failure into an answer', async () => {
    const { api } = await refused();
    api.use({ onError: () => Response.json({ id: 'offline', title: 'fallback' }) });
    const { data } = await api.GET('/posts/{id}', { params });
    expect(data).toEqual({ id: 'offline', title: 'fallback' });
  });

  it('runs last-registered first, each seeing what the one before returned', async () => {
    const { api } = await refused();
    const order: string[] = [];
    api.use(
      { onError: ({ error }) => void order.push(`first:${(error as Error).message}`) },
      { onError: () => (order.push('second'), new Error('from second')) },
    );
    await expect(api.GET('/posts/{id}', { params })).rejects.toThrow('from second');
    expect(order).toEqual(['second', 'first:from second']);
  });
});

describe('order, eject and per-request middleware', () => {
  it('runs onRequest in order and onResponse in reverse, the call’s own middleware after the client’s', async () => {
    const { api } = observed();
    const order: string[] = [];
    const named = (name: string): Middleware => ({ onRequest: () => void order.push(`${name}.onRequest`), onResponse: () => void order.push(`${name}.onResponse`) });
    api.use(named('a'), named('b'));
    await api.GET('/posts/{id}', { params, middleware: [named('call')] });
    expect(order).toEqual(['a.onRequest', 'b.onRequest', 'call.onRequest', 'call.onResponse', 'b.onResponse', 'a.onResponse']);
  });

  it('can be ejected, and a skipped (undefined) middleware does not stop the call', async () => {
    const { api } = observed();
    let runs = 0;
    const counting: Middleware = { onRequest: () => void runs++ };
    api.use(counting, undefined as unknown as Middleware);
    await api.GET('/posts/{id}', { params });
    api.eject(counting);
    await api.GET('/posts/{id}', { params });
    expect(runs).toBe(1);
  });

  it('refuses an object with no handler, as openapi-fetch does', () => {
    const { api } = observed();
    expect(() => api.use({} as Middleware)).toThrow(/onRequest/);
  });

  it('runs once per call, around every attempt: a 503 retried once is two requests and one onRequest/onResponse', async () => {
    let answers = 0;
    const server = await serve(() => (answers++ === 0 ? { status: 503, body: { message: 'busy' } } : { status: 200, body: { id: '1', title: 't' } }));
    const { api } = observed(undefined, { baseUrl: server.url, maxRetries: 1, retryTiming: { initialDelayMs: 1, maxDelayMs: 1 }, fetch: (r, init) => fetch(r, init) });
    const runs = { request: 0, response: 0, statuses: [] as number[] };
    api.use({ onRequest: () => void runs.request++, onResponse: ({ response }) => void (runs.response++, runs.statuses.push(response.status)) });
    const { data } = await api.GET('/posts/{id}', { params });
    expect(data).toEqual({ id: '1', title: 't' });
    expect(server.requests).toHaveLength(2);
    expect(runs).toEqual({ request: 1, response: 1, statuses: [200] });
  });

  it('an auth middleware’s header reaches the wire', async () => {
    const server = await serve(() => ({ status: 200, body: { id: '1', title: 't' } }));
    const { api } = observed(undefined, { baseUrl: server.url, fetch: (r, init) => fetch(r, init) });
    api.use({ onRequest: ({ request }) => void request.headers.set('authorization', 'Bearer from-middleware') });
    await api.GET('/posts/{id}', { params });
    expect(server.requests[0]!.headers['authorization']).toBe('Bearer from-middleware');
  });
});
