/**
 * The deprecated key/secret login: an access token from `POST /auth/authorize`,
 * cached with core's token cache and renewed with `POST /auth/refresh`, logging
 * in again when the refresh is refused or there is no refresh token.
 */
import { createTokenCache, memoryTokenStore, type ApiClient, type ApiResult, type IssuedToken, type TokenCache, type TokenCacheOptions } from '@tokens/core';
import type { TransactionLinkClientOptions } from './client';
import type { AccessTokenResponse, paths } from './generated/openapi';
import { PROVIDER, toIssuedToken } from './issued-token';

/** The cached access token; `raw.refreshToken` is what `/auth/refresh` takes. */
export type AccessToken = IssuedToken<AccessTokenResponse>;

export interface Login {
  readonly cache: TokenCache<AccessToken>;
  /** How many logins (refresh or authorize) have started: tells a cached token from a fresh one. */
  readonly count: () => number;
}

/** `api` must be a client WITHOUT the access-token header: these calls get the token. */
export function createLogin(api: ApiClient<paths>, options: TransactionLinkClientOptions): Login {
  const { auth: { key, secret }, clock, refreshWindowMs, tokenStore: store = memoryTokenStore<AccessToken>(), tokenStoreKey: storeKey = `${PROVIDER}:access-token` } = options;
  let count = 0;

  async function fetchToken(): Promise<AccessToken> {
    count++;
    const previous = await store.get(storeKey);
    const refreshToken = previous?.raw.refreshToken;
    if (refreshToken) {
      const refreshed = await api.POST('/auth/refresh', { body: { refreshToken } });
      // Only a refusal (4xx: an expired or revoked refresh token) means "log in again"; a 5xx is an outage.
      const status = refreshed.error?.status ?? 0;
      if (status < 400 || status > 499) return read(refreshed, refreshToken, previous.token);
    }
    return read(await api.POST('/auth/authorize', { body: { key: key!, secret: secret! } }), undefined, previous?.token);
  }

  /** `replaced`: the access token this one replaces, which a failed answer may echo. */
  function read(result: ApiResult<AccessTokenResponse, unknown>, refreshToken?: string, replaced?: string): AccessToken {
    const token = toIssuedToken<AccessTokenResponse>(result, clock, 'accessToken', false, [replaced, refreshToken]);
    // A refresh answer may leave the refresh token out: keep using the one we have.
    if (refreshToken) token.raw.refreshToken ||= refreshToken;
    return token;
  }

  // Core's defaults apply to what is undefined (the refresh window: 5 minutes).
  const cache = createTokenCache({ fetchToken, store, key: storeKey, clock, refreshWindowMs } as TokenCacheOptions<AccessToken>);
  return { cache, count: () => count };
}
