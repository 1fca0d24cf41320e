import { wrapAsPathBasedClient as wrapClient } from 'openapi-fetch';
import type { ApiClient, PathBasedApiClient } from './api-types';

/**
 * openapi-fetch's `wrapAsPathBasedClient`, typed for `api`: `api` is not a
 * `Client<paths>` to the type checker (its `error` is an `ApiError`), so
 * openapi-fetch's own signature refuses it; at run time it is the same function.
 */
export function wrapAsPathBasedClient<Paths extends {}>(api: ApiClient<Paths>): PathBasedApiClient<Paths> {
  return wrapClient(api as never) as unknown as PathBasedApiClient<Paths>;
}
