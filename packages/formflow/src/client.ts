import {
  ApiError,
  clientOptionIssues,
  createAuthMiddleware,
  createApiClient,
  createTokenCache,
  redactTokenAnswer,
  redactTokenError,
  systemClock,
  type ApiClient,
  type ClientOptions,
  type IssuedToken,
  type LockOptions,
  type TokenCacheEvent,
  type TokenStore,
} from '@tokens/core';
import type { Middleware } from 'openapi-fetch';
import type { GetTokenResponseDto, paths } from './generated/openapi';
import { checkOptions } from './validate';

export const FORMFLOW_BASE_URL = 'https://main.formflow-dev.net';

/** A Formflow access token: `tokenType` from `token_type` (`Bearer`), `expiresAt` = answer time + `expires_in`. */
export type FormflowToken = IssuedToken<GetTokenResponseDto>;

export type FormflowClientOptions = ClientOptions & {
  /** The API client's id. */
  clientId: string;
  /** The API client's secret. Never logged nor put in an error: a leaked secret is deactivated by Formflow. */
  clientSecret: string;
  /** The organization the API client belongs to. */
  organizationId: string;
  /** How long before its expiry a token is replaced. Default 5 minutes (as Insly's own client). */
  refreshWindowMs?: number;
  /**
   * Where tokens are shared beyond this client (`memoryTokenStore()` in one process,
   * `@tokens/redis` across processes), under `formflow:<baseUrl>:<organizationId>:<clientId>`.
   * Default: none, the client's own in-memory copy. The access token is the API client's
   * only: any process of the same API client may share it.
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
};

export interface GetTokenOptions {
  /** Ask Formflow for a new token whatever the cache holds. */
  forceRefresh?: boolean;
  /** Stops this call waiting; the upstream request, which other callers may share, carries on and is cached. */
  signal?: AbortSignal;
  /** How long this call waits for a token, in ms (a `TimeoutError` after); the request runs under the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface FormflowClient {
  /** The whole Formflow spec as a typed client. */
  readonly api: ApiClient<paths>;
  /** A token valid for at least `refreshWindowMs` more: cached, and one request for all concurrent callers. */
  getToken(options?: GetTokenOptions): Promise<FormflowToken>;
  /** `{ Authorization: 'Bearer …' }` for Formflow's other calls, from the cached token. */
  authHeaders(options?: GetTokenOptions): Promise<{ Authorization: string }>;
  /**
   * An openapi-fetch middleware for your own clients of Formflow's other calls
   * (`client.use(formflow.authMiddleware())`, registered last): sets `Authorization`
   * from the cached token and, on a 401, invalidates that token and sends the request
   * once more, body included, with a fresh one, to the same URL.
   */
  authMiddleware(): Middleware;
}

export function createFormflowClient(options: FormflowClientOptions): FormflowClient {
  const given = options ?? ({} as Partial<FormflowClientOptions>);
  const { clientId, clientSecret, organizationId, refreshWindowMs, tokenStore, tokenStoreLock, tokenCacheLog, ...common } = given;
  const api = createApiClient<paths>({
    ...common,
    provider: 'formflow',
    baseUrl: common.baseUrl ?? FORMFLOW_BASE_URL,
    issues: [...clientOptionIssues(options), ...checkOptions(given)],
    // Safe to repeat: a repeated POST /api/token only issues another access token.
    safeToRepeat: () => true,
  });
  const clock = common.clock ?? systemClock;

  // The token issued last is a secret too: a failed refresh may echo it back.
  let lastToken: string | undefined;

  async function requestToken(replacing?: FormflowToken): Promise<FormflowToken> {
    const { data, error, response } = await api.POST('/api/token', { body: { clientId: clientId!, clientSecret: clientSecret!, organizationId: organizationId! } });
    if (error) throw redactTokenError(error, [clientSecret, lastToken, replacing?.token]);
    const { status } = response;
    if (typeof data?.token !== 'string' || !(Number.isFinite(data.expires_in) && data.expires_in >= 0)) {
      // Not readable as a token, yet it may hold one under another name: only its shape is kept.
      const body = redactTokenAnswer(data, [clientSecret!, lastToken!]);
      throw new ApiError('formflow', `formflow: HTTP ${status}: answered without a token and its expires_in`, { status, body });
    }
    if (data.expires_in === 0) {
      // expires_in is relative to the answer, so no clock skew explains it: the token is no use.
      const body = redactTokenAnswer(data, [clientSecret!, lastToken!]);
      throw new ApiError('formflow', `formflow: HTTP ${status}: the token expired on arrival (expires_in 0, relative: not clock skew)`, { status, body });
    }
    const expiresAt = new Date(clock.now() + data.expires_in * 1000);
    lastToken = data.token;
    return { token: data.token, tokenType: typeof data.token_type === 'string' ? data.token_type : 'Bearer', expiresAt, raw: data };
  }

  // Formflow allows 60 token requests a minute: the cache is why a process asks once per token lifetime.
  // The key names the account (ids, no secret); the ids are encoded so that no ':' inside one can mix two accounts up.
  const baseUrl = (common.baseUrl ?? FORMFLOW_BASE_URL).replace(/\/+$/, '');
  const cache = createTokenCache<FormflowToken>({
    fetchToken: requestToken,
    refreshWindowMs: refreshWindowMs ?? 5 * 60_000,
    ...(tokenStore && { store: tokenStore }),
    ...(tokenStoreLock && { lock: tokenStoreLock }),
    ...(tokenCacheLog && { log: tokenCacheLog }),
    key: `formflow:${baseUrl}:${encodeURIComponent(organizationId!)}:${encodeURIComponent(clientId!)}`,
    clock,
    provider: 'formflow',
  });

  const getToken = (getOptions?: GetTokenOptions) => cache.get(getOptions);
  const authorization = ({ tokenType, token }: FormflowToken) => `${tokenType} ${token}`;

  return {
    api,
    getToken,
    async authHeaders(callOptions) {
      return { Authorization: authorization(await getToken(callOptions)) };
    },
    authMiddleware: () =>
      createAuthMiddleware({
        current: async (signal) => {
          const token = await getToken({ signal });
          return { token: token.token, authorization: authorization(token) };
        },
        // One refresh however many requests report the same token; a report about a token no longer cached does nothing.
        invalidate: (token) => cache.invalidate(token),
      }),
  };
}
