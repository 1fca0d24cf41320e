/**
 * getToken's cache, against a real server on 127.0.0.1 and an injected clock (no
 * waiting for real time): one request per token lifetime, whoever asks.
 */
import type { TestResponse } from '@tokens/testkit';
import { describe, expect, it } from 'vitest';
import { ApiError, memoryTokenStore, TimeoutError, type FormflowToken } from '../src/index';
import { CREDENTIALS, formflow, issue, MINUTE, testClock, tokenServer } from './harness';

const failure: TestResponse = { status: 503, body: { message: 'unavailable' } };

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

  it('makes one new request for calls inside the refresh window, shared by concurrent callers', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const ff = formflow(server, clock);
    await ff.getToken();
    advance(55 * MINUTE); // 5 min left: inside the window
    const tokens = await Promise.all(Array.from({ length: 20 }, () => ff.getToken()));
    expect(server.requests).toHaveLength(2);
    expect(tokens.every((t) => t.token === 'token-2')).toBe(true);
    expect(tokens[0]!.expiresAt.toISOString()).toBe('2026-01-01T13:55:00.000Z');
    expect((await ff.getToken()).token).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });

  it('honours refreshWindowMs', async () => {
    const server = await tokenServer();
    const { clock, advance } = testClock();
    const ff = formflow(server, clock, { refreshWindowMs: 30 * MINUTE });
    await ff.getToken();
    advance(29 * MINUTE);
    expect((await ff.getToken()).token).toBe('token-1');
    advance(2 * MINUTE);
    expect((await ff.getToken()).token).toBe('token-2');
  });

  it('does not cache a failed request: the next call tries again', async () => {
    const server = await tokenServer((n) => (n === 1 ? failure : issue(n)));
    const ff = formflow(server, testClock().clock, { maxRetries: 0 });
    await expect(ff.getToken()).rejects.toBeInstanceOf(ApiError);
    expect((await ff.getToken()).token).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });

  it('keeps serving a still-valid token when a refresh inside the window fails, and tries again on the next call', async () => {
    const server = await tokenServer((n) => (n === 2 ? failure : issue(n)));
    const { clock, advance } = testClock();
    const ff = formflow(server, clock, { maxRetries: 0 });
    await ff.getToken();
    advance(57 * MINUTE);
    expect((await ff.getToken()).token).toBe('token-1');
    expect((await ff.getToken()).token).toBe('token-3');
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
  it('keeps tokens under formflow:<organizationId>:<clientId>, so clients can share a store', async () => {
    const server = await tokenServer();
    const { clock } = testClock();
    const store = memoryTokenStore<FormflowToken>();
    const first = formflow(server, clock, { tokenStore: store });
    const sameCredentials = formflow(server, clock, { tokenStore: store });
    const otherClient = formflow(server, clock, { tokenStore: store, clientId: 'client-8' });
    const otherOrganization = formflow(server, clock, { tokenStore: store, organizationId: 'org-43' });
    expect((await first.getToken()).token).toBe('token-1');
    expect((await sameCredentials.getToken()).token).toBe('token-1');
    expect((await otherClient.getToken()).token).toBe('token-2');
    expect((await otherOrganization.getToken()).token).toBe('token-3');
    expect(server.requests).toHaveLength(3);
    expect((await store.get('formflow:org-42:client-7'))?.token).toBe('token-1');
    expect((await store.get('formflow:org-42:client-8'))?.token).toBe('token-2');
    expect((await store.get('formflow:org-43:client-7'))?.token).toBe('token-3');
  });

  it('works with an asynchronous store (a shared cache like Redis)', async () => {
    const entries = new Map<string, string>();
    // Stores JSON, as a remote store would: expiresAt comes back as a Date.
    const store = {
      get: async (key: string) => {
        const text = entries.get(key);
        if (!text) return undefined;
        const parsed = JSON.parse(text) as FormflowToken & { expiresAt: string };
        return { ...parsed, expiresAt: new Date(parsed.expiresAt) };
      },
      set: async (key: string, value: FormflowToken) => void entries.set(key, JSON.stringify(value)),
      delete: async (key: string) => void entries.delete(key),
    };
    const server = await tokenServer();
    const { clock } = testClock();
    await formflow(server, clock, { tokenStore: store }).getToken();
    const token = await formflow(server, clock, { tokenStore: store }).getToken();
    expect(token.token).toBe('token-1');
    expect(token.expiresAt.toISOString()).toBe('2026-01-01T13:00:00.000Z');
    expect(server.requests).toHaveLength(1);
    expect([...entries.keys()]).toEqual(['formflow:org-42:client-7']);
    expect(entries.get('formflow:org-42:client-7')).not.toContain(CREDENTIALS.clientSecret);
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
