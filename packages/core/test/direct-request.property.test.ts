/**
 * A plain call (no middleware, no fetch of the caller's) is built by core as openapi-fetch
 * builds it, without its `Request` (direct-request.ts). For random calls — path and query
 * parameters, header layers with `null`, arrays and `undefined`, `Headers` instances and
 * pairs, bodies, versions, forms, a per-call baseUrl, `RequestInit` options — the same call
 * through openapi-fetch's own request path (a forwarding `fetch` makes the client take it)
 * puts exactly the same request on the wire, and ends the same way. Seeded (FC_SEED replays).
 */
import { propertyRuns, startTestServer, type RecordedRequest } from '@tokens/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiClient, type ApiClientOptions } from '../src/index';
import type { Paths } from './support/runtime-harness';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer(() => ({ status: 200, body: { ok: true } }));
});
afterAll(() => server.close());

const headerName = fc.constantFrom('x-a', 'X-B', 'x-c', 'content-type', 'accept');
const headerText = fc.stringMatching(/^[a-z0-9 ;=/+.-]{0,12}$/).map((text) => text.trim());
const headerValue = fc.oneof(headerText, fc.integer({ min: 0, max: 99 }), fc.constant(null), fc.constant(undefined), fc.array(headerText, { minLength: 1, maxLength: 2 }));
const headerRecord = fc.dictionary(headerName, headerValue, { maxKeys: 3 });
const callHeaders = fc.oneof(
  headerRecord,
  fc.dictionary(headerName, headerText, { maxKeys: 2 }).map((record) => new Headers(record)),
  fc.array(fc.tuple(headerName, headerText), { maxLength: 3 }),
);
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean());
const query = fc.dictionary(
  fc.constantFrom('q', 'tag', 'page', 'filter'),
  fc.oneof(scalar, fc.constant(null), fc.constant(undefined), fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b'), scalar, { maxKeys: 2 })),
  { maxKeys: 3 },
);
const pathId = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 2 }));

const call = fc.record(
  {
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    byId: fc.boolean(),
    id: pathId,
    query,
    paramHeaders: headerRecord,
    headers: callHeaders,
    body: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 10 }), fc.dictionary(fc.constantFrom('a', 'b'), fc.string({ maxLength: 4 }), { maxKeys: 2 })),
    negotiated: fc.oneof(
      fc.constant({}),
      fc.constant({ version: 2 }),
      fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/json;version=3').map((mediaType) => ({ mediaType })),
    ),
    perCallBaseUrl: fc.boolean(),
    credentials: fc.constantFrom('omit', 'same-origin', 'include'),
  },
  { requiredKeys: ['method', 'byId', 'negotiated'] },
);
const clientOptions = fc.record({ headers: headerRecord, credentials: fc.constantFrom('omit', 'include') }, { requiredKeys: [] });

/** undici's multipart boundary is random per request. */
const withoutBoundary = (text: string) => text.replace(/formdata-undici-\d+/g, 'BOUNDARY');
const wire = ({ method, url, headers, body }: RecordedRequest) => ({
  method,
  url,
  headers: JSON.parse(withoutBoundary(JSON.stringify({ ...headers, host: 'the server' }))) as unknown,
  body: withoutBoundary(body),
});

const RUNS = Number(process.env['DIRECT_REQUEST_RUNS'] ?? 300);

it(`a plain call puts the same request on the wire as openapi-fetch’s request path would (${RUNS} runs)`, async () => {
  let sentBoth = 0;
  await fc.assert(
    fc.asyncProperty(clientOptions, call, async (options, shape) => {
      const outcomes: unknown[] = [];
      const sent: RecordedRequest[][] = [];
      for (const forwarding of [false, true]) {
        const api = createApiClient<Paths>({
          provider: 'example',
          baseUrl: server.url,
          maxRetries: 0,
          ...(options as Partial<ApiClientOptions>),
          ...(forwarding ? { fetch: (input: Request, init?: RequestInit) => fetch(input, init) } : {}),
        }) as unknown as Record<string, (path: string, init: unknown) => Promise<{ error?: Error }>>;
        const before = server.requests.length;
        const { method, byId, id, query: queryParams, paramHeaders, headers, body, negotiated, perCallBaseUrl, credentials } = shape;
        const init = {
          params: { ...(byId ? { path: { id } } : {}), ...(queryParams ? { query: queryParams } : {}), ...(paramHeaders ? { header: paramHeaders } : {}) },
          ...(headers !== undefined ? { headers } : {}),
          ...(body !== undefined && method !== 'GET' ? { body } : {}),
          ...negotiated,
          ...(perCallBaseUrl ? { baseUrl: `${server.url}/` } : {}),
          ...(credentials ? { credentials } : {}),
        };
        const { error } = await api[method]!(byId ? '/things/{id}' : '/things', init).catch((thrown: Error) => ({ error: thrown }));
        outcomes.push(error ? `${error.name}: ${error.message}` : 'success');
        sent.push(server.requests.slice(before));
      }
      expect(outcomes[0], 'how the call ended').toEqual(outcomes[1]);
      expect(sent[0]!.map(wire), 'what the server received').toEqual(sent[1]!.map(wire));
      if (sent[0]!.length === 1) sentBoth++;
    }),
    propertyRuns('direct request', RUNS),
  );
  // Most calls reach the server: the comparison is of requests, not of refusals.
  expect(sentBoth).toBeGreaterThan(RUNS / 2);
}, 120_000);

it('a plain call builds no Headers and no Request of its own (what makes it cheaper over real HTTP); a forwarding fetch takes openapi-fetch’s path', async () => {
  const Original = globalThis.Headers;
  let built = 0;
  globalThis.Headers = class CountedHeaders extends Original {
    constructor(init?: HeadersInit) {
      super(init);
      built++;
    }
  };
  try {
    const counts: number[] = [];
    for (const fetchOption of [{}, { fetch: (input: Request, init?: RequestInit) => fetch(input, init) }]) {
      const api = createApiClient<Paths>({ provider: 'example', baseUrl: server.url, maxRetries: 0, headers: { 'x-client': 'a' }, ...fetchOption }) as unknown as Record<string, (path: string, init: unknown) => Promise<{ error?: Error }>>;
      built = 0;
      const { error } = await api['POST']!('/things', { version: 2, body: { a: 1 }, params: { query: { q: 'x' }, header: { 'x-param': 'b' } } });
      expect(error).toBeUndefined();
      counts.push(built);
    }
    expect(counts[0], 'Headers built by a plain call').toBe(0);
    expect(counts[1], 'Headers built on openapi-fetch’s path').toBeGreaterThanOrEqual(2);
  } finally {
    globalThis.Headers = Original;
  }
});
