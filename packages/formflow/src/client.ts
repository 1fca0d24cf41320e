import {
  ApiError,
  createApiClient,
  createTokenCache,
  memoryTokenStore,
  redactTokenAnswer,
  redactTokenError,
  systemClock,
  type ApiClient,
  type ClientOptions,
  type IssuedToken,
  type TokenStore,
} from '@tokens/core';
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
  /** Where tokens are cached, under the key `formflow:<organizationId>:<clientId>`. Default: in memory, per client. */
  tokenStore?: TokenStore<FormflowToken>;
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
}

export function createFormflowClient(options: FormflowClientOptions): FormflowClient {
  const given = options ?? ({} as Partial<FormflowClientOptions>);
  const { clientId, clientSecret, organizationId, refreshWindowMs, tokenStore, ...common } = given;
  const api = createApiClient<paths>({
    ...common,
    provider: 'formflow',
    baseUrl: common.baseUrl ?? FORMFLOW_BASE_URL,
    issues: checkOptions(given),
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
  const cache = createTokenCache<FormflowToken>({
    fetchToken: requestToken,
    refreshWindowMs: refreshWindowMs ?? 5 * 60_000,
    store: tokenStore ?? memoryTokenStore(),
    key: `formflow:${organizationId}:${clientId}`,
    clock,
    provider: 'formflow',
  });

  const getToken = (getOptions?: GetTokenOptions) => cache.get(getOptions);

  return {
    api,
    getToken,
    async authHeaders(callOptions) {
      const { tokenType, token } = await getToken(callOptions);
      return { Authorization: `${tokenType} ${token}` };
    },
  };
}
