/** Shared by the Formflow tests: credentials, an injected clock, and a token server on 127.0.0.1. */
import { startTestServer, type RecordedRequest, type TestResponse, type TestServer } from '@tokens/testkit';
import { afterEach } from 'vitest';
import { createFormflowClient, type Clock, type FormflowClientOptions } from '../src/index';

export const CREDENTIALS = { clientId: 'client-7', clientSecret: 'cs_SECRET_formflow_client_secret_31337', organizationId: 'org-42' };

/** 2026-01-01T12:00:00Z */
export const START = Date.UTC(2026, 0, 1, 12, 0, 0);
export const MINUTE = 60_000;

/** A clock that stands still until told to move; sleeps are recorded and resolve at once. */
export function testClock(start = START) {
  let now = start;
  const delays: number[] = [];
  const clock: Clock = { now: () => now, sleep: async (ms) => void delays.push(ms) };
  return { clock, delays, advance: (ms: number) => void (now += ms) };
}

/** Answers the n-th request (1-based) with `token-n`, lasting 3600 s, unless `respond` says otherwise. */
export const issue = (n: number, expiresIn = 3600): TestResponse => ({
  status: 200,
  body: { token: `token-${n}`, token_type: 'Bearer', expires_in: expiresIn },
});

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

export async function tokenServer(respond: (n: number, request: RecordedRequest) => TestResponse | Promise<TestResponse> = (n) => issue(n)) {
  let count = 0;
  const server = await startTestServer((request) => respond(++count, request));
  servers.push(server);
  return server;
}

export const formflow = (server: TestServer, clock: Clock, options: Partial<FormflowClientOptions> = {}) =>
  createFormflowClient({ baseUrl: server.url, clock, random: () => 0, ...CREDENTIALS, ...options });
