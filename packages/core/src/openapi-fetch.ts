import * as openapiFetch from 'openapi-fetch';

type CreateClient = typeof openapiFetch.default;

/**
 * openapi-fetch's `createClient`, whichever module format loaded us.
 *
 * openapi-fetch only has a default export. In our CommonJS build (tsup, in a
 * `"type": "module"` package) esbuild's Node-mode interop makes `default` the
 * whole `exports` object rather than `exports.default`, so a plain default
 * import is "not a function" under `require()`. Unwrap that one level here,
 * the only place that touches openapi-fetch's runtime.
 */
export const createOpenApiFetchClient: CreateClient = (() => {
  const candidate: unknown = openapiFetch.default;
  if (typeof candidate === 'function') return candidate as CreateClient;
  const nested: unknown = (candidate as { default?: unknown } | undefined)?.default;
  if (typeof nested === 'function') return nested as CreateClient;
  throw new TypeError('@tokens/core: could not load createClient from openapi-fetch');
})();
