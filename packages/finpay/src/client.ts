import {
  clientOptionIssues,
  createApiClient,
  createTokenCache,
  redactTokenError,
  type ApiClient,
  type ClientOptions,
  type LockOptions,
  type TokenCacheEvent,
  type TokenStore,
} from '@tokens/core';
import { base64, toHex, utf8 } from './bytes';
import type { paths } from './generated/openapi';
import { finpayReqDtime } from './jakarta-time';
import { signFinpayRequest, type KeyHexCase } from './sign';
import { readTokenAnswer, type FinpayToken } from './token-response';
import { newTransNumber } from './trans-number';
import { checkClientOptions, checkTransNumber, checkWhole, failOn, issueUnless, PROVIDER } from './validate';

/**
 * Finpay's development host, the only one Finpay publishes. There is no default
 * production URL: pass yours as `baseUrl`.
 */
export const FINPAY_DEVELOPMENT_BASE_URL = 'https://demos.finnet.co.id/apicobrand';

export interface FinpayClientOptions extends ClientOptions {
  /** The merchant's username, sent with the password as `Authorization: Basic`. */
  username: string;
  password: string;
  /** Signs every request; never sent. */
  secretKey: string;
  /** Case of the secret key's hex text used as the HMAC key. Default `upper` (a guess: Finpay does not say). */
  keyHexCase?: KeyHexCase;
  /** How long before `tokenExpiry` a cached token stops being served. Default 5 minutes. */
  refreshWindowMs?: number;
  /**
   * Where tokens are shared beyond this client (`memoryTokenStore()` in one process,
   * `@tokens/redis` across processes), under `finpay:<baseUrl>:<username>`. Default: none,
   * the client's own in-memory copy. A `tokenID` is the merchant's: any process of the
   * same merchant may share it.
   */
  tokenStore?: TokenStore;
  /**
   * The refresh lock of a `tokenStore` that has one (`@tokens/redis`), so that one process of a
   * fleet asks for a token at a time. Whole ms, at least 1. `leaseMs`: how long a process
   * may hold it before it expires by itself (its process may have died), default 30 000;
   * `waitMs`: how long the others wait for it before each asks on its own, default 35 000.
   */
  tokenStoreLock?: Partial<LockOptions>;
  /** Told when `tokenStore` failed (the client went on without it) or a background token renewal failed. */
  tokenCacheLog?: (event: TokenCacheEvent) => void;
  /** The time zone `tokenExpiry` is read in, in minutes east of UTC. Default 420 (GMT+7, a guess: Finpay does not say). */
  tokenExpiryUtcOffsetMinutes?: number;
}

export interface GetTokenOptions {
  /**
   * For the request this call makes, if it makes one (1 to 100 letters or digits,
   * unique per request). Default: a fresh one. A call served from the cache, or
   * sharing a request already under way, sends nothing; the token's `transNumber`
   * says which one was sent.
   */
  transNumber?: string;
  /** Ask Finpay for a new token whatever the cache holds. */
  forceRefresh?: boolean;
  /** Stops this call waiting; the request, which other calls may share, goes on and its token is cached. */
  signal?: AbortSignal;
  /** How long this call waits for a token, in ms (then a `TimeoutError`); the request runs under the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface FinpayClient {
  /** The whole Finpay spec as a typed client; it sends the `Authorization: Basic` header. */
  readonly api: ApiClient<paths>;
  /**
   * A widget `tokenID`, cached until `refreshWindowMs` before `tokenExpiry`;
   * concurrent callers share one request. Throws `ApiError` when Finpay answers
   * a `statusCode` other than "000" (even with HTTP 200).
   */
  getToken(options?: GetTokenOptions): Promise<FinpayToken>;
}

export function createFinpayClient(options: FinpayClientOptions): FinpayClient {
  const settings = options ?? ({} as FinpayClientOptions);
  // Core gets the common options only: the credentials stay out of its option objects.
  const { username, password, secretKey, refreshWindowMs, tokenStore, tokenStoreLock, tokenCacheLog, tokenExpiryUtcOffsetMinutes, ...common } = settings;
  const givenBaseUrl: unknown = settings.baseUrl ?? FINPAY_DEVELOPMENT_BASE_URL;
  // Anything but text is core's to refuse, as baseUrl.
  const baseUrl = (typeof givenBaseUrl === 'string' ? givenBaseUrl.replace(/\/+$/, '') : givenBaseUrl) as string;
  // Not text: refused by checkClientOptions before anything is sent (a Symbol cannot even be joined).
  const basic = typeof username === 'string' && typeof password === 'string' ? `${username}:${password}` : '';
  // The token issued last is a secret too, should an answer echo it.
  let lastToken = '';
  // What no error may show, longest first (so a secret holding another is cut out whole);
  // only asked for once the options passed their checks. As in core, values under 6
  // characters are too likely to match innocent words to be cut out.
  const secrets = (...more: unknown[]): string[] => {
    const keyHex = toHex(utf8(secretKey));
    return [basic, base64(basic), keyHex, keyHex.toLowerCase(), secretKey, password, lastToken, ...more]
      .filter((secret): secret is string => typeof secret === 'string' && secret.length > 5)
      .sort((a, b) => b.length - a.length);
  };
  const api = createApiClient<paths>({
    ...common,
    provider: PROVIDER,
    baseUrl,
    issues: [...clientOptionIssues(options), ...checkClientOptions(settings)],
    authorization: `Basic ${base64(basic)}`,
    // Core redacts what a request carries; the secret key never travels.
    secrets,
    // Not safe to repeat: Finpay wants a unique transNumber per request. Only 408, 429 and
    // refused connections (the request was not acted on) are retried, with the same body.
    safeToRepeat: () => false,
    errorCode: (body) => {
      const code = (body as Record<string, unknown>)['statusCode'];
      return typeof code === 'string' ? code : undefined;
    },
  });
  // The transNumber of the latest getToken call, for the request it may start: core's cache
  // calls fetchToken without arguments.
  let nextTransNumber: string | undefined;

  async function requestToken(): Promise<FinpayToken> {
    const reqDtime = finpayReqDtime(common.clock?.now());
    const transNumber = nextTransNumber ?? newTransNumber(reqDtime);
    const fields = { reqDtime, requestType: 'getToken' as const, transNumber };
    const { data, error, response } = await api.POST('/security/getToken', {
      // The options carry keyHexCase (default upper, as signFinpayRequest's).
      body: { ...fields, signature: signFinpayRequest(fields, secretKey, settings) },
    });
    if (error) throw redactTokenError(error, secrets());
    const issued = readTokenAnswer(data, response, transNumber, secrets, tokenExpiryUtcOffsetMinutes, common.clock?.now());
    lastToken = issued.token;
    return issued;
  }

  const cache = createTokenCache<FinpayToken>({
    // Core's defaults stand in for what is left out.
    ...(refreshWindowMs !== undefined && { refreshWindowMs }),
    ...(common.clock && { clock: common.clock }),
    ...(tokenStore && { store: tokenStore }),
    ...(tokenStoreLock && { lock: tokenStoreLock }),
    ...(tokenCacheLog && { log: tokenCacheLog }),
    fetchToken: requestToken,
    // The account, no secret (a username has no ':', its check says so).
    key: `finpay:${baseUrl}:${username}`,
    provider: PROVIDER,
  });

  return {
    api,
    async getToken(given) {
      // `null` is no options, as `undefined` is; the cache refuses any other non-object.
      const call = given ?? {};
      // timeoutMs is checked here too (the token cache checks it as well) so that one
      // ValidationError lists every problem of the call.
      failOn([
        ...checkTransNumber(call.transNumber),
        ...checkWhole(call.timeoutMs, 'timeoutMs', 1),
        // A fresh transNumber takes random bytes: where the runtime has none, the caller must give one.
        ...issueUnless(call.transNumber || globalThis.crypto?.getRandomValues, 'transNumber', 'is required where crypto.getRandomValues is missing'),
      ]);
      nextTransNumber = call.transNumber;
      // The cache takes forceRefresh, signal and timeoutMs, and ignores transNumber.
      return cache.get(call);
    },
  };
}
