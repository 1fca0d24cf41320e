/**
 * Every way a call can go wrong, against a real server on 127.0.0.1: each ends
 * in one of the named error classes (returned as `error` when the provider
 * answered, thrown otherwise), never in a bare TypeError or SyntaxError.
 * Retries are off (`maxRetries: 0`) unless a test says otherwise; nothing here
 * measures wall time.
 */
import {
  closedPortUrl,
  destroySocket,
  resetSocket,
  type TestResponse,
} from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  TimeoutError,
  TokensError,
  ValidationError,
  VersionNotSupportedError,
  createApiClient,
  type ApiClientOptions,
  type ApiResult,
  type Clock,
} from '../src/index';
import { countingFetch, rejectionOf, serve, serveRaw, type LooseClient, type LooseInit, type Paths } from './support/runtime-harness';

/** Sleeps resolve at once: a stray retry never waits in real time. */
const instantClock: Clock = { now: () => 0, sleep: async () => {} };

type TestOptions = Partial<Omit<ApiClientOptions, 'provider'>>;

function client(baseUrl: string, options: TestOptions = {}): LooseClient {
  return createApiClient<Paths>({ provider: 'example', baseUrl, clock: instantClock, maxRetries: 0, ...options }) as unknown as LooseClient;
}

/** What `run` throws; fails the test when it returns. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but nothing was thrown');
}

/** Asserts a thrown error is the named TokensError class (and no bare TypeError/SyntaxError). */
function expectTokensError<E extends TokensError>(error: unknown, type: abstract new (...args: never[]) => E): E {
  expect(error).not.toBeInstanceOf(SyntaxError);
  expect(error).toBeInstanceOf(TokensError);
  expect(error).toBeInstanceOf(type);
  expect((error as TokensError).provider).toBe('example');
  return error as E;
}

/** Asserts a call's outcome is an `error` of the given ApiError class, with no data. */
function expectApiError<E extends ApiError>(result: ApiResult<unknown, unknown>, type: abstract new (...args: never[]) => E): E {
  expect(result.data).toBeUndefined();
  return expectTokensError(result.error, type);
}

describe('answers that are not usable JSON', () => {
  it('returns an HTML 502 page from a proxy as an ApiError with status 502 and the text as body', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>';
    const server = await serve(() => ({ status: 502, headers: { 'content-type': 'text/html' }, body: html }));
    const result = await client(server.url).POST('/tokens', { body: { a: 1 } });
    const error = expectApiError(result, ApiError);
    expect(error).not.toBeInstanceOf(VersionNotSupportedError);
    expect(error.status).toBe(502);
    expect(error.body).toBe(html);
    expect(result.response.status).toBe(502);
  });

  it('returns the HTML 502 page as an ApiError after retrying a GET too', async () => {
    const html = '<html><body>Bad Gateway</body></html>';
    const server = await serve(() => ({ status: 502, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html }));
    const result = await client(server.url, { maxRetries: 2 }).GET('/tokens');
    expect(server.requests).toHaveLength(3);
    const error = expectApiError(result, ApiError);
    expect(error.status).toBe(502);
    expect(error.body).toBe(html);
  });

  it.each([500, 404])('returns an empty-body %i as an ApiError with body undefined', async (status) => {
    const server = await serve(() => ({ status }));
    const result = await client(server.url).GET('/tokens');
    const error = expectApiError(result, ApiError);
    expect(error.status).toBe(status);
    expect(error.body).toBeUndefined();
    expect(error.code).toBeUndefined();
  });

  it('returns an empty-body 500 labelled application/json as an ApiError with body undefined', async () => {
    const server = await serveRaw((_request, _req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end());
    const result = await client(server.url).GET('/tokens');
    const error = expectApiError(result, ApiError);
    expect(error.status).toBe(500);
    expect(error.body).toBeUndefined();
  });

  it('returns invalid JSON labelled application/json on a 200 as an ApiError saying invalid JSON', async () => {
    const server = await serve(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"token": "abc",' }));
    const result = await client(server.url).POST('/tokens', { body: {} });
    const error = expectApiError(result, ApiError);
    expect(error).not.toBeInstanceOf(VersionNotSupportedError);
    expect(error.status).toBe(200);
    expect(error.message).toContain('invalid JSON');
    // It may be a token answer: its kind and length, not its text.
    expect(error.body).toBe('[REDACTED] JSON text that does not parse, 16 characters');
  });

  it('returns invalid JSON labelled application/json on a 400 as an ApiError with the raw text as body', async () => {
    const server = await serve(() => ({ status: 400, headers: { 'content-type': 'application/json' }, body: 'Bad Request: {oops' }));
    const result = await client(server.url).POST('/tokens', { body: {} });
    const error = expectApiError(result, ApiError);
    expect(error.status).toBe(400);
    expect(error.body).toBe('Bad Request: {oops');
  });

  it('returns a 200 text/html answer to a JSON request as an ApiError', async () => {
    const html = '<html><body>Welcome to the login page</body></html>';
    const server = await serve(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: html }));
    const result = await client(server.url).POST('/tokens', { body: {} });
    const error = expectApiError(result, ApiError);
    expect(error.status).toBe(200);
    expect(error.body).toBe(`[REDACTED] HTML or XML text, ${html.length} characters`);
    expect(error.message).toContain('text/html');
  });

  it('parses JSON text from a 2xx without a Content-Type', async () => {
    const server = await serveRaw((_request, _req, res) => res.writeHead(200).end('{"token":"abc"}'));
    const { data, error } = await client(server.url).POST('/tokens', { body: {} });
    expect(error).toBeUndefined();
    expect(data).toEqual({ token: 'abc' });
  });

  it('returns non-JSON text from a 2xx without a Content-Type as an ApiError', async () => {
    const server = await serveRaw((_request, _req, res) => res.writeHead(200).end('OK then'));
    const result = await client(server.url).POST('/tokens', { body: {} });
    const error = expectApiError(result, ApiError);
    expect(error.status).toBe(200);
    expect(error.body).toBe('[REDACTED] text, 7 characters');
  });

  it('gives data undefined and no error for a 200 with an empty body', async () => {
    const server = await serve(() => ({ status: 200 }));
    const { data, error, response } = await client(server.url).POST('/tokens', { body: {} });
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it('gives data undefined and no error for a 200 with an empty body labelled application/json', async () => {
    const server = await serveRaw((_request, _req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end());
    const { data, error } = await client(server.url).POST('/tokens', { body: {} });
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();
  });
});

describe('versions', () => {
  it.each([406, 415])('returns a %i as a VersionNotSupportedError naming the media type asked for', async (status) => {
    const server = await serve(() => ({ status, body: { message: 'unsupported' } }));
    const result = await client(server.url).POST('/tokens', { body: {}, version: 2 });
    const error = expectApiError(result, VersionNotSupportedError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(status);
    expect(error.requestedMediaType).toBe('application/json;version=2');
    expect(error.message).toContain('application/json;version=2');
    expect(server.requests[0]!.headers['accept']).toBe('application/json;version=2');
  });

  it('names application/json in a 406 to a call without a version', async () => {
    const server = await serve(() => ({ status: 406 }));
    const result = await client(server.url).GET('/tokens');
    const error = expectApiError(result, VersionNotSupportedError);
    expect(error.requestedMediaType).toBe('application/json');
    expect(error.message).toContain('application/json');
  });

  it('names a vendor media type in a 415 to a call that chose it', async () => {
    const server = await serve(() => ({ status: 415 }));
    const result = await client(server.url).PUT('/widgets/1', { body: {}, mediaType: 'application/vnd.acme.v2+json' });
    const error = expectApiError(result, VersionNotSupportedError);
    expect(error.requestedMediaType).toBe('application/vnd.acme.v2+json');
    expect(error.message).toContain('application/vnd.acme.v2+json');
  });

  it('returns a 2xx in another version than asked as a VersionNotSupportedError', async () => {
    const server = await serve(() => ({ status: 200, headers: { 'content-type': 'application/json;version=1' }, body: { token: 'abc' } }));
    const result = await client(server.url).POST('/tokens', { body: {}, version: 2 });
    const error = expectApiError(result, VersionNotSupportedError);
    expect(error.status).toBe(200);
    expect(error.requestedMediaType).toBe('application/json;version=2');
    expect(error.receivedMediaType).toBe('application/json;version=1');
    expect(error.message).toContain('version 1');
    expect(error.message).toContain('version 2');
  });

  it('returns a 2xx with a version to a call without one as a VersionNotSupportedError, unless it is version 1 (the plain type)', async () => {
    const server = await serve((request) => ({
      status: 200,
      headers: { 'content-type': `application/json;version=${request.url === '/v3' ? 3 : 1}` },
      body: { token: 'abc' },
    }));
    const plain = await client(server.url).POST('/v3', { body: {} });
    const error = expectApiError(plain, VersionNotSupportedError);
    expect([error.requestedMediaType, error.receivedMediaType]).toEqual(['application/json', 'application/json;version=3']);
    expect(error.message).toContain('version 3');
    const v1 = await client(server.url).POST('/v1', { body: {} });
    expect([v1.data, v1.error]).toEqual([{ token: 'abc' }, undefined]);
  });

  it('accepts a 2xx with no version parameter', async () => {
    const server = await serve(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: { token: 'abc' } }));
    const { data, error } = await client(server.url).POST('/tokens', { body: {}, version: 2 });
    expect(error).toBeUndefined();
    expect(data).toEqual({ token: 'abc' });
  });

  it('accepts a 2xx in the version asked, written with quotes, spaces and a charset', async () => {
    const server = await serve(() => ({
      status: 200,
      headers: { 'content-type': 'application/json; version="2"; charset=utf-8' },
      body: { token: 'abc' },
    }));
    const { data, error } = await client(server.url).POST('/tokens', { body: {}, version: 2 });
    expect(error).toBeUndefined();
    expect(data).toEqual({ token: 'abc' });
  });
});

describe('what an ApiError carries', () => {
  it('reads the code and message of an errors[] body', async () => {
    const server = await serve(() => ({ status: 404, body: { errors: [{ code: 'CASE_NOT_FOUND', message: 'Case not found' }] } }));
    const result = await client(server.url).GET('/cases/1');
    const error = expectApiError(result, ApiError);
    expect(error.status).toBe(404);
    expect(error.code).toBe('CASE_NOT_FOUND');
    expect(error.message).toContain('Case not found');
    expect(error.body).toEqual({ errors: [{ code: 'CASE_NOT_FOUND', message: 'Case not found' }] });
  });

  it('reads a top-level code', async () => {
    const server = await serve(() => ({ status: 400, body: { code: 'X' } }));
    const error = expectApiError(await client(server.url).GET('/cases/1'), ApiError);
    expect(error.code).toBe('X');
  });

  it('reads an error_code', async () => {
    const server = await serve(() => ({ status: 400, body: { error_code: 'E42', message: 'nope' } }));
    const error = expectApiError(await client(server.url).GET('/cases/1'), ApiError);
    expect(error.code).toBe('E42');
    expect(error.message).toContain('nope');
  });

  it('uses a custom errorCode option', async () => {
    const server = await serve(() => ({ status: 400, body: { code: 'IGNORED', fault: { id: 'F-7' } } }));
    const seen: unknown[] = [];
    const api = client(server.url, {
      errorCode: (body) => {
        seen.push(body);
        return (body as { fault?: { id?: string } }).fault?.id;
      },
    });
    const error = expectApiError(await api.GET('/cases/1'), ApiError);
    expect(error.code).toBe('F-7');
    expect(seen).toEqual([{ code: 'IGNORED', fault: { id: 'F-7' } }]);
  });

  it('takes the requestId from x-request-id', async () => {
    const server = await serve(() => ({ status: 500, headers: { 'x-request-id': 'req-123' }, body: { message: 'boom' } }));
    const error = expectApiError(await client(server.url).GET('/cases/1'), ApiError);
    expect(error.requestId).toBe('req-123');
  });

  it('takes the requestId from a custom requestIdHeaders, in their order', async () => {
    const server = await serve(() => ({
      status: 500,
      headers: { 'x-request-id': 'req-123', 'x-trace': 'trace-9' },
      body: { message: 'boom' },
    }));
    const error = expectApiError(await client(server.url, { requestIdHeaders: ['x-trace', 'x-request-id'] }).GET('/cases/1'), ApiError);
    expect(error.requestId).toBe('trace-9');
  });

  it('has no requestId when no listed header is there', async () => {
    const server = await serve(() => ({ status: 500, headers: { 'x-trace': 'trace-9' }, body: { message: 'boom' } }));
    const error = expectApiError(await client(server.url).GET('/cases/1'), ApiError);
    expect(error.requestId).toBeUndefined();
  });
});

describe('timeouts', () => {
  it('throws a TimeoutError when the server never answers (client timeoutMs: 50)', async () => {
    const server = await serve(() => new Promise<TestResponse>(() => {}));
    const error = expectTokensError(await rejectionOf(client(server.url, { timeoutMs: 50 }).GET('/slow')), TimeoutError);
    expect(error.timeoutMs).toBe(50);
    // Not asserted: whether the server saw the request before the 50 ms ran out (a loaded machine may not).
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });

  it('throws a TimeoutError when the server never answers (per-call timeoutMs: 50)', async () => {
    const server = await serve(() => new Promise<TestResponse>(() => {}));
    const error = expectTokensError(await rejectionOf(client(server.url).POST('/slow', { body: {}, timeoutMs: 50 })), TimeoutError);
    expect(error.timeoutMs).toBe(50);
  });

  it('aborts a custom fetch that forwards its init: the attempt’s signal (a getter, made when read) reaches it', async () => {
    const server = await serve(() => new Promise<TestResponse>(() => {}));
    const signals: (AbortSignal | null | undefined)[] = [];
    const forwarding = (request: Request, init?: RequestInit) => {
      signals.push(init?.signal);
      return fetch(request, init);
    };
    const error = expectTokensError(await rejectionOf(client(server.url, { fetch: forwarding, timeoutMs: 50 }).POST('/slow', { body: {} })), TimeoutError);
    expect(error.timeoutMs).toBe(50);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
  });

  it('throws a TimeoutError when the server sends headers and then stalls the body', async () => {
    const server = await serveRaw((_request, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"token":');
    });
    const error = expectTokensError(await rejectionOf(client(server.url, { timeoutMs: 50 }).GET('/slow')), TimeoutError);
    expect(error.timeoutMs).toBe(50);
  });
});

describe('the caller’s signal', () => {
  it('rejects with an AbortError, not a TimeoutError, when aborted mid-request', async () => {
    const controller = new AbortController();
    const server = await serve(() => {
      controller.abort();
      return new Promise<TestResponse>(() => {});
    });
    const error = await rejectionOf(client(server.url).GET('/slow', { signal: controller.signal }));
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(error).toBe(controller.signal.reason);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects with the custom reason given to abort()', async () => {
    const controller = new AbortController();
    const reason = new Error('user navigated away');
    const server = await serve(() => {
      controller.abort(reason);
      return new Promise<TestResponse>(() => {});
    });
    expect(await rejectionOf(client(server.url).POST('/slow', { body: {}, signal: controller.signal }))).toBe(reason);
  });

  it('rejects with the reason when aborted while the body is stalled', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    const server = await serveRaw((_request, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"token":', () => controller.abort(reason));
    });
    expect(await rejectionOf(client(server.url).GET('/slow', { signal: controller.signal }))).toBe(reason);
  });

  it('rejects an already-aborted signal before any request reaches the server', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const counter = countingFetch();
    const reason = new Error('too late');
    const error = await rejectionOf(
      client(server.url, { fetch: counter.fetch }).POST('/tokens', { body: {}, signal: AbortSignal.abort(reason) }),
    );
    expect(error).toBe(reason);
    expect(counter.calls()).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an already-aborted signal without a reason with an AbortError', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const error = await rejectionOf(client(server.url).GET('/tokens', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });
});

describe('connection failures', () => {
  it('throws a ConnectionError with errorCode ECONNREFUSED for a refused connection', async () => {
    const error = expectTokensError(await rejectionOf(client(await closedPortUrl()).GET('/tokens')), ConnectionError);
    expect(error.errorCode).toBe('ECONNREFUSED');
  });

  it('throws a ConnectionError when the socket is destroyed before an answer', async () => {
    const server = await serveRaw((_request, req) => destroySocket(req));
    expectTokensError(await rejectionOf(client(server.url).POST('/tokens', { body: {} })), ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it('throws a ConnectionError with errorCode ECONNRESET when the socket is reset before an answer', async () => {
    const server = await serveRaw((_request, req) => resetSocket(req));
    const error = expectTokensError(await rejectionOf(client(server.url).POST('/tokens', { body: {} })), ConnectionError);
    expect(error.errorCode).toBe('ECONNRESET');
  });

  it('throws a ConnectionError when the socket is destroyed in the middle of the body', async () => {
    const server = await serveRaw((_request, req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"token":', () => destroySocket(req));
    });
    expectTokensError(await rejectionOf(client(server.url).GET('/tokens')), ConnectionError);
  });
});

describe('bad options are a ValidationError before any request is sent', () => {
  const badCalls: Array<[string, LooseInit, string]> = [
    ['version: 0', { version: 0 }, 'version'],
    ['version: 1.5', { version: 1.5 }, 'version'],
    ['version and mediaType together', { version: 2, mediaType: 'application/json' }, 'version'],
    ['mediaType: "not a media type"', { mediaType: 'not a media type' }, 'mediaType'],
    ['timeoutMs: 0', { timeoutMs: 0 }, 'timeoutMs'],
    ['maxRetries: -1', { maxRetries: -1 }, 'maxRetries'],
  ];

  it.each(badCalls)('rejects a call with %s', async (_name, init, path) => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const counter = countingFetch();
    const api = client(server.url, { fetch: counter.fetch });
    const error = expectTokensError(await rejectionOf(api.POST('/tokens', { body: { a: 1 }, ...init })), ValidationError);
    expect(error.issues.map((issue) => issue.path)).toContain(path);
    expect(error.message).toContain(path);
    expect(counter.calls()).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  const badClients: Array<[string, TestOptions, string]> = [
    ['timeoutMs: 0', { timeoutMs: 0 }, 'timeoutMs'],
    ['maxRetries: -1', { maxRetries: -1 }, 'maxRetries'],
    ['a relative baseUrl', { baseUrl: '/api' }, 'baseUrl'],
    ['an ftp:// baseUrl', { baseUrl: 'ftp://127.0.0.1/files' }, 'baseUrl'],
  ];

  it.each(badClients)('refuses to create a client with %s', async (_name, options, path) => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const counter = countingFetch();
    const error = expectTokensError(
      thrownBy(() => client(server.url, { fetch: counter.fetch, ...options })),
      ValidationError,
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([path]);
    expect(counter.calls()).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

describe('bad input beyond the options is a ValidationError too, never a bare TypeError', () => {
  it('rejects a header value with a line break before sending', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const counter = countingFetch();
    const error = await rejectionOf(
      client(server.url, { fetch: counter.fetch }).POST('/tokens', { body: {}, headers: { 'x-note': 'one\r\nx-injected: two' } }),
    );
    expect(error).not.toBeInstanceOf(TypeError);
    expectTokensError(error, ValidationError);
    expect(counter.calls()).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a JSON body that cannot be serialised (a BigInt) before sending', async () => {
    const server = await serve(() => ({ status: 200, body: {} }));
    const counter = countingFetch();
    const error = await rejectionOf(client(server.url, { fetch: counter.fetch }).POST('/tokens', { body: { amount: 10n } }));
    expect(error).not.toBeInstanceOf(TypeError);
    expectTokensError(error, ValidationError);
    expect(counter.calls()).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('does not time out at once for a timeoutMs beyond setTimeout’s 2^31-1 ms (it succeeds or is refused up front)', async () => {
    // The answer comes after a short pause; a timer that overflowed to 1 ms fires long before it.
    const server = await serve(() => new Promise<TestResponse>((resolve) => setTimeout(() => resolve({ status: 200, body: { ok: true } }), 50)));
    const outcome = await client(server.url)
      .GET('/tokens', { timeoutMs: 2 ** 31 })
      .then(
        (result) => (result.error ? `error ${result.error.name}` : JSON.stringify(result.data)),
        (error: unknown) => (error instanceof Error ? error.name : String(error)),
      );
    expect(['{"ok":true}', 'ValidationError']).toContain(outcome);
  });
});

describe('a log hook that throws', () => {
  it('does not change the call: the answer is returned, sent once; a failure keeps its own error', async () => {
    const log = () => {
      throw new Error('the log sink is down');
    };
    const server = await serve(() => ({ status: 200, body: { id: 'a-1' } }));
    const { data } = await client(server.url, { log }).GET('/things/{id}', { params: { path: { id: 'a-1' } } });
    expect(data).toStrictEqual({ id: 'a-1' });
    expect(server.requests).toHaveLength(1);

    const error = await rejectionOf(client(await closedPortUrl(), { log }).GET('/things/{id}', { params: { path: { id: 'a-1' } } }));
    expect(error).toBeInstanceOf(ConnectionError);
  });
});
