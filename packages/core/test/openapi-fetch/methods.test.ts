/** Every HTTP method, `request(method, path, init)` and the path-based client, on `client.api`. */
import { wrapAsPathBasedClient as openapiFetchWrap } from 'openapi-fetch';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { wrapAsPathBasedClient } from '../../src/index';
import type { Post } from '../fixtures/blog';
import { serve } from '../support/runtime-harness';
import { BASE_URL, observed } from './observed';

const params = { path: { id: '1' } };

describe('HTTP methods', () => {
  it('each method sends its own method, path and (where it has one) body, over the wire', async () => {
    const server = await serve((request) => ({ status: request.method === 'POST' ? 201 : 200, body: request.method === 'HEAD' ? undefined : { id: '1', title: request.method } }));
    const { api } = observed(undefined, { baseUrl: server.url, fetch: (r, init) => fetch(r, init) });
    await api.GET('/posts/{id}', { params });
    await api.PUT('/posts/{id}', { params, body: { title: 'put' } });
    await api.POST('/posts', { body: { title: 'post' } });
    await api.PATCH('/posts/{id}', { params, body: { title: 'patch' } });
    await api.DELETE('/posts/{id}', { params });
    await api.OPTIONS('/posts/{id}', { params });
    await api.HEAD('/posts/{id}', { params });
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'GET /posts/1 ',
      'PUT /posts/1 {"title":"put"}',
      'POST /posts {"title":"post"}',
      'PATCH /posts/1 {"title":"patch"}',
      'DELETE /posts/1 ',
      'OPTIONS /posts/1 ',
      'HEAD /posts/1 ',
    ]);
  });

  it('TRACE, which fetch refuses to build, is a ValidationError and nothing is sent (openapi-fetch rejects with a TypeError)', async () => {
    const { api, requests } = observed();
    await expect(api.TRACE('/posts/{id}', { params })).rejects.toMatchObject({ name: 'ValidationError', issues: [{ path: 'method' }] });
    expect(requests).toHaveLength(0);
  });
});

describe('request(method, path, init)', () => {
  it('sends the method given, in either case, with params and body', async () => {
    const { api, requests } = observed(() => Response.json({ id: '1', title: 't' }));
    const { data } = await api.request('get', '/posts/{id}', { params });
    expectTypeOf(data).toEqualTypeOf<Post | undefined>();
    await api.request('put', '/posts/{id}', { params, body: { title: 'via request' } });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE_URL}/posts/1`, `PUT ${BASE_URL}/posts/1`]);
    expect(await requests[1]!.text()).toBe('{"title":"via request"}');
    expect(data).toEqual({ id: '1', title: 't' });
  });

  it('negotiates the same way: version and mediaType', async () => {
    const { api, last } = observed(() => Response.json({ id: '1', title: 't' }, { status: 201 }));
    await api.request('post', '/posts', { mediaType: 'application/x-www-form-urlencoded', body: { title: 'x' } });
    expect(last().headers.get('content-type')).toBe('application/x-www-form-urlencoded');
  });
});

describe('the path-based client', () => {
  it('wrapAsPathBasedClient(client.api) calls by path, typed, binding each method to its path', async () => {
    const { api, requests } = observed((request) => Response.json(request.method === 'GET' && !request.url.includes('/posts/') ? [] : { id: '1', title: 't' }, { status: request.method === 'POST' ? 201 : 200 }));
    const byPath = wrapAsPathBasedClient(api);
    const { data } = await byPath['/posts/{id}'].GET({ params });
    expectTypeOf(data).toEqualTypeOf<Post | undefined>();
    const { POST } = byPath['/posts']; // detached: still bound to its path
    await POST({ body: { title: 'detached' } });
    const list = await byPath['/posts'].GET();
    expect([data, list.data]).toEqual([{ id: '1', title: 't' }, []]);
    expect(requests.map((r) => `${r.method} ${r.url.slice(BASE_URL.length)}`)).toEqual(['GET /posts/1', 'POST /posts', 'GET /posts']);
  });

  it('openapi-fetch’s own wrapAsPathBasedClient works on client.api at run time', async () => {
    const { api, requests } = observed();
    const byPath = openapiFetchWrap(api as never) as unknown as Record<string, { GET(init: unknown): Promise<{ data: unknown }> }>;
    const { data } = await byPath['/posts/{id}']!.GET({ params });
    expect(data).toEqual({ id: '1', title: 'hello' });
    expect(requests).toHaveLength(1);
  });
});
