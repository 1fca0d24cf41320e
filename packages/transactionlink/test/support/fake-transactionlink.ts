/**
 * A recording TransactionLink on 127.0.0.1 for the runtime tests: numbered access,
 * refresh and widget tokens by default, any route overridable per test, and an
 * injected clock so expiry is tested without waiting. Servers close after each test.
 */
import { startTestServer, type RecordedRequest, type TestResponse, type TestServer } from '@tokens/testkit';
import { afterEach } from 'vitest';
import { createTransactionLinkClient, type Clock, type TransactionLinkClientOptions } from '../../src/index';

export const ORG_TOKEN = 'tot_org_token_5f1c0e9a7b';
export const KEY = 'tl_key_8d2e6c4a1f';
export const SECRET = 'tl_secret_3b9f7d5e2c';
export const workflowDefinitionId = '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c';
export const recordId = '7e57c0de-1111-4222-8333-944455556666';
export const parametersId = '4b6ffcb6-ab6d-44b9-b5ab-4b5147b0b302';
export const caseId = '11111111-2222-3333-4444-555555555555';
/** 2026-03-01T12:00:00Z */
export const START = Date.UTC(2026, 2, 1, 12, 0, 0);

type Route = '/token' | '/auth/authorize' | '/auth/refresh';
/** Answers one request; `n` counts the requests to that route, from 1. */
export type Handler = (request: RecordedRequest, n: number) => TestResponse | Promise<TestResponse>;

export const accessToken = (n: number) => `access_token_${n}_9c8b7a6f5e`;
export const refreshToken = (n: number) => `refresh_token_${n}_1a2b3c4d5e`;
export const widgetToken = (n: number) => `widget_token_${n}_eyJhbGciOiJSUzUxMiJ9`;

const defaults: Record<Route, Handler> = {
  '/auth/authorize': (_, n) => ({
    status: 200,
    body: { accessToken: accessToken(n), refreshToken: refreshToken(n), expiryDuration: 3600, tokenType: 'Bearer' },
  }),
  '/auth/refresh': (_, n) => ({
    status: 200,
    body: { accessToken: accessToken(100 + n), refreshToken: refreshToken(100 + n), expiryDuration: 3600, tokenType: 'Bearer' },
  }),
  '/token': (request, n) =>
    /version=2/.test(String(request.headers['accept']))
      ? {
          status: 201,
          headers: { 'content-type': 'application/json;version=2' },
          body: { id: `wt_${n}`, token: widgetToken(n), expiryDuration: 3600, tokenType: 'Bearer' },
        }
      : { status: 201, body: { token: widgetToken(n), expiryDuration: 3600, tokenType: 'Bearer' } },
};

export interface FakeTransactionLink {
  readonly server: TestServer;
  /** Every request, in order. */
  readonly requests: RecordedRequest[];
  /** `METHOD path` of every request, in order. */
  readonly calls: () => string[];
  /** The injected clock's time, ms since the epoch. */
  now: number;
  readonly clock: Clock;
  /** Replaces a route's answers from now on. */
  on(route: Route, handler: Handler): void;
  /** A client on this server with the injected clock, no retries unless asked. */
  client(options: Partial<TransactionLinkClientOptions> & Pick<TransactionLinkClientOptions, 'auth'>): ReturnType<typeof createTransactionLinkClient>;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

export async function startFakeTransactionLink(): Promise<FakeTransactionLink> {
  const handlers = { ...defaults };
  const counts: Record<string, number> = {};
  const server = await startTestServer((request) => {
    const route = request.url as Route;
    counts[route] = (counts[route] ?? 0) + 1;
    const handler = handlers[route];
    return handler ? handler(request, counts[route]) : { status: 404, body: { fingerprint: 'fp-no-route', errors: [{ code: 'not_found', message: 'no route' }] } };
  });
  servers.push(server);
  const fake: FakeTransactionLink = {
    server,
    requests: server.requests,
    calls: () => server.requests.map((request) => `${request.method} ${request.url}`),
    now: START,
    clock: { now: () => fake.now, sleep: async () => {} },
    on: (route, handler) => void (handlers[route] = handler),
    client: (options) => createTransactionLinkClient({ baseUrl: server.url, clock: fake.clock, maxRetries: 0, ...options } as TransactionLinkClientOptions),
  };
  return fake;
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call resolved');
}

/** The error a synchronous call throws; fails the test when it returns. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but nothing was thrown');
}
