import {
  ApiError,
  clientOptionIssues,
  createApiClient,
  redactTokenAnswer,
  redactTokenError,
  systemClock,
  ValidationError,
  type ApiClient,
  type CallOptions,
  type ClientOptions,
  type IssuedToken,
} from '@tokens/core';
import type { paths, SessionCreationTokenResponse } from './generated/openapi';
import { decodeJwt } from './jwt';
import { checkAccessToken, checkTokenInput } from './validate';

export type OneSpanClientOptions = ClientOptions & {
  /** Required: OneSpan hosts each tenant on its own URL, e.g. `https://gs.onespan.cloud/rpoc-saa`. */
  baseUrl: string;
  /** The long-lived tenant JWT from OneSpan support (scope `tenant_access`), sent as `Authorization: Bearer`. */
  accessToken: string;
};

export type SessionCreationTokenInput = CallOptions & {
  /** The transaction's UUID. */
  transactionId: string;
  /** A role of the transaction's workflow, 1 to 32 characters. Default `unknown`. */
  role?: string;
};

/** `tokenType` is the JWT's `typ` (`JWT`): the token is handed to OneSpan's session flow, not sent as a Bearer credential. */
export type SessionCreationToken = IssuedToken<SessionCreationTokenResponse> & { readonly role: string };

export interface OneSpanClient {
  /** The whole OneSpan spec as a typed client (`Authorization` already set). */
  readonly api: ApiClient<paths>;
  /** A new session creation token for a transaction; never cached (each call makes a new one). */
  createSessionCreationToken(input: SessionCreationTokenInput): Promise<SessionCreationToken>;
}

export function createOneSpanClient(options: OneSpanClientOptions): OneSpanClient {
  const { accessToken, ...common } = options ?? ({} as Partial<OneSpanClientOptions>);
  const api = createApiClient<paths>({
    ...common,
    provider: 'onespan',
    baseUrl: common.baseUrl!,
    issues: [...clientOptionIssues(options), ...checkAccessToken(accessToken)],
    // Not text: refused by checkAccessToken before anything is sent (a Symbol cannot even be joined).
    authorization: typeof accessToken === 'string' ? `Bearer ${accessToken}` : '',
    // Safe to repeat: a repeated call only issues another session creation token for the transaction.
    safeToRepeat: () => true,
  });

  return {
    api,
    async createSessionCreationToken(input) {
      const { transactionId, role = 'unknown', ...call } = input ?? ({} as SessionCreationTokenInput);
      const problems = checkTokenInput(input, transactionId, role);
      if (problems.length) throw new ValidationError('onespan', problems);
      const { data, error, response } = await api.POST('/api/transaction/{transaction_id}/token', {
        ...call,
        params: { path: { transaction_id: transactionId } },
        body: { role },
      });
      if (error) throw redactTokenError(error, [accessToken]);
      return sessionToken(data, response.status, role, accessToken, (common.clock ?? systemClock).now());
    },
  };
}

/** The answer as an IssuedToken, its expiry read from the JWT's `exp` claim (one already past at `now` is refused). */
function sessionToken(data: SessionCreationTokenResponse | undefined, status: number, role: string, accessToken: string, now: number): SessionCreationToken {
  const token = data?.token;
  const jwt = typeof token === 'string' ? decodeJwt(token) : undefined;
  const exp = jwt?.claims['exp'];
  const expiresAt = new Date(typeof exp === 'number' ? exp * 1000 : NaN);
  if (Number.isNaN(expiresAt.getTime())) {
    const problem = !jwt ? (typeof token === 'string' ? 'the session token is not a JWT' : 'answered without a token') : 'the session token has no numeric exp claim';
    // Not readable as a token, yet it may hold one under another name: only its shape is kept.
    throw new ApiError('onespan', `onespan: HTTP ${status}: ${problem}`, { status, body: redactTokenAnswer(data, [accessToken]) });
  }
  if (expiresAt.getTime() <= now) {
    const late = Math.ceil((now - expiresAt.getTime()) / 1000);
    throw new ApiError('onespan', `onespan: HTTP ${status}: the session token expired on arrival: its exp is ${late} s past this machine's clock (clock skew, or a stale token)`, {
      status,
      body: redactTokenAnswer(data, [accessToken]),
    });
  }
  const { typ } = jwt!.header;
  return { token: token!, tokenType: typeof typ === 'string' ? typ : 'JWT', expiresAt, role: typeof data!.role === 'string' ? data!.role : role, raw: data! };
}
