/**
 * Retries against a real server on 127.0.0.1: which answers and failures are
 * retried, how many attempts a call makes, and how long it waits in between.
 * Waits are observed through an injected clock (the requested ms are recorded,
 * the sleep resolves at once); nothing here measures wall time.
 */
import {
  closedPortUrl,
  resetSocket,
  type TestResponse,
} from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  RateLimitError,
  TokensError,
  createApiClient,
  type ApiClientOptions,
  type Clock,
} from '../src/index';
import { countingFetch, rejectionOf, serve, serveRaw, type LooseClient, type Paths } from './support/runtime-harness';

/** A clock that records each requested sleep and resolves it at once. */
function recordingClock(now = 0): { clock: Clock; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    clock: {
      now: () => now,
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
  };
}

type TestOptions = Partial<Omit<ApiClientOptions, 'provider'>>;

function client(baseUrl: string, options: TestOptions = {}) {
  const { clock, delays } = recordingClock();
  const api = createApiClient<Paths>({ provider: 'example', baseUrl, clock, random: () => 0, ...options }) as unknown as LooseClient;
  return { api, delays };
}

const unavailable: TestResponse = { status: 503, body: { message: 'try later' } };

describe('how many attempts a call makes', () => {
  it('makes three attempts by default (maxRetries 2) on a persistent 503 to a GET, and returns the last 503 as an ApiError', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url);
    const { data, error, response } = await api.GET('/things');
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(503);
    expect(error!.body).toEqual({ message: 'try later' });
    expect(response.status).toBe(503);
  });

  it('makes three attempts on a persistent 503 to a POST that safeToRepeat allows', async () => {
    const server = await serve(() => unavailable);
    const { api } = client(server.url, { safeToRepeat: () => true });
    const { error } = await api.POST('/orders', { body: { id: 1 } });
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(503);
  });

  it('returns the data, and no error, when the third attempt succeeds after two 503s', async () => {
    let count = 0;
    const server = await serve(() => (++count <= 2 ? unavailable : { status: 200, body: { ok: true } }));
    const { api, delays } = client(server.url);
    const { data, error, response } = await api.GET('/things');
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([500, 1000]);
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: true });
    expect(response.status).toBe(200);
  });

  it('makes exactly one attempt with maxRetries: 0 on the client, on a 503', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url, { maxRetries: 0 });
    const { error } = await api.GET('/things');
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(503);
  });

  it('makes exactly one attempt with maxRetries: 0 on the client, on a 429', async () => {
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } }));
    const { api, delays } = client(server.url, { maxRetries: 0 });
    const { error } = await api.POST('/orders', { body: { id: 1 } });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error!.status).toBe(429);
  });

  it('makes exactly one attempt with maxRetries: 0 on the call, on a 503', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url);
    const { error } = await api.GET('/things', { maxRetries: 0 });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error!.status).toBe(503);
  });

  it('makes exactly one attempt with maxRetries: 0 on the call, on a 429', async () => {
    const server = await serve(() => ({ status: 429, body: { message: 'slow down' } }));
    const { api, delays } = client(server.url, { maxRetries: 5 });
    const { error } = await api.POST('/orders', { body: { id: 1 }, maxRetries: 0 });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error!.status).toBe(429);
  });

  it('lets a per-call maxRetries raise the client’s', async () => {
    const server = await serve(() => unavailable);
    const { api } = client(server.url, { maxRetries: 0 });
    await api.GET('/things', { maxRetries: 3 });
    expect(server.requests).toHaveLength(4);
  });

  it('lets a per-call maxRetries lower the client’s', async () => {
    const server = await serve(() => unavailable);
    const { api } = client(server.url, { maxRetries: 5 });
    await api.GET('/things', { maxRetries: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('makes maxRetries + 1 attempts for a client maxRetries of 1', async () => {
    const server = await serve(() => unavailable);
    const { api } = client(server.url, { maxRetries: 1 });
    await api.GET('/things');
    expect(server.requests).toHaveLength(2);
  });
});

describe('backoff between attempts', () => {
  it('waits exactly 500 then 1000 ms with random () => 0 (no jitter)', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url, { random: () => 0 });
    await api.GET('/things');
    expect(delays).toEqual([500, 1000]);
  });

  it('waits exactly 375 then 750 ms with random () => 1 (the full 25 % jitter)', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url, { random: () => 1 });
    await api.GET('/things');
    expect(delays).toEqual([375, 750]);
  });

  it('waits exactly 437.5 then 875 ms with random () => 0.5', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url, { random: () => 0.5 });
    await api.GET('/things');
    expect(delays).toEqual([437.5, 875]);
  });

  it('starts from retryTiming.initialDelayMs and doubles it', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url, { retryTiming: { initialDelayMs: 100 }, maxRetries: 3 });
    await api.GET('/things');
    expect(delays).toEqual([100, 200, 400]);
  });

  it('waits retryTiming.initialDelayMs first, as documented, even above 8 s (only maxDelayMs caps the backoff)', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url, { retryTiming: { initialDelayMs: 10_000 } });
    await api.GET('/things');
    expect(delays).toEqual([10_000, 20_000]);
  });

  it('caps the backoff at retryTiming.maxDelayMs', async () => {
    const server = await serve(() => unavailable);
    const { api, delays } = client(server.url, { retryTiming: { maxDelayMs: 700 }, maxRetries: 3 });
    await api.GET('/things');
    expect(delays).toEqual([500, 700, 700]);
  });
});

describe('Retry-After', () => {
  it('waits 3000 ms for Retry-After: 3', async () => {
    const server = await serve(() => ({ ...unavailable, headers: { 'retry-after': '3' } }));
    const { api, delays } = client(server.url);
    await api.GET('/things');
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([3000, 3000]);
  });

  it('waits until an HTTP-date Retry-After, counted from the injected clock’s now', async () => {
    const now = Date.UTC(2031, 4, 6, 7, 8, 9);
    const server = await serve(() => ({ ...unavailable, headers: { 'retry-after': new Date(now + 7000).toUTCString() } }));
    const { clock, delays } = recordingClock(now);
    const { api } = client(server.url, { clock });
    await api.GET('/things');
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([7000, 7000]);
  });

  it('waits 1234 ms for retry-after-ms: 1234', async () => {
    const server = await serve(() => ({ ...unavailable, headers: { 'retry-after-ms': '1234' } }));
    const { api, delays } = client(server.url);
    await api.GET('/things');
    expect(delays).toEqual([1234, 1234]);
  });

  it.each(['-1', '0x10'])('ignores a retry-after-ms that is no plain number of ms (%j): Retry-After applies', async (value) => {
    const server = await serve(() => ({ ...unavailable, headers: { 'retry-after-ms': value, 'retry-after': '3' } }));
    const { api, delays } = client(server.url);
    await api.GET('/things');
    expect(delays).toEqual([3000, 3000]);
  });

  it('prefers retry-after-ms over Retry-After', async () => {
    const server = await serve(() => ({ ...unavailable, headers: { 'retry-after-ms': '1234', 'retry-after': '3' } }));
    const { api, delays } = client(server.url);
    await api.GET('/things');
    expect(delays).toEqual([1234, 1234]);
  });

  it.each([429, 503])('a %i whose Retry-After (seconds) is past the default 60 000 ms is a RateLimitError at once: one request, no sleep', async (status) => {
    const server = await serve(() => ({ status, headers: { 'retry-after': '86400' }, body: { message: 'come back tomorrow' } }));
    const { api, delays } = client(server.url);
    const { error } = await api.GET('/things');
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'RateLimitError', status, retryAfterMs: 86_400_000, body: { message: 'come back tomorrow' } });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('a far-away HTTP-date Retry-After is a RateLimitError too, counted from the injected clock', async () => {
    const now = Date.UTC(2031, 4, 6, 7, 8, 9);
    const server = await serve(() => ({ ...unavailable, headers: { 'retry-after': new Date(now + 86_400_000).toUTCString() } }));
    const { clock, delays } = recordingClock(now);
    const { api } = client(server.url, { clock });
    const { error } = await api.GET('/things');
    expect((error as RateLimitError).retryAfterMs).toBe(86_400_000);
    expect([server.requests.length, delays.length]).toEqual([1, 0]);
  });

  it('the longest retry delay is retryTiming.maxDelayMs: past it a RateLimitError, up to it a wait (also for a POST, whose 429 is retried)', async () => {
    const server = await serve((request) => ({ status: 429, headers: { 'retry-after': request.url === '/far' ? '11' : '10' }, body: { message: 'slow down' } }));
    const { api, delays } = client(server.url, { retryTiming: { maxDelayMs: 10_000 } });
    const far = await api.POST('/far', { body: {} });
    expect(far.error).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
    const near = await api.POST('/near', { body: {} });
    expect(near.error).not.toBeInstanceOf(RateLimitError);
    expect(delays).toEqual([10_000, 10_000]);
  });

  it.each(['soon, maybe -1', 'tomorrow 10', 'in 5 minutes', 'Mon 2024', '-1', ''])(
    'a Retry-After that is no delay nor HTTP date (%j) is ignored: the backoff applies, not "retry now"',
    async (value) => {
      const server = await serve(() => ({ ...unavailable, headers: { 'retry-after': value } }));
      const { api, delays } = client(server.url);
      await api.GET('/things');
      expect(delays).toEqual([500, 1000]);
    },
  );

  // Seven seconds after the clock's now (Tuesday 6 May 2031, 07:08:09 GMT), in each form RFC 9110 allows.
  it.each([
    ['IMF-fixdate', 'Tue, 06 May 2031 07:08:16 GMT'],
    ['RFC 850', 'Tuesday, 06-May-31 07:08:16 GMT'],
    ['asctime (GMT)', 'Tue May  6 07:08:16 2031'],
  ])('an HTTP-date Retry-After in %s form is honoured', async (_, value) => {
    const now = Date.UTC(2031, 4, 6, 7, 8, 9);
    const server = await serve(() => ({ ...unavailable, headers: { 'retry-after': value } }));
    const { clock, delays } = recordingClock(now);
    const { api } = client(server.url, { clock });
    await api.GET('/things');
    expect(delays).toEqual([7000, 7000]);
  });

  it('honours Retry-After on a 429 to a POST', async () => {
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '2' }, body: { message: 'slow down' } }));
    const { api, delays } = client(server.url);
    await api.POST('/orders', { body: { id: 1 } });
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([2000, 2000]);
  });
});

describe('which answers are retried', () => {
  it.each([408, 429])('retries a %i even for a POST that is not safe to repeat', async (status) => {
    const server = await serve(() => ({ status, body: { message: 'again' } }));
    const { api, delays } = client(server.url);
    const { error } = await api.POST('/orders', { body: { id: 1 } });
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([500, 1000]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(status);
  });

  it.each([500, 502, 503, 504])('does not retry a %i for a POST that is not safe to repeat (default safeToRepeat)', async (status) => {
    const server = await serve(() => ({ status, body: { message: 'broken' } }));
    const { api, delays } = client(server.url);
    const { error } = await api.POST('/orders', { body: { id: 1 } });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.status).toBe(status);
  });

  it('does not retry a 503 for a PATCH (not safe to repeat by default)', async () => {
    const server = await serve(() => unavailable);
    const { api } = client(server.url);
    await api.PATCH('/orders/1', { body: { id: 1 } });
    expect(server.requests).toHaveLength(1);
  });

  it.each(['GET', 'PUT', 'DELETE'] as const)('retries a 503 for a %s (safe to repeat by default)', async (method) => {
    const server = await serve(() => unavailable);
    const { api } = client(server.url);
    await api[method]('/orders/1', method === 'PUT' ? { body: { id: 1 } } : {});
    expect(server.requests).toHaveLength(3);
  });

  it.each([500, 502, 504])('retries a %i for a GET', async (status) => {
    const server = await serve(() => ({ status, body: { message: 'broken' } }));
    const { api } = client(server.url);
    await api.GET('/things');
    expect(server.requests).toHaveLength(3);
  });

  it('asks safeToRepeat with the method and the path as the call names it', async () => {
    const server = await serve(() => unavailable);
    const asked: Array<[string, string]> = [];
    const { api } = client(server.url, {
      safeToRepeat: (method, path) => {
        asked.push([method, path]);
        return path === '/orders/{id}/cancel';
      },
    });
    await api.POST('/orders/{id}/cancel', { params: { path: { id: '7' } }, body: {} });
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]!.url).toBe('/orders/7/cancel');
    expect(asked).toEqual([['POST', '/orders/{id}/cancel']]);
  });

  const neverRetried = [400, 401, 403, 404, 409, 422];
  it.each(neverRetried)('never retries a %i to a GET', async (status) => {
    const server = await serve(() => ({ status, body: { message: 'no' } }));
    const { api, delays } = client(server.url);
    const { error } = await api.GET('/things');
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error!.status).toBe(status);
  });

  it.each(neverRetried)('never retries a %i to a POST, even one safe to repeat', async (status) => {
    const server = await serve(() => ({ status, body: { message: 'no' } }));
    const { api, delays } = client(server.url, { safeToRepeat: () => true });
    const { error } = await api.POST('/orders', { body: { id: 1 } });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error!.status).toBe(status);
  });

  it('does not retry a success', async () => {
    const server = await serve(() => ({ status: 201, body: { id: 1 } }));
    const { api, delays } = client(server.url);
    const { data } = await api.POST('/orders', { body: { id: 1 } });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(data).toEqual({ id: 1 });
  });
});

describe('connection failures', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const)(
    'retries a refused connection for a %s, then throws a ConnectionError',
    async (method) => {
      const counter = countingFetch();
      const { api, delays } = client(await closedPortUrl(), { fetch: counter.fetch });
      const error = await rejectionOf(api[method]('/things', method === 'GET' || method === 'DELETE' ? {} : { body: { id: 1 } }));
      expect(counter.calls()).toBe(3);
      expect(delays).toEqual([500, 1000]);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toBeInstanceOf(TokensError);
      expect((error as ConnectionError).errorCode).toBe('ECONNREFUSED');
    },
  );

  it('makes exactly one attempt on a refused connection with maxRetries: 0', async () => {
    const counter = countingFetch();
    const { api, delays } = client(await closedPortUrl(), { fetch: counter.fetch, maxRetries: 0 });
    const error = await rejectionOf(api.GET('/things'));
    expect(counter.calls()).toBe(1);
    expect(delays).toEqual([]);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('retries a socket reset mid-request for a GET', async () => {
    const server = await serveRaw((_request, req) => resetSocket(req));
    const { api, delays } = client(server.url);
    const error = await rejectionOf(api.GET('/things'));
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([500, 1000]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).errorCode).toBe('ECONNRESET');
  });

  it('retries a socket reset mid-request for a POST that safeToRepeat allows', async () => {
    const server = await serveRaw((_request, req) => resetSocket(req));
    const { api } = client(server.url, { safeToRepeat: () => true });
    const error = await rejectionOf(api.POST('/orders', { body: { id: 1 } }));
    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('does not retry a socket reset mid-request for a POST that is not safe to repeat', async () => {
    const server = await serveRaw((_request, req) => resetSocket(req));
    const { api, delays } = client(server.url);
    const error = await rejectionOf(api.POST('/orders', { body: { id: 1 } }));
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('succeeds on the retry after a socket reset for a GET', async () => {
    const server = await serveRaw((_request, req, res) => {
      if (server.requests.length === 1) return resetSocket(req);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const { api, delays } = client(server.url);
    const { data, error } = await api.GET('/things');
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([500]);
    expect(error).toBeUndefined();
    expect(data).toEqual({ ok: true });
  });
});

describe('every attempt sends the same request', () => {
  it('sends an identical method, URL, body and headers on each of three attempts', async () => {
    const server = await serve(() => unavailable);
    const { api } = client(server.url, { safeToRepeat: () => true, headers: { 'x-client': 'c1' } });
    const body = { name: 'Zoë', items: [1, 2, 3], nested: { deep: true } };
    await api.POST('/orders/{id}', {
      params: { path: { id: 'a b' }, query: { q: 'x' } },
      body,
      version: 2,
      headers: { 'x-call': 'k1' },
    });
    expect(server.requests).toHaveLength(3);
    const [first, ...rest] = server.requests;
    expect(first!.method).toBe('POST');
    expect(first!.url).toBe('/orders/a%20b?q=x');
    expect(JSON.parse(first!.body)).toEqual(body);
    expect(first!.headers['content-type']).toBe('application/json;version=2');
    expect(first!.headers['accept']).toBe('application/json;version=2');
    expect(first!.headers['x-client']).toBe('c1');
    expect(first!.headers['x-call']).toBe('k1');
    for (const again of rest) {
      expect(again.method).toBe(first!.method);
      expect(again.url).toBe(first!.url);
      expect(again.body).toBe(first!.body);
      expect(again.headers).toEqual(first!.headers);
    }
  });
});

describe('aborting during a backoff sleep', () => {
  /** A clock whose sleep records the ms and then waits until the signal it was given aborts. */
  function abortableClock() {
    const delays: number[] = [];
    let sleeping!: () => void;
    const asleep = new Promise<void>((resolve) => (sleeping = resolve));
    const clock: Clock = {
      now: () => 0,
      sleep: (ms, signal) => {
        delays.push(ms);
        sleeping();
        return new Promise<void>((_resolve, reject) => {
          if (!signal) return reject(new Error('the client slept without passing the caller’s signal'));
          if (signal.aborted) return reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      },
    };
    return { clock, delays, asleep };
  }

  it('rejects with the signal’s reason and makes no further attempt', async () => {
    const server = await serve(() => unavailable);
    const { clock, delays, asleep } = abortableClock();
    const { api } = client(server.url, { clock });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const call = rejectionOf(api.GET('/things', { signal: controller.signal }));
    await asleep;
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([500]);
  });

  it('rejects with an AbortError when abort() is called without a reason', async () => {
    const server = await serve(() => ({ status: 429, body: {} }));
    const { clock, asleep } = abortableClock();
    const { api } = client(server.url, { clock });
    const controller = new AbortController();
    const call = rejectionOf(api.POST('/orders', { body: { id: 1 }, signal: controller.signal }));
    await asleep;
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(server.requests).toHaveLength(1);
  });
});
