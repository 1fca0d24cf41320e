/** What `client.api` sends, as openapi-fetch sends it: headers, bodies, serializers, per-call options. */
import { describe, expect, it } from 'vitest';
import { createApiClient, ValidationError } from '../../src/index';
import type { paths } from '../fixtures/blog';
import { serve } from '../support/runtime-harness';
import { BASE_URL, observed, type Loose } from './observed';

const params = { path: { id: '1' } };
const created = () => Response.json({ id: '1', title: 't' }, { status: 201 });

describe('headers', () => {
  it('keeps the client’s headers, lets a call override them, and removes one set to null or undefined', async () => {
    const { api, requests } = observed(undefined, { headers: { 'x-client': 'c', 'x-gone': 'g', 'x-kept': 'k' } });
    await api.GET('/posts/{id}', { params });
    await api.GET('/posts/{id}', { params, headers: { 'X-Client': 'call', 'x-gone': null, 'x-kept': undefined } });
    const seen = requests.map((r) => [r.headers.get('x-client'), r.headers.get('x-gone'), r.headers.get('x-kept')]);
    expect(seen).toEqual([
      ['c', 'g', 'k'],
      ['call', null, 'k'],
    ]);
    expect(requests[1]!.headers.get('x-kept')).not.toBe('undefined');
  });

  it('takes a Headers instance as the client’s headers, and as a call’s', async () => {
    const { api, requests } = observed(undefined, { headers: new Headers({ 'x-client': 'from-headers' }) });
    await api.GET('/posts/{id}', { params });
    await api.GET('/posts/{id}', { params, headers: new Headers({ 'x-call': 'call-headers' }) });
    expect(requests.map((r) => [r.headers.get('x-client'), r.headers.get('x-call')])).toEqual([
      ['from-headers', null],
      ['from-headers', 'call-headers'],
    ]);
  });

  it('sends an array value as one header per item (joined by fetch), numbers and booleans as text', async () => {
    const server = await serve(() => ({ status: 200, body: { id: '1', title: 't' } }));
    const { api } = observed(undefined, { baseUrl: server.url, fetch: (r, init) => fetch(r, init) });
    await api.GET('/posts/{id}', { params, headers: { 'x-list': ['a', 'b'], 'x-count': 3, 'x-flag': true } });
    const { headers } = server.requests[0]!;
    expect([headers['x-list'], headers['x-count'], headers['x-flag']]).toEqual(['a, b', '3', 'true']);
  });

  it('always sends Accept (application/json by default); a caller’s Accept and Content-Type win without version/mediaType', async () => {
    const { api, requests } = observed(created);
    await api.GET('/posts/{id}', { params });
    await (api as unknown as Loose).POST('/posts', { body: 'title=t', headers: { Accept: 'application/json', 'Content-Type': 'text/plain' } });
    expect(requests.map((r) => [r.headers.get('accept'), r.headers.get('content-type')])).toEqual([
      ['application/json', null],
      ['application/json', 'text/plain'],
    ]);
  });

  it('an explicit version or mediaType wins over the caller’s Accept and Content-Type, in headers and header parameters', async () => {
    const { api, requests } = observed(() => Response.json({ id: '1', title: 't' }, { status: 201, headers: { 'content-type': 'application/json;version=2' } }));
    const loose = api as unknown as Loose;
    await loose.POST('/posts', { version: 2, body: { title: 't' }, headers: { Accept: 'text/html', 'Content-Type': 'text/plain' } });
    await loose.POST('/posts', { version: 2, body: { title: 't' }, params: { header: { accept: 'text/html', 'content-type': 'text/plain' } } });
    for (const request of requests) {
      expect([request.headers.get('accept'), request.headers.get('content-type')]).toEqual(['application/json;version=2', 'application/json;version=2']);
    }
  });

  it('keeps a cookie header', async () => {
    const { api, last } = observed();
    await api.GET('/posts/{id}', { params, headers: { Cookie: 'session=1234' } });
    expect(last().headers.get('cookie')).toBe('session=1234');
  });
});

describe('bodies', () => {
  it('sends no body, and calls no serializer, when there is none', async () => {
    let serialized = 0;
    const { api, requests } = observed(undefined, { bodySerializer: (body) => (serialized++, JSON.stringify(body)) });
    await api.GET('/posts/{id}', { params });
    await api.DELETE('/posts/{id}', { params });
    expect(requests.map((r) => r.body)).toEqual([null, null]);
    expect(serialized).toBe(0);
  });

  it('sends JSON with Content-Type application/json by default', async () => {
    const { api, last } = observed(created);
    await api.POST('/posts', { body: { title: 'hello' } });
    expect(last().headers.get('content-type')).toBe('application/json');
    expect(await last().text()).toBe('{"title":"hello"}');
  });

  it('takes a bodySerializer for the client and per call (the call’s wins)', async () => {
    const { api, requests } = observed(created, { bodySerializer: (body) => `client:${JSON.stringify(body)}` });
    await api.POST('/posts', { body: { title: 'a' } });
    await api.POST('/posts', { body: { title: 'b' }, bodySerializer: (body) => `call:${(body as unknown as { title: string }).title}` });
    expect(await Promise.all(requests.map((r) => r.text()))).toEqual(['client:{"title":"a"}', 'call:b']);
  });

  it('sends a urlencoded form when Content-Type or mediaType says so', async () => {
    const { api, requests } = observed(created);
    await (api as unknown as Loose).POST('/posts', { body: { title: 'a b' }, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    await api.POST('/posts', { mediaType: 'application/x-www-form-urlencoded', body: { title: 'c&d' } });
    expect(await Promise.all(requests.map((r) => r.text()))).toEqual(['title=a+b', 'title=c%26d']);
    expect(requests.map((r) => r.headers.get('content-type'))).toEqual(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded']);
    // A form is what is sent: the answer asked for stays JSON.
    expect(requests[1]!.headers.get('accept')).toBe('application/json');
  });

  it('a record without a prototype, or a class instance, is data to serialize, not a body fetch sends as it is', async () => {
    // The null-prototype record was handed to fetch: a raw TypeError, or a ConnectionError with no request.
    const { api, requests } = observed(created);
    const record = Object.assign(Object.create(null) as Record<string, string>, { title: 'a b' });
    await (api as unknown as Loose).POST('/posts', { mediaType: 'application/x-www-form-urlencoded', body: record });
    await (api as unknown as Loose).POST('/posts', { mediaType: 'text/plain', body: record });
    await (api as unknown as Loose).POST('/posts', { mediaType: 'text/plain', body: new (class Post { title = 'c' })() });
    expect(await Promise.all(requests.map((r) => r.text()))).toEqual(['title=a+b', '{"title":"a b"}', '{"title":"c"}']);
  });

  it('a body JSON cannot hold is a ValidationError, nothing sent', async () => {
    const { api, requests } = observed(created);
    const error = await (api as unknown as Loose).POST('/posts', { body: { title: 1n } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(0);
  });
});

describe('forms over the wire', () => {
  async function formServer() {
    const server = await serve(() => ({ status: 201, body: { id: '1', title: 't' } }));
    const { api } = observed(undefined, { baseUrl: server.url, fetch: (r, init) => fetch(r, init) });
    return { api, server };
  }
  const boundaryOf = (contentType: string | undefined) => /^multipart\/form-data; boundary=(.+)$/.exec(contentType ?? '')?.[1];

  it('sends a FormData body as multipart/form-data with its boundary, not as JSON', async () => {
    const { api, server } = await formServer();
    const form = new FormData();
    form.append('title', 'from a form');
    await (api as unknown as Loose).POST('/posts', { body: form });
    const { headers, body } = server.requests[0]!;
    const boundary = boundaryOf(headers['content-type']);
    expect(boundary).toBeTruthy();
    expect(body).toContain(`--${boundary}`);
    expect(body).toContain('name="title"\r\n\r\nfrom a form');
  });

  it('mediaType: multipart/form-data sends a FormData, or a plain object as one, with its boundary; Accept stays JSON', async () => {
    const { api, server } = await formServer();
    const form = new FormData();
    form.append('title', 'form');
    await api.POST('/posts', { mediaType: 'multipart/form-data', body: form as never });
    await api.POST('/posts', { mediaType: 'multipart/form-data', body: { title: 'object', attachment: 'notes' } });
    for (const request of server.requests) {
      expect(boundaryOf(request.headers['content-type'])).toBeTruthy();
      expect(request.headers['accept']).toBe('application/json');
    }
    expect(server.requests[1]!.body).toContain('name="attachment"\r\n\r\nnotes');
  });

  it('a form whose Content-Type the caller set is still sent with a boundary once mediaType is given', async () => {
    const { api, server } = await formServer();
    await (api as unknown as Loose).POST('/posts', { mediaType: 'multipart/form-data', body: { title: 't' }, headers: { 'Content-Type': 'multipart/form-data' } });
    expect(boundaryOf(server.requests[0]!.headers['content-type'])).toBeTruthy();
  });
});

describe('per-call and client options', () => {
  it('baseUrl: the client’s, without its trailing slash; per call, without changing the client’s', async () => {
    const { api, requests } = observed(undefined, { baseUrl: `${BASE_URL}/v1/` });
    await api.GET('/posts/{id}', { params });
    await api.GET('/posts/{id}', { params, baseUrl: 'https://other.example/' });
    await api.GET('/posts/{id}', { params });
    expect(requests.map((r) => r.url)).toEqual([`${BASE_URL}/v1/posts/1`, 'https://other.example/posts/1', `${BASE_URL}/v1/posts/1`]);
  });

  it('fetch per call, under the same retries: a 503 then 200 is two calls of that fetch', async () => {
    const { api, requests } = observed(undefined, { maxRetries: 1, retryTiming: { initialDelayMs: 1, maxDelayMs: 1 } });
    const own: Request[] = [];
    const { data } = await api.GET('/posts/{id}', {
      params,
      fetch: async (request) => (own.push(request), own.length === 1 ? new Response('busy', { status: 503 }) : Response.json({ id: '1', title: 'own' })),
    });
    expect(data).toEqual({ id: '1', title: 'own' });
    expect([own.length, requests.length]).toEqual([2, 0]);
  });

  it('a retried call with a body sends the same body again; a middleware’s replacement with a body is not retried', async () => {
    let answers = 0;
    const server = await serve(() => (answers++ % 2 === 0 ? { status: 503, body: { message: 'busy' } } : { status: 201, body: { id: '1', title: 't' } }));
    const { api } = observed(undefined, { baseUrl: server.url, maxRetries: 1, safeToRepeat: () => true, retryTiming: { initialDelayMs: 1, maxDelayMs: 1 }, fetch: (r, init) => fetch(r, init) });
    await api.POST('/posts', { body: { title: 'again' } });
    expect(server.requests.map((r) => r.body)).toEqual(['{"title":"again"}', '{"title":"again"}']);
    const { error } = await api.POST('/posts', {
      body: { title: 'replaced' },
      middleware: [{ onRequest: ({ request }) => new Request(request, { body: '{"title":"by middleware"}' }) }],
    });
    expect(error?.status).toBe(503);
    expect(server.requests.slice(2).map((r) => r.body)).toEqual(['{"title":"by middleware"}']);
  });

  it('uses a custom Request class, given to the client or per call', async () => {
    class ClientRequest extends Request {}
    class CallRequest extends Request {}
    const { api, requests } = observed(undefined, { Request: ClientRequest });
    await api.GET('/posts/{id}', { params });
    await api.GET('/posts/{id}', { params, Request: CallRequest });
    expect(requests[0]).toBeInstanceOf(ClientRequest);
    expect(requests[1]).toBeInstanceOf(CallRequest);
  });

  it('uses a per-call Request class on a client with no fetch of its own too (over real HTTP)', async () => {
    const server = await serve(() => ({ status: 200, body: { id: '1', title: 't' } }));
    let built = 0;
    class CallRequest extends Request {
      constructor(...args: ConstructorParameters<typeof Request>) {
        super(...args);
        built++;
      }
    }
    const api = createApiClient<paths>({ provider: 'blog', baseUrl: server.url, maxRetries: 0 });
    const { data } = await api.GET('/posts/{id}', { params, Request: CallRequest });
    expect(data).toEqual({ id: '1', title: 't' });
    expect(built).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('passes requestInitExt to fetch as its second argument, with the attempt’s signal', async () => {
    const inits: (RequestInit | undefined)[] = [];
    const api = createApiClient<paths>({
      provider: 'blog',
      baseUrl: BASE_URL,
      requestInitExt: { dispatcherHint: 'pool-a' },
      fetch: async (_request, init) => (inits.push(init), Response.json({ id: '1', title: 't' })),
    });
    await api.GET('/posts/{id}', { params });
    expect(inits[0]).toMatchObject({ dispatcherHint: 'pool-a' });
    expect(inits[0]!.signal).toBeInstanceOf(AbortSignal);
  });

  it('passes RequestInit options (credentials, cache) and attaches unknown call options to the request', async () => {
    const { api, last } = observed(undefined, { credentials: 'include' });
    await (api as unknown as Loose).GET('/posts/{id}', { params, cache: 'no-store', customProperty: 'value' });
    expect([last().credentials, last().cache]).toEqual(['include', 'no-store']);
    expect(last()).toHaveProperty('customProperty', 'value');
  });
});
