/**
 * What the runtime tests (error paths, retries) share: servers on 127.0.0.1 closed
 * after each test, a loose view of the client, a counting fetch, rejection capture.
 */
import {
  startRawServer,
  startTestServer,
  type RawHandler,
  type RawTestServer,
  type RecordedRequest,
  type TestResponse,
  type TestServer,
} from '@tokens/testkit';
import { afterEach } from 'vitest';
import type { ApiResult } from '../../src/index';

// Untyped paths: these tests are about the runtime, not the spec types, so the
// client is used through a loose view of its methods (which also lets a test
// pass options the types would refuse, such as `version: 1.5`).
export type Paths = any;
export interface LooseInit {
  params?: { path?: Record<string, string>; query?: Record<string, unknown> };
  body?: unknown;
  version?: unknown;
  mediaType?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: unknown;
  maxRetries?: unknown;
}
export type LooseClient = Record<
  'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH',
  (path: string, init?: LooseInit) => Promise<ApiResult<unknown, unknown>>
>;

const servers: Array<TestServer | RawTestServer> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A recording server, closed after the test. */
export async function serve(respond: (request: RecordedRequest) => TestResponse | Promise<TestResponse>): Promise<TestServer> {
  const server = await startTestServer(respond);
  servers.push(server);
  return server;
}

/** A server with raw access to the socket, closed after the test. */
export async function serveRaw(handle: RawHandler): Promise<RawTestServer> {
  const server = await startRawServer(handle);
  servers.push(server);
  return server;
}

/** A fetch that counts its calls and hands them to the real global fetch. */
export function countingFetch(): { fetch: typeof globalThis.fetch; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    fetch: (input, init) => {
      calls++;
      return globalThis.fetch(input, init);
    },
  };
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, but it resolved');
}
