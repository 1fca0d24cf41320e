/**
 * What TransactionLink adds to core's typed client: the `ErrorResponse`
 * fingerprint as `requestId`, and one fresh login after a 401 to a cached
 * access token.
 */
import type { ApiClient, ApiResult } from '@tokens/core';
import type { paths } from './generated/openapi';
import type { Login } from './login';

type AnyMethod = (...args: unknown[]) => Promise<ApiResult<unknown, unknown>>;

export function withTransactionLinkErrors(api: ApiClient<paths>, login?: Login): ApiClient<paths> {
  // Middleware is the core client's: registered there, it runs around every call.
  const wrapped: Record<string, unknown> = { use: api.use, eject: api.eject };
  for (const method in api) {
    if (method in wrapped) continue;
    const call = (api as unknown as Record<string, AnyMethod>)[method]!;
    wrapped[method] = async (...args: unknown[]) => {
      const logins = login?.count();
      let result = await call(...args);
      // The provider dropped a token the cache still held (revoked, clock skew): renew it
      // and try once more (once only).
      if (login && result.error?.status === 401) {
        // No login since this call started: the cached token is the one refused. Reporting it
        // (not clearing the store, which other processes share) makes one renewal however
        // many calls saw the 401. After a login meanwhile, the call may have carried the token
        // it replaced: it is repeated once with the new one, which is not reported.
        const { token } = await login.cache.get();
        if (login.count() === logins) await login.cache.invalidate(token);
        result = await call(...args);
      }
      // TransactionLink names each error answer by its `fingerprint`: the id to quote to support when no request-id header came.
      const fingerprint = (result.error?.body as { fingerprint?: unknown } | undefined)?.fingerprint;
      if (typeof fingerprint === 'string') (result.error as { requestId?: string }).requestId ??= fingerprint;
      return result;
    };
  }
  return wrapped as unknown as ApiClient<paths>;
}
