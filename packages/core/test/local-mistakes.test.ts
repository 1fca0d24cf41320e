/**
 * Issue 12, point 6: a local mistake is a ValidationError naming the option, thrown
 * (or rejected) before any request — never a raw TypeError, never a ConnectionError
 * that is retried. Each case runs against a real server on 127.0.0.1 with retries
 * on, and asserts the server received nothing. Headers given as a `Headers` instance
 * or as `[name, value]` pairs are sent as fetch takes them; an `undefined` value is dropped.
 */
import { describe, expect, it } from 'vitest';
import { createApiClient, createTokenCache, memoryTokenStore, ValidationError, type ApiClientOptions, type TokenCacheOptions } from '../src/index';
import { serve, type Paths } from './support/runtime-harness';

type Loose = Record<'GET' | 'POST' | 'HEAD' | 'TRACE' | 'request', (...args: any[]) => Promise<{ data?: unknown; error?: unknown }>>;

const ok = () => serve(() => ({ status: 200, body: { ok: true } }));
/** Retries on and instant: a mistake that reached fetch would be sent (and sent again). */
const fast = { maxRetries: 2, retryTiming: { initialDelayMs: 0, maxDelayMs: 0 } };
const client = (baseUrl: string, options: Record<string, unknown> = {}) =>
  createApiClient<Paths>({ provider: 'example', baseUrl, ...fast, ...options } as ApiClientOptions) as unknown as Loose;

/** The paths of the ValidationError `run` throws or rejects with (fails on anything else). */
async function pathsOf(run: () => unknown): Promise<string[]> {
  let error: unknown;
  try {
    await run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).provider).toMatch(/^(example|tokens)$/);
  return (error as ValidationError).issues.map((issue) => issue.path);
}

describe('header values and media types fetch would refuse', () => {
  const bad: Array<[string, unknown]> = [
    ['CR/LF', 'one\r\nx-injected: two'],
    ['NUL', 'one\0two'],
    ['a character past Latin-1', 'caf\u00e9 \u0101'],
    ['an object', { nested: 'value' }],
    ['a function', () => 'value'],
    ['a symbol', Symbol('value')],
    // JS trim() takes these off, fetch does not (a fast-check seed sent a TransactionLink token of '\v'): a retried ConnectionError before.
    ['a vertical tab at an end', '\vvalue'],
    ['U+FEFF at an end', 'value\ufeff'],
  ];

  it.each(bad)('client headers as a record holding %s: headers.x-note', async (_name, value) => {
    const server = await ok();
    expect(await pathsOf(() => client(server.url, { headers: { 'x-note': value } }))).toEqual(['headers.x-note']);
    expect(server.requests).toHaveLength(0);
  });

  it.each(bad)('client headers as [name, value] pairs holding %s: headers.x-note', async (_name, value) => {
    const server = await ok();
    expect(await pathsOf(() => client(server.url, { headers: [['x-note', value]] }))).toEqual(['headers.x-note']);
    expect(server.requests).toHaveLength(0);
  });

  it('client headers as pairs that are not pairs: headers.<index>', async () => {
    const server = await ok();
    expect(await pathsOf(() => client(server.url, { headers: [['x-a', '1'], ['x-b'], 'x-c'] }))).toEqual(['headers.x-b', 'headers.2']);
    expect(server.requests).toHaveLength(0);
  });

  it.each(bad)('call headers as a record, as pairs, and a header parameter holding %s', async (_name, value) => {
    const server = await ok();
    const api = client(server.url);
    expect(await pathsOf(() => api.GET('/things', { headers: { 'x-note': value } }))).toEqual(['headers.x-note']);
    expect(await pathsOf(() => api.GET('/things', { headers: [['x-note', value]] }))).toEqual(['headers.x-note']);
    expect(await pathsOf(() => api.GET('/things', { params: { header: { 'x-note': value } } }))).toEqual(['params.header.x-note']);
    expect(server.requests).toHaveLength(0);
  });

  it.each(bad)('a headers function returning %s', async (_name, value) => {
    const server = await ok();
    expect(await pathsOf(() => client(server.url, { headers: () => ({ 'x-note': value }) }).GET('/things'))).toEqual(['headers.x-note']);
    expect(server.requests).toHaveLength(0);
  });

  it('a headers function returning no headers object (a number, a string): headers', async () => {
    const server = await ok();
    for (const value of [42, 'x-note: 1']) expect(await pathsOf(() => client(server.url, { headers: () => value }).GET('/things'))).toEqual(['headers']);
    expect(server.requests).toHaveLength(0);
  });

  it('an Accept or Content-Type the caller sets with CR/LF or past Latin-1', async () => {
    const server = await ok();
    const api = client(server.url);
    expect(await pathsOf(() => api.GET('/things', { headers: { Accept: 'application/json\r\nx-injected: 1' } }))).toContain('headers.Accept');
    expect(await pathsOf(() => api.POST('/things', { body: {}, headers: [['Content-Type', 'application/json; name="\u0101"']] }))).toEqual(['headers.Content-Type']);
    expect(server.requests).toHaveLength(0);
  });

  it('a header Node’s fetch manages itself (Connection, Transfer-Encoding, Keep-Alive, Upgrade, Expect): today a retried ConnectionError', async () => {
    const server = await ok();
    const api = client(server.url);
    for (const name of ['Connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect']) {
      expect(await pathsOf(() => api.GET('/things', { headers: { [name]: 'x' } }))).toEqual([`headers.${name}`]);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('a mediaType with CR/LF, NUL, past Latin-1, or not a string: mediaType', async () => {
    const server = await ok();
    const api = client(server.url);
    for (const mediaType of ['application/json\r\nx-injected: 1', 'application/json;a=b\0', 'application/json; name="\u0101"', 42, { type: 'application/json' }]) {
      expect(await pathsOf(() => api.POST('/things', { body: {}, mediaType }))).toContain('mediaType');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('methods and bodies fetch cannot send', () => {
  it.each(['GET', 'HEAD'])('a body on %s: body (today a retried ConnectionError)', async (method) => {
    const server = await ok();
    expect(await pathsOf(() => client(server.url)[method as 'GET']('/things', { body: { a: 1 } }))).toEqual(['body']);
    expect(server.requests).toHaveLength(0);
  });

  it('TRACE with and without a body, TRACK, CONNECT and methods no OpenAPI operation has: method', async () => {
    const server = await ok();
    const api = client(server.url);
    expect(await pathsOf(() => api.TRACE('/things'))).toEqual(['method']);
    expect(await pathsOf(() => api.TRACE('/things', { body: { a: 1 } }))).toEqual(['method']);
    expect(await pathsOf(() => api.request('connect', '/things'))).toEqual(['method']);
    expect(await pathsOf(() => api.request('track', '/things'))).toEqual(['method']);
    expect(await pathsOf(() => api.request('GET /x', '/things'))).toEqual(['method']);
    expect(await pathsOf(() => api.request(42, '/things'))).toEqual(['method']);
    // A fast-check seed found these sent: Node's server answers an unknown method 400, an ApiError instead of a local mistake.
    expect(await pathsOf(() => api.request('A', '/things'))).toEqual(['method']);
    expect(await pathsOf(() => api.request('propfind', '/things'))).toEqual(['method']);
    expect(server.requests).toHaveLength(0);
  });
});

describe("a path that is not text starting with '/'", () => {
  // openapi-fetch appends the path to the base URL as text: `GET('5')` on `http://127.0.0.1:1234` went to port 12345.
  it('never reaches another port or host: path, nothing sent anywhere', async () => {
    const elsewhere = await ok();
    const port = String(new URL(elsewhere.url).port);
    const api = client(`http://127.0.0.1:${port.slice(0, -1)}`);
    expect(await pathsOf(() => api.GET(port.slice(-1)))).toEqual(['path']);
    expect(await pathsOf(() => api.GET(Number(port.slice(-1))))).toEqual(['path']);
    const server = await ok();
    for (const path of ['things', '.evil.example/things', '', null, undefined, {}, 42]) {
      expect(await pathsOf(() => client(server.url).GET(path))).toEqual(['path']);
      expect(await pathsOf(() => client(server.url).request('POST', path, { body: {} }))).toEqual(['path']);
    }
    expect(elsewhere.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe('injected parts of the wrong type', () => {
  const badClients: Array<[string, Record<string, unknown>, string[]]> = [
    ['fetch: a string', { fetch: 'fetch' }, ['fetch']],
    ['fetch: null', { fetch: null }, ['fetch']],
    ['log: an object', { log: { info: () => {} } }, ['log']],
    ['random: a number', { random: 0.5 }, ['random']],
    ['clock: a number', { clock: 42 }, ['clock']],
    ['clock without sleep', { clock: { now: () => 0 } }, ['clock.sleep']],
    ['retryTiming: NaN', { retryTiming: { initialDelayMs: NaN } }, ['retryTiming.initialDelayMs']],
    ['retryTiming: negative', { retryTiming: { maxDelayMs: -1 } }, ['retryTiming.maxDelayMs']],
    ['retryTiming: Infinity', { retryTiming: { maxDelayMs: Infinity } }, ['retryTiming.maxDelayMs']],
    ['retryTiming: a string', { retryTiming: { initialDelayMs: '5' } }, ['retryTiming.initialDelayMs']],
    ['retryTiming: min over max', { retryTiming: { initialDelayMs: 2000, maxDelayMs: 1000 } }, ['retryTiming.initialDelayMs']],
    ['retryTiming: not an object', { retryTiming: 'fast' }, ['retryTiming']],
    ['allowInsecureHttp: a string', { allowInsecureHttp: 'false' }, ['allowInsecureHttp']],
    ['signal: not an AbortSignal', { signal: { aborted: false } }, ['signal']],
    ['Request: not a class', { Request: 'Request' }, ['Request']],
  ];

  it.each(badClients)('%s is refused at client creation', async (_name, options, paths) => {
    const server = await ok();
    expect(await pathsOf(() => client(server.url, { ...fast, ...options }))).toEqual(paths);
    expect(server.requests).toHaveLength(0);
  });

  it('a call’s fetch that is no function, a signal that is no AbortSignal: fetch, signal', async () => {
    const server = await ok();
    const api = client(server.url);
    expect(await pathsOf(() => api.GET('/things', { fetch: 'fetch' }))).toEqual(['fetch']);
    expect(await pathsOf(() => api.GET('/things', { signal: { aborted: false } }))).toEqual(['signal']);
    expect(await pathsOf(() => api.GET('/things', { signal: 'abort' }))).toEqual(['signal']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('null and non-objects where options belong', () => {
  it('createApiClient(null) and createApiClient(42) name the options', async () => {
    expect(await pathsOf(() => createApiClient(null as never))).toEqual(['options']);
    expect(await pathsOf(() => createApiClient(42 as never))).toEqual(['options']);
  });

  it('a call’s init of null means no options; a number or string is refused: init', async () => {
    const server = await ok();
    const api = client(server.url);
    expect((await api.GET('/things', null)).data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    expect(await pathsOf(() => api.GET('/things', 42))).toEqual(['init']);
    expect(await pathsOf(() => api.GET('/things', 'headers'))).toEqual(['init']);
    expect(server.requests).toHaveLength(1);
  });
});

describe('headers as a Headers instance or as [name, value] pairs, as fetch takes them', () => {
  it('client pairs are sent; a repeated name is one more value; an undefined value is dropped, never sent as "undefined"', async () => {
    const server = await ok();
    const api = client(server.url, { headers: [['X-Pair', 'a'], ['x-pair', 'b'], ['x-gone', undefined], ['x-number', 7]] });
    await api.GET('/things');
    const { headers } = server.requests[0]!;
    expect([headers['x-pair'], headers['x-gone'], headers['x-number'], headers['0']]).toEqual(['a, b', undefined, '7', undefined]);
  });

  it('call pairs are sent, over the client’s headers, with or without a version', async () => {
    const server = await serve((request) => ({ status: 200, headers: { 'content-type': String(request.headers['accept']) }, body: { ok: true } }));
    const api = client(server.url, { headers: { 'x-client': 'c', 'x-over': 'client' } });
    await api.GET('/things', { headers: [['x-over', 'call'], ['x-gone', undefined]] });
    await api.GET('/things', { version: 2, headers: [['x-over', 'call']] });
    await api.GET('/things', { headers: [['Accept', 'application/json;version=3']] });
    expect(server.requests.map(({ headers }) => [headers['x-client'], headers['x-over'], headers['x-gone'], headers['0']])).toEqual([
      ['c', 'call', undefined, undefined],
      ['c', 'call', undefined, undefined],
      ['c', 'client', undefined, undefined],
    ]);
    expect(server.requests[2]!.headers['accept']).toBe('application/json;version=3');
  });

  it('a headers function may return pairs or a Headers instance; undefined values in a record are dropped', async () => {
    const server = await ok();
    await client(server.url, { headers: () => [['x-from', 'pairs'], ['x-gone', undefined]] }).GET('/things');
    await client(server.url, { headers: () => new Headers({ 'x-from': 'headers' }) }).GET('/things');
    await client(server.url, { headers: { 'x-gone': undefined, 'x-from': 'record' } }).GET('/things', { headers: { 'x-call': undefined } });
    expect(server.requests.map(({ headers }) => [headers['x-from'], headers['x-gone'], headers['x-call']])).toEqual([
      ['pairs', undefined, undefined],
      ['headers', undefined, undefined],
      ['record', undefined, undefined],
    ]);
  });
});

describe('createTokenCache', () => {
  const cacheOn = async (options: Partial<TokenCacheOptions<{ token: string; expiresAt: Date }>>) => {
    const server = await ok();
    const fetchToken = async () => {
      await fetch(server.url);
      return { token: 'token-1', expiresAt: new Date(Date.now() + 3_600_000) };
    };
    return { server, make: () => createTokenCache({ key: 'example:account', fetchToken, ...options }) };
  };

  const badCaches: Array<[string, Record<string, unknown>, string[]]> = [
    ['a store without get, set, delete', { store: { get: () => undefined } }, ['store.set', 'store.delete']],
    ['a store with a withLock that is no function', { store: { ...memoryTokenStore(), withLock: true } }, ['store.withLock']],
    ['a store with watch, seal, open that are no functions', { store: { ...memoryTokenStore(), watch: 1, seal: 'x', open: {} } }, ['store.watch', 'store.seal', 'store.open']],
    ['a store that is a string', { store: 'redis://127.0.0.1' }, ['store']],
    ['fetchToken that is no function', { fetchToken: 'https://example.com/token' }, ['fetchToken']],
    ['a log that is no function', { log: console }, ['log']],
    ['a clock without now', { clock: { sleep: async () => {} } }, ['clock.now']],
  ];

  it.each(badCaches)('%s is refused at creation', async (_name, options, paths) => {
    const { server, make } = await cacheOn(options as never);
    expect(await pathsOf(make)).toEqual(paths);
    expect(server.requests).toHaveLength(0);
  });

  it('get({ timeoutMs }) past setTimeout’s 2^31-1 ms waits for the token (found by the options property: it timed out at once)', async () => {
    const server = await serve(() => new Promise((resolve) => setTimeout(() => resolve({ status: 200, body: {} }), 50)));
    const cache = createTokenCache({ key: 'example:account', fetchToken: async () => (await fetch(server.url), { token: 'token-1', expiresAt: new Date(Date.now() + 3_600_000) }) });
    expect((await cache.get({ timeoutMs: 2 ** 32 })).token).toBe('token-1');
  });

  it('createTokenCache(null) names the options', async () => {
    expect(await pathsOf(() => createTokenCache(null as never))).toEqual(['options']);
  });

  it('get(null) means no options; a non-object, a signal that is no AbortSignal, a forceRefresh that is no boolean are refused', async () => {
    const { server, make } = await cacheOn({});
    const cache = make();
    expect(await pathsOf(() => cache.get(42 as never))).toEqual(['options']);
    expect(await pathsOf(() => cache.get({ signal: {} as AbortSignal }))).toEqual(['signal']);
    expect(await pathsOf(() => cache.get({ forceRefresh: 'yes' as never }))).toEqual(['forceRefresh']);
    expect(server.requests).toHaveLength(0);
    expect((await cache.get(null as never)).token).toBe('token-1');
    expect(server.requests).toHaveLength(1);
  });
});

describe('RequestInit options fetch would refuse (openapi-fetch passes them on)', () => {
  // Each was a TypeError inside fetch: a ConnectionError, retried for a GET, with nothing sent.
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['credentials', { credentials: 'bogus' }, 'credentials'],
    ['mode: navigate', { mode: 'navigate' }, 'mode'],
    ['cache', { cache: 'sometimes' }, 'cache'],
    ['referrerPolicy', { referrerPolicy: 'always' }, 'referrerPolicy'],
    ['duplex', { duplex: 'full' }, 'duplex'],
    ['window', { window: {} }, 'window'],
    // A fast-check seed found this one reaching fetch: `null ?? the client's` was no cache at all.
    ['cache: null', { cache: null }, 'cache'],
  ];
  const withoutSameOrigin: (typeof bad)[number] = ['cache: only-if-cached without same-origin', { cache: 'only-if-cached' }, 'cache'];
  it.each([...bad, withoutSameOrigin])('%s, given to the client: ValidationError at creation', async (_name, option, path) => {
    const server = await ok();
    expect(await pathsOf(() => client(server.url, option))).toEqual([path]);
    expect(server.requests).toHaveLength(0);
  });
  it.each([...bad, withoutSameOrigin])('%s, given to a call: ValidationError, nothing sent', async (_name, option, path) => {
    const server = await ok();
    expect(await pathsOf(() => client(server.url).GET('/things', option))).toEqual([path]);
    expect(server.requests).toHaveLength(0);
  });
  it('the values fetch takes are sent; a call’s mode is checked with the client’s cache', async () => {
    const server = await ok();
    const api = client(server.url, { credentials: 'omit', referrerPolicy: '', priority: 'low' });
    expect((await api.GET('/things', { cache: 'no-store', mode: 'cors', window: null })).error).toBeUndefined();
    const cachedOnly = client(server.url, { cache: 'only-if-cached', mode: 'same-origin' });
    expect((await cachedOnly.GET('/things')).error).toBeUndefined();
    expect(await pathsOf(() => cachedOnly.GET('/things', { mode: 'cors' }))).toEqual(['cache']);
    expect(server.requests).toHaveLength(2);
  });
});
