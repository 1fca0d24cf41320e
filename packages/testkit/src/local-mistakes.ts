/**
 * Issue 12, point 6, for every provider client: a local mistake in its options or
 * in its main token call is a ValidationError naming the option, before any request.
 * Each case runs against the package's own server on 127.0.0.1, with retries on, and
 * asserts the server received nothing.
 */
import { describe, expect, it } from 'vitest';
import type { TestServer } from './test-server';

/** Common client options given wrong, and the issue path each must give. */
export const CLIENT_OPTION_MISTAKES: ReadonlyArray<readonly [name: string, options: Record<string, unknown>, path: string]> = [
  ['fetch: a string', { fetch: 'fetch' }, 'fetch'],
  ['log: an object', { log: { info() {} } }, 'log'],
  ['clock: a number', { clock: 42 }, 'clock'],
  ['clock without sleep', { clock: { now: () => 0 } }, 'clock.sleep'],
  ['random: a string', { random: '0.5' }, 'random'],
  ['retryTiming NaN', { retryTiming: { initialDelayMs: NaN } }, 'retryTiming.initialDelayMs'],
  ['retryTiming negative', { retryTiming: { maxDelayMs: -1 } }, 'retryTiming.maxDelayMs'],
  ['retryTiming infinite', { retryTiming: { maxDelayMs: Infinity } }, 'retryTiming.maxDelayMs'],
  ['retryTiming min over max', { retryTiming: { initialDelayMs: 5, maxDelayMs: 1 } }, 'retryTiming.initialDelayMs'],
  ['headers with CR/LF', { headers: { 'x-note': 'a\r\nx-injected: b' } }, 'headers.x-note'],
  ['headers past Latin-1', { headers: { 'x-note': '\u0101' } }, 'headers.x-note'],
  ['headers as pairs with NUL', { headers: [['x-note', 'a\0b']] }, 'headers.x-note'],
];

const store = { get: () => undefined, set: () => {}, delete: () => {} };

/** Mistakes of the clients that cache their token: `tokenStore`, `tokenCacheLog`, `tokenStoreLock`. */
export const TOKEN_STORE_MISTAKES: ReadonlyArray<readonly [name: string, options: Record<string, unknown>, path: string]> = [
  ['tokenStore without set and delete', { tokenStore: { get: store.get } }, 'tokenStore.set'],
  ['tokenStore: a string', { tokenStore: 'redis://127.0.0.1' }, 'tokenStore'],
  ['tokenStore withLock: not a function', { tokenStore: { ...store, withLock: true } }, 'tokenStore.withLock'],
  ['tokenStore watch: not a function', { tokenStore: { ...store, watch: 1 } }, 'tokenStore.watch'],
  ['tokenStore seal: not a function', { tokenStore: { ...store, seal: 'aes' } }, 'tokenStore.seal'],
  ['tokenStore open: not a function', { tokenStore: { ...store, open: {} } }, 'tokenStore.open'],
  ['tokenCacheLog: a string', { tokenCacheLog: 'console' }, 'tokenCacheLog'],
  ['tokenStoreLock: a number', { tokenStoreLock: 30_000 }, 'tokenStoreLock'],
  ['tokenStoreLock: null', { tokenStoreLock: null }, 'tokenStoreLock'],
  ['tokenStoreLock leaseMs 0', { tokenStoreLock: { leaseMs: 0 } }, 'tokenStoreLock.leaseMs'],
  ['tokenStoreLock leaseMs 1.5', { tokenStoreLock: { leaseMs: 1.5 } }, 'tokenStoreLock.leaseMs'],
  ['tokenStoreLock leaseMs Infinity', { tokenStoreLock: { leaseMs: Infinity } }, 'tokenStoreLock.leaseMs'],
  ['tokenStoreLock leaseMs past 2^53', { tokenStoreLock: { leaseMs: 2 ** 53 } }, 'tokenStoreLock.leaseMs'],
  ['tokenStoreLock waitMs negative', { tokenStoreLock: { waitMs: -1 } }, 'tokenStoreLock.waitMs'],
  ['tokenStoreLock waitMs NaN', { tokenStoreLock: { waitMs: NaN } }, 'tokenStoreLock.waitMs'],
  ['tokenStoreLock waitMs a string', { tokenStoreLock: { waitMs: '5000' } }, 'tokenStoreLock.waitMs'],
];

/** Main-call options given wrong. */
export const CALL_OPTION_MISTAKES: ReadonlyArray<readonly [name: string, options: unknown, path: string]> = [
  ['signal: not an AbortSignal', { signal: { aborted: false } }, 'signal'],
  ['signal: a string', { signal: 'abort' }, 'signal'],
  ['options: a number', 42, 'options'],
];

export interface LocalMistakesCase {
  readonly ValidationError: abstract new (...args: never[]) => Error;
  /** A server on 127.0.0.1 that answers the main call with a token. */
  readonly server: () => Promise<TestServer>;
  /** The client factory itself, given `options` as they are (null, a number…). */
  readonly factory: (options: unknown) => unknown;
  /** Valid options for a client of `baseUrl`, retries on. */
  readonly options: (baseUrl: string) => Record<string, unknown>;
  /** The main token call, `options` as its options argument. */
  readonly call: (client: any, options: unknown) => Promise<unknown>;
  /** Whether the client takes `tokenStore`, `tokenStoreLock` and `tokenCacheLog`. */
  readonly tokenStore: boolean;
  /** The issue path of main-call options that are no object. Default `options`. */
  readonly callOptionsPath?: string;
  /** What the main call with `null` options does: `'success'`, or the issue paths of its ValidationError. */
  readonly nullCall: 'success' | readonly string[];
}

export function describeLocalMistakes(name: string, c: LocalMistakesCase): void {
  /** The issue paths of the ValidationError `run` throws or rejects with. */
  const pathsOf = async (run: () => unknown): Promise<string[]> => {
    const error = await Promise.resolve()
      .then(run)
      .then(() => undefined, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(c.ValidationError);
    return (error as unknown as { issues: { path: string }[] }).issues.map((issue) => issue.path);
  };
  const client = (server: TestServer, options: Record<string, unknown> = {}) => c.factory({ ...c.options(server.url), ...options });

  describe(`${name}: local mistakes are ValidationErrors, nothing sent`, () => {
    const optionMistakes = c.tokenStore ? [...CLIENT_OPTION_MISTAKES, ...TOKEN_STORE_MISTAKES] : CLIENT_OPTION_MISTAKES;
    it.each(optionMistakes)('client option %s', async (_mistake, options, path) => {
      const server = await c.server();
      expect(await pathsOf(() => c.call(client(server, options), undefined))).toContain(path);
      expect(server.requests).toHaveLength(0);
    });

    it.each(CALL_OPTION_MISTAKES)('main call with %s', async (_mistake, options, path) => {
      const server = await c.server();
      expect(await pathsOf(() => c.call(client(server), options))).toContain(path === 'options' ? (c.callOptionsPath ?? path) : path);
      expect(server.requests).toHaveLength(0);
    });

    it('the client factory given null or a number: a ValidationError, not a TypeError', async () => {
      expect(await pathsOf(() => c.factory(null))).not.toHaveLength(0);
      expect(await pathsOf(() => c.factory(42))).toContain('options');
    });

    it(c.nullCall === 'success' ? 'the main call with null options: no options' : 'the main call with null: a ValidationError', async () => {
      const server = await c.server();
      const made = client(server);
      if (c.nullCall === 'success') {
        await c.call(made, null);
        expect(server.requests.length).toBeGreaterThan(0);
      } else {
        expect(await pathsOf(() => c.call(made, null))).toEqual(c.nullCall);
        expect(server.requests).toHaveLength(0);
      }
    });

    it('api: a body on GET and HEAD, and TRACE: body, method', async () => {
      const server = await c.server();
      const { api } = client(server) as { api: Record<string, (path: string, init?: unknown) => Promise<unknown>> };
      expect(await pathsOf(() => api['GET']!('/anything', { body: { a: 1 } }))).toContain('body');
      expect(await pathsOf(() => api['HEAD']!('/anything', { body: 'a' }))).toContain('body');
      expect(await pathsOf(() => api['TRACE']!('/anything'))).toContain('method');
      expect(server.requests).toHaveLength(0);
    });
  });
}
