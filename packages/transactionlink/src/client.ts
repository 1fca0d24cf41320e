import {
  clientOptionIssues,
  createApiClient,
  createAuthMiddleware,
  ValidationError,
  type ApiClient,
  type ApiClientOptions,
  type CallOptions,
  type ClientOptions,
  type FetchFunction,
  type IssuedToken,
  type LockOptions,
  type TokenCacheEvent,
  type TokenStore,
} from '@tokens/core';
import type { Middleware } from 'openapi-fetch';
import { withTransactionLinkErrors } from './api';
import { fixedBearer, loginBearer } from './bearer-source';
import type { paths, WorkflowTokenDto, WorkflowTokenDtoV2 } from './generated/openapi';
import { PROVIDER, toIssuedToken } from './issued-token';
import { createLogin, type AccessToken } from './login';
import { optionIssues, widgetTokenIssues } from './validate';

/** TransactionLink's production API (the old sandbox host was retired in 2026). */
export const TRANSACTIONLINK_BASE_URL = 'https://api.transactionlink.io';

/**
 * How the client authenticates: an organization token (`tot_…`, from the
 * dashboard), or the deprecated key and secret login.
 */
export type TransactionLinkAuth =
  | {
      token: string;
      /** The Authorization scheme sent before the token. Default `Bearer` (a guess: TransactionLink does not spell the header out); `''` sends the token alone. */
      scheme?: string;
      key?: never;
      secret?: never;
    }
  | {
      /** @deprecated TransactionLink's older key/secret login is deprecated: prefer an organization token (`auth: { token }`). */
      key: string;
      secret: string;
      token?: never;
      scheme?: never;
    };

export type TransactionLinkClientOptions = ClientOptions & {
  auth: TransactionLinkAuth;
  /** Key/secret login only: how long before its expiry the access token is renewed. Default 5 minutes. */
  refreshWindowMs?: number;
  /**
   * Key/secret login only: where the access token is shared beyond this client
   * (`memoryTokenStore()` in one process, `@tokens/redis` across processes). Default: none,
   * the client's own in-memory copy. The access token (and its refresh token) is the
   * account's: only clients of the same key may share it, which the default key ensures.
   */
  tokenStore?: TokenStore;
  /**
   * Key/secret login only: the access token's key in `tokenStore`; it must name the account,
   * never hold a secret. Default `transactionlink:<baseUrl>:<SHA-256 fingerprint of the key>`.
   */
  tokenStoreKey?: string;
  /**
   * Key/secret login only: the refresh lock of a `tokenStore` that has one (`@tokens/redis`), so that one process of a
   * fleet asks for a token at a time. Whole ms, at least 1. `leaseMs`: how long a process
   * may hold it before it expires by itself (its process may have died), default 30 000;
   * `waitMs`: how long the others wait for it before each asks on its own, default 35 000.
   */
  tokenStoreLock?: Partial<LockOptions>;
  /** Key/secret login only: told when `tokenStore` failed (the client went on without it) or a background renewal failed. */
  tokenCacheLog?: (event: TokenCacheEvent) => void;
  /**
   * Whether a versioned call (v2) sends the versioned media type as `Content-Type` too. Default
   * `true`, as the spec declares it; `false` sends `Content-Type: application/json` with the
   * versioned `Accept`, as TransactionLink's own examples do. Which one the server wants is a guess.
   */
  versionedContentType?: boolean;
};

/** Version 2 (the default, recommended): `recordId` instead of the deprecated case. */
export interface WidgetTokenV2Input {
  version?: 2;
  workflowDefinitionId: string;
  recordId?: string;
  parametersId?: string;
  caseId?: never;
  lang?: never;
}

/** Version 1 (deprecated): the token is for a case. */
export interface WidgetTokenV1Input {
  version: 1;
  caseId: string;
  workflowDefinitionId: string;
  parametersId?: string;
  lang?: string;
  recordId?: never;
}

export type WidgetTokenInput = WidgetTokenV1Input | WidgetTokenV2Input;
export type WidgetTokenV1 = IssuedToken<WorkflowTokenDto>;
export type WidgetTokenV2 = IssuedToken<WorkflowTokenDtoV2> & { id: string };
/** Per call: `signal`, `timeoutMs`, `maxRetries`, extra `headers`. */
export type WidgetTokenCallOptions = CallOptions;

export interface TransactionLinkClient {
  /**
   * A new one-time widget token (`POST /token`), never cached: make one per widget start.
   * Version 2 unless `version: 1` is given. Throws `ValidationError` before any request for
   * bad input, `ApiError` when TransactionLink refuses (code = `errors[0].code`).
   */
  createWidgetToken(input: WidgetTokenV1Input, options?: WidgetTokenCallOptions): Promise<WidgetTokenV1>;
  createWidgetToken(input: WidgetTokenV2Input, options?: WidgetTokenCallOptions): Promise<WidgetTokenV2>;
  createWidgetToken(input: WidgetTokenInput, options?: WidgetTokenCallOptions): Promise<WidgetTokenV1 | WidgetTokenV2>;
  /** The whole TransactionLink spec as a typed client, `Authorization: Bearer` added to every call. */
  readonly api: ApiClient<paths>;
  /**
   * An openapi-fetch middleware for your own clients of TransactionLink's other calls
   * (`client.use(tl.authMiddleware())`, registered last): sets `Authorization` as `api`
   * does. With the key/secret login, a 401 invalidates the cached access token and the
   * request is sent once more, body included, with a fresh one, to the same URL; an
   * organization token cannot be renewed, so its 401 is returned as it is.
   */
  authMiddleware(): Middleware;
}

/** A fetch that sends `Content-Type` without its parameters (`application/json;version=2` → `application/json`). */
const plainContentType =
  (send: FetchFunction | undefined): FetchFunction =>
  (input, init) => {
    const type = input.headers.get('content-type');
    if (type) input.headers.set('content-type', type.split(';')[0]!);
    return (send ?? fetch)(input, init);
  };

export function createTransactionLinkClient(options: TransactionLinkClientOptions): TransactionLinkClient {
  const { auth, refreshWindowMs, tokenStore, tokenStoreKey, tokenStoreLock, tokenCacheLog, versionedContentType, ...common } =
    options ?? ({} as TransactionLinkClientOptions);
  const settings = { ...common, provider: PROVIDER, baseUrl: common.baseUrl ?? TRANSACTIONLINK_BASE_URL, safeToRepeat: () => true };
  // Without the access-token header: the login calls go through it.
  const plain = createApiClient<paths>({ ...settings, issues: [...clientOptionIssues(options), ...optionIssues(auth, refreshWindowMs, tokenStoreKey, versionedContentType)] });

  const organization = `${auth.scheme ?? 'Bearer'} ${auth.token}`;
  const login = auth.token === undefined ? createLogin(withTransactionLinkErrors(plain), options, settings.baseUrl.replace(/\/+$/, '')) : undefined;
  const bearer = login ? loginBearer(login) : fixedBearer(auth.token!, organization);
  const api = withTransactionLinkErrors(
    createApiClient<paths>({
      ...settings,
      fetch: versionedContentType === false ? plainContentType(common.fetch) : common.fetch,
      // An organization token is fixed: core checks it once, here. The access token of a login
      // is read per call, after core has checked the call: an invalid call never logs in.
      authorization: login ? async () => `Bearer ${(await login.cache.get()).token}` : organization,
    } as ApiClientOptions),
    login,
  );

  async function createWidgetToken(input: WidgetTokenInput, callOptions?: WidgetTokenCallOptions): Promise<WidgetTokenV1 | WidgetTokenV2> {
    const issues = widgetTokenIssues(input, callOptions);
    if (issues.length > 0) throw new ValidationError(PROVIDER, issues);
    const { version, ...body } = input;
    // v1 is the plain application/json type; v2 (the default) is application/json;version=2.
    const v2 = version !== 1;
    const result = await api.POST('/token', { ...callOptions, body, version: v2 ? 2 : undefined } as { version: 2; body: WidgetTokenV2Input });
    return toIssuedToken<WorkflowTokenDtoV2>(result, common.clock, 'token', v2) as WidgetTokenV2;
  }

  return { api, createWidgetToken: createWidgetToken as TransactionLinkClient['createWidgetToken'], authMiddleware: () => createAuthMiddleware(bearer) };
}
