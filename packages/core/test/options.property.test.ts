/**
 * Issue 12, point 11: for random values of every createApiClient option and every
 * option of a `client.api` call's init (well-typed, of the wrong type, or missing),
 * the call succeeds or is a ValidationError with nothing sent — never another error,
 * a raw TypeError or a hang. 500 runs against a counting server on 127.0.0.1; the
 * seed is printed (FC_SEED=<seed> replays).
 */
import { assertOptionsGiveSuccessOrValidationError, commonCallOptions, commonOptions, headersValue, mostly, startTestServer, wrongNonFunction } from '@tokens/testkit';
import fc from 'fast-check';
import { it } from 'vitest';
import { createApiClient, ValidationError, type ApiClientOptions } from '../src/index';
import type { Paths } from './support/runtime-harness';

/** Hundreds of HTTP calls: bounded by runs, not time, on a machine the whole suite shares. */
const SLOW_ON_A_BUSY_MACHINE = 300_000;
const fetchOnce = (input: Request, init?: RequestInit) => fetch(input, init);
type Request_ = (method: unknown, path: string, init: unknown) => Promise<{ error?: unknown }>;

it('random createApiClient options and call init give success or a ValidationError before any request (500 runs)', () =>
  assertOptionsGiveSuccessOrValidationError({
    name: 'core createApiClient options',
    numRuns: 500,
    minSuccesses: 50,
    ValidationError,
    // Answers in the media type asked for, so that any version or media type asked is a success.
    server: () => startTestServer((request) => ({ status: 200, headers: { 'content-type': String(request.headers['accept'] ?? 'application/json') }, body: { ok: true } })),
    options: (baseUrl) => ({
      baseUrl: fc.constant(baseUrl),
      fetch: fc.constant(fetchOnce),
      ...commonOptions(),
    }),
    wrongFor: { fetch: wrongNonFunction },
    args: [
      // The method, given to `request` as it is.
      { method: mostly(fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'post')) },
      {
        ...commonCallOptions(),
        maxRetries: fc.nat(3),
        headers: headersValue,
        params: fc.record({ header: headersValue }, { requiredKeys: [] }),
        body: fc.jsonValue({ maxDepth: 2 }),
        // RequestInit options openapi-fetch passes on to fetch.
        credentials: mostly(fc.constantFrom('omit', 'same-origin', 'include')),
        cache: mostly(fc.constantFrom('default', 'no-store', 'no-cache')),
        // One of version and mediaType (both together are refused), spread into the init below.
        negotiated: fc.oneof(
          fc.record({ version: mostly(fc.integer({ min: 1, max: 9 })) }),
          fc.record({ mediaType: mostly(fc.constantFrom('application/json', 'application/json;version=2', 'application/vnd.example+json; version="3"', 'application/problem+json')) }),
        ),
        fetch: fc.constant(fetchOnce),
      },
    ],
    call: async (options, [method, init]) => {
      const api = createApiClient<Paths>({ provider: 'example', ...options } as ApiClientOptions);
      const given = typeof method === 'object' && method !== null && 'method' in method ? (method as { method: unknown }).method : method;
      const { negotiated, ...rest } = typeof init === 'object' && init !== null ? (init as Record<string, unknown>) : { negotiated: undefined };
      const sent = typeof init === 'object' && init !== null ? { ...rest, ...(negotiated as object) } : init;
      const { error } = await (api.request as Request_)(given ?? 'POST', '/things', sent);
      if (error) throw error;
    },
  }), SLOW_ON_A_BUSY_MACHINE);
