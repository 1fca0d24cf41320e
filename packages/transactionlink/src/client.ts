import {
  createApiClient,
  systemClock,
  ValidationError,
  type ApiClient,
  type ApiClientOptions,
  type CallOptions,
  type ClientOptions,
  type IssuedToken,
  type TokenStore,
  type ValidationIssue,
} from '@tokens/core';
import { withTransactionLinkErrors } from './api';
import type { paths, WorkflowTokenDto, WorkflowTokenDtoV2 } from './generated/openapi';
import { PROVIDER, toIssuedToken } from './issued-token';
import { createLogin, type AccessToken, type Login } from './login';
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
  /** Key/secret login only: where the access token is cached. Default: in memory, per client. */
  tokenStore?: TokenStore<AccessToken>;
  /** Key/secret login only: the access token's key in `tokenStore`. Default `transactionlink:access-token`. */
  tokenStoreKey?: string;
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
}

/** A fetch that sends `Content-Type` without its parameters (`application/json;version=2` → `application/json`). */
const plainContentType =
  (send: typeof fetch | undefined): typeof fetch =>
  (url, init = {}) => {
    const headers = new Headers(init.headers);
    const type = headers.get('content-type');
    if (type) headers.set('content-type', type.split(';')[0]!);
    return (send ?? fetch)(url, { ...init, headers });
  };

const check = (issues: ValidationIssue[]) => {
  if (issues.length > 0) throw new ValidationError(PROVIDER, issues);
};

export function createTransactionLinkClient(options: TransactionLinkClientOptions): TransactionLinkClient {
  const { auth, refreshWindowMs, tokenStore, tokenStoreKey, versionedContentType, headers, ...common } = options ?? ({} as TransactionLinkClientOptions);
  const clock = common.clock ?? systemClock;
  const settings = { ...common, provider: PROVIDER, baseUrl: common.baseUrl ?? TRANSACTIONLINK_BASE_URL, safeToRepeat: () => true };
  // Without the access-token header: the login calls go through it.
  const plain = createApiClient<paths>({ ...settings, headers, issues: optionIssues({ auth, refreshWindowMs }) } as ApiClientOptions);

  let login: Login | undefined;
  if (auth.token === undefined) {
    login = createLogin(withTransactionLinkErrors(plain), { key: auth.key, secret: auth.secret, clock, refreshWindowMs, store: tokenStore, storeKey: tokenStoreKey });
  }
  const authorization = async () => (login ? `Bearer ${(await login.cache.get()).token}` : `${auth.scheme ?? 'Bearer'} ${auth.token}`);
  const api = withTransactionLinkErrors(
    createApiClient<paths>({
      ...settings,
      ...(versionedContentType === false && { fetch: plainContentType(common.fetch) }),
      ...(headers && { headers }),
      // Called once per call, after core has checked it: an invalid call never logs in.
      authorization,
    }),
    login,
  );

  async function createWidgetToken(input: WidgetTokenInput, callOptions: WidgetTokenCallOptions = {}): Promise<WidgetTokenV1 | WidgetTokenV2> {
    check(widgetTokenIssues(input));
    const { version, ...body } = input;
    // v1 is the plain application/json type; v2 is application/json;version=2.
    const result = await api.POST('/token', { ...callOptions, body, ...(version === 1 ? {} : { version: 2 }) } as { version: 2; body: WidgetTokenV2Input });
    if (result.error) throw result.error;
    const token = toIssuedToken<WorkflowTokenDtoV2>(result.data, result.response.status, clock.now(), 'token', version !== 1);
    return version === 1 ? token : { ...token, id: token.raw.id };
  }

  return { api, createWidgetToken: createWidgetToken as TransactionLinkClient['createWidgetToken'] };
}
