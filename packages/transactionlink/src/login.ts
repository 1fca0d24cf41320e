/**
 * The deprecated key/secret login: an access token from `POST /auth/authorize`,
 * cached with core's token cache and renewed with `POST /auth/refresh`, logging
 * in again when the refresh is refused or there is no refresh token.
 */
import { createTokenCache, type ApiClient, type ApiResult, type IssuedToken, type TokenCache } from '@tokens/core';
import type { TransactionLinkClientOptions } from './client';
import type { AccessTokenResponse, paths } from './generated/openapi';
import { PROVIDER, toIssuedToken } from './issued-token';
import { accessTokenStoreKey } from './store-key';

/** The cached access token; `raw.refreshToken` is what `/auth/refresh` takes. */
export type AccessToken = IssuedToken<AccessTokenResponse>;

export interface Login {
  readonly cache: TokenCache<AccessToken>;
  /** How many logins (refresh or authorize) have started: tells a cached token from a fresh one. */
  readonly count: () => number;
}

/** `api` must be a client WITHOUT the access-token header: these calls get the token. */
export function createLogin(api: ApiClient<paths>, options: TransactionLinkClientOptions, baseUrl: string): Login {
  const { auth, clock, refreshWindowMs, tokenStore, tokenStoreKey, tokenStoreLock, tokenCacheLog } = options;
  const { key, secret } = auth;
  let count = 0;

  async function fetchToken(replacing: AccessToken | undefined): Promise<AccessToken> {
    count++;
    const refreshToken = replacing?.raw.refreshToken;
    if (refreshToken) {
      const refreshed = await api.POST('/auth/refresh', { body: { refreshToken } });
      // Only a refusal (4xx: an expired or revoked refresh token) means "log in again"; a 5xx is an outage.
      const status = refreshed.error?.status ?? 0;
      if (status < 400 || status > 499) return read(refreshed, refreshToken, replacing?.token);
    }
    return read(await api.POST('/auth/authorize', { body: { key: key!, secret: secret! } }), undefined, replacing?.token);
  }

  /** `replaced`: the access token this one replaces, which a failed answer may echo. */
  function read(result: ApiResult<AccessTokenResponse, unknown>, refreshToken?: string, replaced?: string): AccessToken {
    const token = toIssuedToken<AccessTokenResponse>(result, clock, 'accessToken', false, [replaced, refreshToken]);
    // A refresh answer may leave the refresh token out: keep using the one we have.
    if (refreshToken) token.raw.refreshToken ||= refreshToken;
    return token;
  }

  // Core's defaults apply to what is undefined (the refresh window: 5 minutes).
  const cacheUnder = (storeKey: string) =>
    createTokenCache<AccessToken>({
      fetchToken,
      key: storeKey,
      ...(tokenStore && { store: tokenStore }),
      ...(tokenStoreLock && { lock: tokenStoreLock }),
      ...(tokenCacheLog && { log: tokenCacheLog }),
      ...(clock && { clock }),
      ...(refreshWindowMs !== undefined && { refreshWindowMs }),
      provider: PROVIDER,
    });
  // Without a store the key names nothing shared; with one, the account's fingerprint (an async digest).
  const cache = tokenStoreKey !== undefined || !tokenStore ? cacheUnder(tokenStoreKey ?? `${PROVIDER}:${baseUrl}`) : once(accessTokenStoreKey(baseUrl, key!).then(cacheUnder));
  return { cache, count: () => count };
}

/** A cache made once its key is known: each call waits for it until then, and goes straight to it after. */
function once<T>(making: Promise<TokenCache<T>>): TokenCache<T> {
  let made: TokenCache<T> | undefined;
  making.then((cache) => (made = cache), () => {});
  return {
    get: (options) => (made ? made.get(options) : making.then((cache) => cache.get(options))),
    invalidate: (token) => making.then((cache) => cache.invalidate(token)),
    clear: () => making.then((cache) => cache.clear()),
  };
}
