/**
 * A plain call's request, built the way openapi-fetch's `coreFetch` builds it (the same URL
 * from its own `createFinalURL` and default serializers, the same header layers and default
 * `Content-Type`, the same init) but as a URL, a header record and an init instead of
 * `Headers` objects and a `Request`: only our transport reads it, and undici's `fetch` builds
 * its own `Request` from it. Over real HTTP that is what keeps a call near raw `fetch` (issue
 * 11's bar; BENCHMARKS.md). Taken only when nothing else could see the difference: no
 * middleware, no `fetch` or `Request` of the caller's, openapi-fetch's default serializers,
 * JSON answers (`createApiClient` decides).
 */
import { createFinalURL, createQuerySerializer, defaultPathSerializer, removeTrailingSlash } from './openapi-fetch';
import { CALL_MARK, PlainRequest } from './transport';
import type { SerializeBody } from './serialize-body';

/** Header values as openapi-fetch's layers give them: `null` removes a header, an array adds each value. */
export type HeaderLayer = Headers | Record<string, unknown> | undefined;

const querySerializer = createQuerySerializer();

/** The init keys `coreFetch` takes for itself; the others go into the request's init, as there (the call's mark goes onto the request). */
const NOT_REQUEST_INIT = new Set(['baseUrl', 'fetch', 'Request', 'headers', 'params', 'parseAs', 'querySerializer', 'bodySerializer', 'pathSerializer', 'body', 'middleware', CALL_MARK]);

/**
 * openapi-fetch's `mergeHeaders` onto a record with lower-case names: a later layer's value
 * replaces an earlier one, `null` removes it (kept as `null`, so that a removed
 * `Content-Type` stays removed), an array appends its values. Returns whether the layer
 * replaced or removed `Content-Type` (else coreFetch's default one stays under it).
 */
function mergeLayer(merged: Record<string, string | null>, layer: HeaderLayer): boolean {
  let contentTypeReplaced = false;
  if (!layer || typeof layer !== 'object') return contentTypeReplaced;
  const entries = layer instanceof Headers ? layer.entries() : Object.entries(layer);
  for (const [givenName, value] of entries) {
    const name = givenName.toLowerCase();
    if (Array.isArray(value)) for (const item of value) merged[name] = merged[name] == null ? String(item) : `${merged[name]}, ${item}`;
    else if (value !== undefined) {
      merged[name] = value === null ? null : String(value);
      if (name === 'content-type') contentTypeReplaced = true;
    }
  }
  return contentTypeReplaced;
}

/**
 * The request `coreFetch` would build for `request(method, path, init)` on a client with these
 * `baseUrl`, request options (`redirect: 'manual'`, any `RequestInit` option given to the client)
 * and headers, as a `PlainRequest` (a URL and an init with a header record).
 */
export function directRequest(method: string, path: string, baseUrl: string, defaults: Record<string, unknown>, clientHeaders: HeaderLayer, init: Record<string, unknown>): Request {
  const params = (init['params'] ?? {}) as { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: HeaderLayer };
  const localBaseUrl = init['baseUrl'] as string | undefined;
  const url = createFinalURL(path, {
    baseUrl: localBaseUrl ? removeTrailingSlash(localBaseUrl) : baseUrl,
    params,
    querySerializer,
    pathSerializer: defaultPathSerializer,
  });
  const merged: Record<string, string | null> = {};
  let contentTypeReplaced = mergeLayer(merged, clientHeaders);
  contentTypeReplaced = mergeLayer(merged, init['headers'] as HeaderLayer) || contentTypeReplaced;
  contentTypeReplaced = mergeLayer(merged, params.header) || contentTypeReplaced;
  const { body } = init;
  const serialized = body === undefined ? undefined : (init['bodySerializer'] as SerializeBody)(body, { get: (name: string) => merged[name.toLowerCase()] ?? null } as Headers);
  // As coreFetch: a JSON Content-Type under the layers (a layer's array adds to it); none without a body, none for a FormData (fetch writes its boundary).
  if (serialized !== undefined && !(serialized instanceof FormData) && !contentTypeReplaced) {
    const appended = merged['content-type'];
    merged['content-type'] = appended == null ? 'application/json' : `application/json, ${appended}`;
  }
  const headers: Record<string, string> = {};
  for (const name in merged) if (merged[name] !== null) headers[name] = merged[name]!;
  const requestInit: Record<string, unknown> = { ...defaults };
  for (const key in init) if (!NOT_REQUEST_INIT.has(key)) requestInit[key] = init[key];
  requestInit['method'] = method;
  requestInit['body'] = serialized;
  requestInit['headers'] = headers;
  const request = PlainRequest(url, requestInit as RequestInit) as unknown as Record<string, unknown>;
  // As coreFetch copies it onto its Request: the mark says the request is the call's own (and may be sent again).
  request[CALL_MARK] = init[CALL_MARK];
  return request as unknown as Request;
}
