/**
 * getToken's cache (core's createTokenCache) seen through the provider: one request
 * for 1,000 concurrent callers, the refresh window, failures not cached, expired
 * tokens never served, forceRefresh, and a pluggable store keyed by base URL and
 * username. Time is an injected clock.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, memoryTokenStore, type FinpayToken, type TokenStore } from '../src/index';
import { bodyOf, finpay, MINUTE, rejectionOf, SAMPLE_EXPIRES_AT, success, testClock, tokenServer } from './support';

/** Waits until `done` holds: a background renewal talks to a real server. */
async function until(done: () => Promise<boolean>) {
  for (let attempt = 0; attempt < 400 && !(await done()); attempt++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(await done()).toBe(true);
}

/** The sample token expires 2024-08-24T09:23:30Z; the clock starts 2024-08-21T07:27:50Z. */
const LIFETIME = Date.parse(SAMPLE_EXPIRES_AT) - Date.UTC(2024, 7, 21, 7, 27, 50);

describe('the token cache', () => {
  it('makes exactly one upstream request for 1,000 concurrent getToken() calls on a cold cache', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = await tokenServer(async (n) => {
      await gate;
      return success(n);
    });
    const client = finpay(server, testClock().clock);
    const pending = Array.from({ length: 1000 }, () => client.getToken());
    release();
    const tokens = await Promise.all(pending);
    expect(server.requests).toHaveLength(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[999]!.token).toBe('token-1');
  });

  it('serves the cached token without a request until the refresh window (5 minutes by default)', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const client = finpay(server, clock);
    await client.getToken();
    advance(LIFETIME - 5 * MINUTE - 1000); // 5 minutes and 1 second left
    expect((await client.getToken()).token).toBe('token-1');
    expect(server.requests).toHaveLength(1);
  });

  it('inside the refresh window serves the valid token at once and makes one new request in the background', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const client = finpay(server, clock);
    await client.getToken();
    advance(LIFETIME - 4 * MINUTE);
    const served = await Promise.all([client.getToken(), client.getToken(), client.getToken()]);
    expect(served.map((token) => token.token)).toEqual(['token-1', 'token-1', 'token-1']);
    await until(async () => (await client.getToken()).token === 'token-2');
    expect(server.requests).toHaveLength(2);
    // The new request carries a new transNumber and the later reqDtime.
    expect(bodyOf(server.requests[1]).transNumber).not.toBe(bodyOf(server.requests[0]).transNumber);
    expect(bodyOf(server.requests[1]).reqDtime).toBe('20240824161930');
  });

  it('honours a custom refreshWindowMs', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const client = finpay(server, clock, { refreshWindowMs: 60 * MINUTE });
    await client.getToken();
    advance(LIFETIME - 61 * MINUTE);
    await client.getToken();
    expect(server.requests).toHaveLength(1);
    advance(2 * MINUTE);
    expect((await client.getToken()).token).toBe('token-1');
    await until(async () => (await client.getToken()).token === 'token-2');
  });

  it('does not cache a failure: the next call asks again', async () => {
    const server = await tokenServer((n) => (n === 1 ? { status: 200, body: { statusCode: '005', statusDesc: 'Gagal' } } : success(n)));
    const client = finpay(server, testClock().clock);
    expect(await rejectionOf(client.getToken())).toBeInstanceOf(ApiError);
    expect((await client.getToken()).token).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });

  it('never returns an expired token: after expiry a failed refresh rejects', async () => {
    const server = await tokenServer((n) => (n === 1 ? success(n) : { status: 200, body: { statusCode: '005', statusDesc: 'Gagal' } }));
    const { clock, advance } = testClock();
    const client = finpay(server, clock);
    await client.getToken();
    advance(LIFETIME + 1000);
    expect(await rejectionOf(client.getToken())).toBeInstanceOf(ApiError);
    expect(server.requests).toHaveLength(2);
  });

  it('asks again on forceRefresh, with the transNumber given', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock);
    await client.getToken();
    const forced = await client.getToken({ forceRefresh: true, transNumber: 'RETRY2' });
    expect(forced.token).toBe('token-2');
    expect(forced.transNumber).toBe('RETRY2');
    expect(bodyOf(server.requests[1]).transNumber).toBe('RETRY2');
    expect((await client.getToken()).token).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });

  it('sends nothing for a transNumber given to a call the cache serves: the token says which transNumber issued it', async () => {
    const server = await tokenServer();
    const client = finpay(server, testClock().clock);
    const first = await client.getToken({ transNumber: 'FIRST1' });
    const second = await client.getToken({ transNumber: 'SECOND2' });
    expect(second).toBe(first);
    expect(second.transNumber).toBe('FIRST1');
    expect(server.requests).toHaveLength(1);
  });

  it('keeps tokens in the tokenStore given, under finpay:<baseUrl>:<username>', async () => {
    const server = await tokenServer();
    const inner = memoryTokenStore();
    const writes: string[] = [];
    const store: TokenStore = {
      get: async (key) => inner.get(key),
      set: async (key, record, ttlMs) => {
        writes.push(`${key}=${(JSON.parse(record.value) as FinpayToken).token}`);
        await inner.set(key, record, ttlMs);
      },
      delete: async (key) => inner.delete(key),
    };
    const { clock } = testClock();
    const first = finpay(server, clock, { tokenStore: store });
    await first.getToken();
    // Another client with the same base URL and username shares the stored token...
    expect((await finpay(server, clock, { tokenStore: store }).getToken()).token).toBe('token-1');
    // ...one with another username does not.
    expect((await finpay(server, clock, { tokenStore: store, username: 'merchant-8' }).getToken()).token).toBe('token-2');
    expect(writes).toEqual([`finpay:${server.url}/apicobrand:merchant-7=token-1`, `finpay:${server.url}/apicobrand:merchant-8=token-2`]);
    expect(server.requests).toHaveLength(2);
  });

  it('keeps a cache per client by default', async () => {
    const server = await tokenServer();
    const { clock } = testClock();
    await finpay(server, clock).getToken();
    await finpay(server, clock).getToken();
    expect(server.requests).toHaveLength(2);
  });
});
