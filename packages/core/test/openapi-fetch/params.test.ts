/** openapi-fetch's path, query and header parameters, and its serializers, on `client.api`. */
import { describe, expect, it } from 'vitest';
import { serve } from '../support/runtime-harness';
import { BASE_URL, observed, type Loose } from './observed';

const pathOf = (request: Request) => request.url.slice(BASE_URL.length);

describe('path parameters', () => {
  it('are filled in, with reserved characters escaped and UTF-8 allowed', async () => {
    const { api, requests } = observed();
    await api.GET('/posts/{id}', { params: { path: { id: 'a/b?c#d' } } });
    await api.GET('/posts/{id}', { params: { path: { id: 'café-ü' } } });
    await api.GET('/posts/{id}', { params: { path: { id: "a-b_c.d~e!$&'()*+,;=:@" } } });
    expect(requests.map(pathOf)).toEqual([
      '/posts/a%2Fb%3Fc%23d',
      `/posts/${encodeURIComponent('café-ü')}`,
      `/posts/${encodeURIComponent("a-b_c.d~e!$&'()*+,;=:@")}`,
    ]);
  });

  it('take a pathSerializer, for the client and per call (the call’s wins)', async () => {
    const client = observed(undefined, { pathSerializer: (path, values) => path.replace('{id}', `client-${values['id']}`) });
    await client.api.GET('/posts/{id}', { params: { path: { id: '1' } } });
    await client.api.GET('/posts/{id}', { params: { path: { id: '2' } }, pathSerializer: (path, values) => path.replace('{id}', `call-${values['id']}`) });
    expect(client.requests.map(pathOf)).toEqual(['/posts/client-1', '/posts/call-2']);
  });
});

describe('query parameters', () => {
  it('serialize primitives, arrays (form, exploded) and objects (deepObject), skipping empty ones', async () => {
    const { api, requests } = observed(() => Response.json([]));
    await api.GET('/posts', { params: { query: { tag: 'a b', page: 2 } } });
    await api.GET('/posts', { params: { query: { ids: ['1', '2'] } } });
    await api.GET('/posts', { params: { query: { ids: [] } } });
    await api.GET('/posts', { params: { query: { filter: { status: 'draft', author: 'me' } } } });
    await api.GET('/posts', { params: { query: { tag: undefined, page: null } as never } });
    expect(requests.map(pathOf)).toEqual([
      '/posts?tag=a%20b&page=2',
      '/posts?ids=1&ids=2',
      '/posts',
      '/posts?filter[status]=draft&filter[author]=me',
      '/posts',
    ]);
  });

  it('take the client’s querySerializer options (array style, allowReserved), merged with the call’s', async () => {
    const { api, requests } = observed(() => Response.json([]), { querySerializer: { array: { style: 'pipeDelimited', explode: false } } });
    await api.GET('/posts', { params: { query: { ids: ['1', '2'] } } });
    await api.GET('/posts', { params: { query: { ids: ['1', '2'], tag: 'a/b' } }, querySerializer: { allowReserved: true } });
    expect(requests.map(pathOf)).toEqual(['/posts?ids=1|2', '/posts?ids=1|2&tag=a/b']);
  });

  it('take a querySerializer function, for the client and per call; a leading ? is not doubled', async () => {
    const { api, requests } = observed(() => Response.json([]), { querySerializer: (query) => `client=${Object.keys(query).join(',')}` });
    await api.GET('/posts', { params: { query: { tag: 't', page: 1 } } });
    await api.GET('/posts', { params: { query: { tag: 't' } }, querySerializer: () => '?call=1' });
    expect(requests.map(pathOf)).toEqual(['/posts?client=tag,page', '/posts?call=1']);
  });
});

describe('header parameters', () => {
  it('are sent (params.header), over the wire', async () => {
    const server = await serve(() => ({ status: 200, body: { id: '1', title: 't' } }));
    const { api } = observed(undefined, { baseUrl: server.url, fetch: (r, init) => fetch(r, init) });
    await api.GET('/posts/{id}', { params: { path: { id: '1' }, header: { 'x-request-tag': 'tag-1' } } });
    expect(server.requests[0]!.headers['x-request-tag']).toBe('tag-1');
  });

  it('win over the call’s headers, as in openapi-fetch', async () => {
    const { api, last } = observed();
    await api.GET('/posts/{id}', { params: { path: { id: '1' }, header: { 'x-request-tag': 'param' } }, headers: { 'x-request-tag': 'header' } });
    expect(last().headers.get('x-request-tag')).toBe('param');
  });

  it('holding CR/LF are a ValidationError, nothing sent', async () => {
    const { api, requests } = observed();
    await expect((api as unknown as Loose).GET('/posts/{id}', { params: { path: { id: '1' }, header: { 'x-request-tag': 'a\r\nx-injected: b' } } })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'params.header.x-request-tag' }],
    });
    expect(requests).toHaveLength(0);
  });
});
