/**
 * getToken's cache, against a real server on 127.0.0.1 and an injected clock (no
 * waiting for real time): one request per token lifetime, whoever asks.
 */
import type { TestResponse } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, encryptedTokenStore, memoryTokenStore, TimeoutError, type StoredToken, type TokenStore } from '../src/index';
import { CREDENTIALS, formflow, issue, MINUTE, testClock, tokenServer } from './harness';

const failure: TestResponse = { status: 503, body: { message: 'unavailable' } };

/** Lets a background request (to the real server) come to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
/** Waits until `done` holds: a background renewal talks to a real server. */
async function until(done: () => boolean | Promise<boolean>) {
  for (let attempt = 0; attempt < 400 && !(await done()); attempt++) await settle();
  expect(await done()).toBe(true);
}

describe('getToken', () => {
  it('makes exactly one upstream request for 1,000 concurrent calls on a cold cache', async () => {
    const server = await tokenServer();
    const ff = formflow(server, testClock().clock);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => ff.getToken()));
    expect(server.requests).toHaveLength(1);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['token-1']));
  });

  it('serves the cached token until the refresh window (5 minutes before expiry)', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const ff = formflow(server, clock);
    await ff.getToken();
    advance(54 * MINUTE + 59_000); // 5 min 1 s left
    expect((await ff.getToken()).token).toBe('token-1');
    expect(server.requests).toHaveLength(1);
  });

  it('inside the refresh window serves the valid token at once while one background request runs', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const ff = formflow(server, clock);
    await ff.getToken();
    advance(55 * MINUTE); // 5 min left: inside the window
    const tokens = await Promise.all(Array.from({ length: 20 }, () => ff.getToken()));
    expect(tokens.every((t) => t.token === 'token-1')).toBe(true);
    await until(() => server.requests.length === 2);
    await until(async () => (await ff.getToken()).token === 'token-2');
    expect((await ff.getToken()).expiresAt.toISOString()).toBe('2026-01-01T13:55:00.000Z');
    expect(server.requests).toHaveLength(2);
  });

  it('caps the refresh window at half the lifetime: 100 calls with a 60 s token make 1 request', async () => {
    const server = await tokenServer((n) => issue(n, 60));
    const { clock, advance } = testClock();
    const ff = formflow(server, clock);
    for (let call = 0; call < 100; call++) {
      expect((await ff.getToken()).token).toBe('token-1');
      advance(250);
    }
    expect(server.requests).toHaveLength(1);
  });

  it('honours refreshWindowMs', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const ff = formflow(server, clock, { refreshWindowMs: 20 * MINUTE });
    await ff.getToken();
    advance(39 * MINUTE);
    expect((await ff.getToken()).token).toBe('token-1');
    expect(server.requests).toHaveLength(1);
    advance(2 * MINUTE);
    await ff.getToken();
    await until(async () => (await ff.getToken()).token === 'token-2');
  });

  it('does not cache a failed request: the next call tries again', async () => {
    const server = await tokenServer((n) => (n === 1 ? failure : issue(n)));
    const ff = formflow(server, testClock().clock, { maxRetries: 0 });
    await expect(ff.getToken()).rejects.toBeInstanceOf(ApiError);
    expect((await ff.getToken()).token).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });

  it('keeps serving a still-valid token when a refresh inside the window fails, and asks again only after a backoff', async () => {
    const server = await tokenServer((n) => (n === 2 ? failure : issue(n)));
    const { clock, advance } = testClock();
    const ff = formflow(server, clock, { maxRetries: 0 });
    await ff.getToken();
    advance(57 * MINUTE);
    expect((await ff.getToken()).token).toBe('token-1');
    await until(() => server.requests.length === 2);
    await settle();
    for (let call = 0; call < 20; call++) expect((await ff.getToken()).token).toBe('token-1');
    await settle();
    expect(server.requests).toHaveLength(2); // within the first backoff (1 s)
    advance(1000);
    await ff.getToken();
    await until(async () => (await ff.getToken()).token === 'token-3');
    expect(server.requests).toHaveLength(3);
  });

  it('never returns an expired token: past expiry, a failed refresh is thrown', async () => {
    const server = await tokenServer((n) => (n === 1 ? issue(n) : failure));
    const { clock, advance } = testClock();
    const ff = formflow(server, clock, { maxRetries: 0 });
    await ff.getToken();
    advance(60 * MINUTE); // exactly at expiry
    await expect(ff.getToken()).rejects.toMatchObject({ status: 503 });
    advance(MINUTE);
    await expect(ff.getToken()).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it('never returns an expired token: past expiry, a new one is asked for', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const ff = formflow(server, clock);
    await ff.getToken();
    advance(61 * MINUTE);
    const token = await ff.getToken();
    expect(token.token).toBe('token-2');
    expect(token.expiresAt.getTime()).toBeGreaterThan(clock.now());
  });

  it('asks for a new token with forceRefresh, and caches it', async () => {
    const server = await tokenServer();
    const ff = formflow(server, testClock().clock);
    expect((await ff.getToken()).token).toBe('token-1');
    expect((await ff.getToken({ forceRefresh: true })).token).toBe('token-2');
    expect((await ff.getToken()).token).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });
});

describe('tokenStore', () => {
  it('keeps plain records under formflow:<baseUrl>:<organizationId>:<clientId>, so clients of one account share them', async () => {
    const server = await tokenServer();
    const { clock } = testClock();
    const store = memoryTokenStore();
    const first = formflow(server, clock, { tokenStore: store });
    const sameCredentials = formflow(server, clock, { tokenStore: store });
    const otherClient = formflow(server, clock, { tokenStore: store, clientId: 'client-8' });
    const otherOrganization = formflow(server, clock, { tokenStore: store, organizationId: 'org-43' });
    expect((await first.getToken()).token).toBe('token-1');
    expect((await sameCredentials.getToken()).token).toBe('token-1');
    expect((await otherClient.getToken()).token).toBe('token-2');
    expect((await otherOrganization.getToken()).token).toBe('token-3');
    expect(server.requests).toHaveLength(3);
    const tokenIn = async (key: string) => JSON.parse((await store.get(`formflow:${server.url}:${key}`))!.value).token;
    expect(await tokenIn('org-42:client-7')).toBe('token-1');
    expect(await tokenIn('org-42:client-8')).toBe('token-2');
    expect(await tokenIn('org-43:client-7')).toBe('token-3');
  });

  it('works with an asynchronous store holding text (a shared store like Redis), encrypted with encryptedTokenStore', async () => {
    const entries = new Map<string, string>();
    const store: TokenStore = {
      get: async (key) => (entries.has(key) ? (JSON.parse(entries.get(key)!) as StoredToken) : undefined),
      set: async (key, record) => void entries.set(key, JSON.stringify(record)),
      delete: async (key) => void entries.delete(key),
    };
    const server = await tokenServer();
    const { clock } = testClock();
    const tokenStore = encryptedTokenStore(store, new Uint8Array(32).fill(1));
    await formflow(server, clock, { tokenStore }).getToken();
    const token = await formflow(server, clock, { tokenStore }).getToken();
    expect(token.token).toBe('token-1');
    expect(token.expiresAt.toISOString()).toBe('2026-01-01T13:00:00.000Z');
    expect(server.requests).toHaveLength(1);
    const key = `formflow:${server.url}:org-42:client-7`;
    expect([...entries.keys()]).toEqual([key]);
    expect(entries.get(key)).not.toContain('token-1');
    expect(entries.get(key)).not.toContain(CREDENTIALS.clientSecret);
  });
});

describe('per-call signal and timeoutMs', () => {
  /** A server that holds its answers until released. */
  async function heldServer() {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = await tokenServer(async (n) => {
      await held;
      return issue(n);
    });
    return { server, release };
  }

  it('an aborted caller stops waiting; the shared request carries on for the others and is cached', async () => {
    const { server, release } = await heldServer();
    const ff = formflow(server, testClock().clock);
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const leaving = ff.getToken({ signal: controller.signal });
    const staying = ff.getToken();
    controller.abort(reason);
    await expect(leaving).rejects.toBe(reason);
    release();
    expect((await staying).token).toBe('token-1');
    expect((await ff.getToken()).token).toBe('token-1');
    expect(server.requests).toHaveLength(1);
  });

  it('an already aborted signal rejects at once', async () => {
    const server = await tokenServer();
    const reason = new Error('never mind');
    await expect(formflow(server, testClock().clock).getToken({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('timeoutMs bounds the wait with a TimeoutError (on the injected clock); the token still gets cached', async () => {
    const { server, release } = await heldServer();
    const { clock, delays } = testClock(); // its sleep resolves at once: the timeout fires while the server holds
    const ff = formflow(server, clock);
    const failure = await ff.getToken({ timeoutMs: 2500 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TimeoutError);
    expect(failure).toMatchObject({ provider: 'formflow', timeoutMs: 2500, message: 'formflow: no token within 2500 ms' });
    expect(delays).toEqual([2500]);
    release();
    expect((await ff.getToken()).token).toBe('token-1');
    expect(server.requests).toHaveLength(1);
  });

  it('a token that comes in time is returned, whatever the signal and timeoutMs', async () => {
    const server = await tokenServer();
    const { clock } = testClock();
    // A sleep that only ends when aborted: the timeout never fires, and waitFor must end it.
    const sleep = (_: number, signal?: AbortSignal) => new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const ff = formflow(server, { now: clock.now, sleep });
    expect((await ff.getToken({ timeoutMs: 60_000, signal: new AbortController().signal })).token).toBe('token-1');
  });
});
