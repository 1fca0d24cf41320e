/**
 * What `client.api` answers, as openapi-fetch does: `{ data, error, response }` and
 * `parseAs`. The deliberate difference: `error` is an ApiError whose `body` is the
 * typed error body (openapi-fetch gives the bare body).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ApiError } from '../../src/index';
import type { NotFound, Post } from '../fixtures/blog';
import { serve } from '../support/runtime-harness';
import { observed } from './observed';

const params = { path: { id: '1' } };

describe('data and error', () => {
  it('a 2xx gives data and the response; error is undefined', async () => {
    const { api } = observed(() => Response.json({ id: '1', title: 'hello' }, { headers: { 'x-request-id': 'r1' } }));
    const { data, error, response } = await api.GET('/posts/{id}', { params });
    expectTypeOf(data).toEqualTypeOf<Post | undefined>();
    expect([data, error, response.status, response.headers.get('x-request-id')]).toEqual([{ id: '1', title: 'hello' }, undefined, 200, 'r1']);
  });

  it('a 4xx gives an ApiError carrying the typed error body (the deliberate difference)', async () => {
    const { api } = observed(() => Response.json({ message: 'no such post' }, { status: 404 }));
    const { data, error, response } = await api.GET('/posts/{id}', { params });
    expectTypeOf(error).toEqualTypeOf<ApiError<NotFound> | undefined>();
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ApiError);
    expect([error!.status, error!.body, response.status]).toEqual([404, { message: 'no such post' }, 404]);
  });

  it('an error answer with no body is still an ApiError', async () => {
    const { api } = observed(() => new Response(null, { status: 500, headers: { 'content-length': '0' } }));
    const { error } = await api.DELETE('/posts/{id}', { params });
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.body).toBeUndefined();
  });

  it('204, HEAD and Content-Length: 0 give data undefined', async () => {
    const { api } = observed((request) =>
      request.method === 'DELETE' ? new Response(null, { status: 204 }) : new Response(request.method === 'HEAD' ? null : '', { headers: { 'content-length': '0' } }),
    );
    const answers = await Promise.all([api.DELETE('/posts/{id}', { params }), api.HEAD('/posts/{id}', { params }), api.GET('/posts/{id}', { params })]);
    expect(answers.map(({ data, error }) => [data, error])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('a chunked body is read even with Content-Length: 0 beside it, over the wire', async () => {
    const server = await serve(() => ({ status: 200, body: { id: '1', title: 'chunked' } }));
    const { api } = observed(undefined, { baseUrl: server.url, fetch: async (r, init) => {
      const response = await fetch(r, init);
      const headers = new Headers(response.headers);
      headers.set('content-length', '0');
      headers.set('transfer-encoding', 'chunked');
      return new Response(response.body, { status: response.status, headers });
    } });
    const { data } = await api.GET('/posts/{id}', { params });
    expect(data).toEqual({ id: '1', title: 'chunked' });
  });

  it('invalid JSON in a 2xx is an ApiError describing the text (not holding it), never a SyntaxError', async () => {
    const { api } = observed(() => new Response('{"id": ', { headers: { 'content-type': 'application/json' } }));
    const { error } = await api.GET('/posts/{id}', { params });
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.body).toBe('[REDACTED] JSON text that does not parse, 7 characters');
  });
});

describe('parseAs', () => {
  const answer = () => new Response('{"id":"1","title":"raw"}', { headers: { 'content-type': 'application/json' } });

  it('text, arrayBuffer, blob and stream read the body that way, typed so', async () => {
    const { api } = observed(answer);
    const text = await api.GET('/posts/{id}', { params, parseAs: 'text' });
    expectTypeOf(text.data).toEqualTypeOf<string | undefined>();
    expect(text.data).toBe('{"id":"1","title":"raw"}');
    const buffer = await api.GET('/posts/{id}', { params, parseAs: 'arrayBuffer' });
    expect(new TextDecoder().decode(buffer.data)).toBe('{"id":"1","title":"raw"}');
    const blob = await api.GET('/posts/{id}', { params, parseAs: 'blob' });
    expect(await blob.data!.text()).toBe('{"id":"1","title":"raw"}');
    const stream = await api.GET('/posts/{id}', { params, parseAs: 'stream' });
    expect(await new Response(stream.data).text()).toBe('{"id":"1","title":"raw"}');
  });

  it('json (the default) with an empty body gives data undefined', async () => {
    const { api } = observed(() => new Response('', { headers: { 'content-type': 'application/json' } }));
    const { data, error } = await api.GET('/posts/{id}', { params, parseAs: 'json' });
    expect([data, error]).toEqual([undefined, undefined]);
  });

  it('does not change how an error answer is read', async () => {
    const { api } = observed(() => Response.json({ message: 'gone' }, { status: 404 }));
    const { error } = await api.GET('/posts/{id}', { params, parseAs: 'text' });
    expect(error?.body).toEqual({ message: 'gone' });
  });
});
