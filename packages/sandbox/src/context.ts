/** What every provider handler gets from the sandbox. */
import { parseMediaType, isJsonMediaType } from '@tokens/core';
import type { SandboxAnswer, SandboxRequest } from './http';
import type { IssuedTokens } from './issued-tokens';
import type { JwtKeys } from './jwt';
import type { Operation } from './validation';

export interface SandboxCredentials {
  /** `createTransactionLinkClient({ baseUrl, ...credentials.transactionlink })`: an organization token. */
  readonly transactionlink: { readonly auth: { readonly token: string } };
  /** The deprecated key/secret login, also accepted. */
  readonly transactionlinkLogin: { readonly auth: { readonly key: string; readonly secret: string } };
  readonly onespan: { readonly accessToken: string };
  readonly formflow: { readonly clientId: string; readonly clientSecret: string; readonly organizationId: string };
  readonly finpay: { readonly username: string; readonly password: string; readonly secretKey: string };
}

export interface SandboxSettings {
  /** TransactionLink access tokens from /auth/authorize and /auth/refresh. Default 3600 s. */
  readonly transactionlinkAccessTokenSeconds: number;
  /** OneSpan session creation tokens (lifetime undocumented). Default 900 s. */
  readonly onespanSessionTokenSeconds: number;
  /** Formflow token requests per client and minute before 429. Default 60. */
  readonly formflowRequestsPerMinute: number;
  /** Finpay tokenID lifetime. Default 72 h (what Finpay's sample suggests). */
  readonly finpayTokenHours: number;
  /** Case of the hex digits of Finpay's signing key. Default 'upper'. */
  readonly finpayKeyHexCase: 'upper' | 'lower';
}

export interface ProviderContext {
  readonly now: () => number;
  readonly keys: JwtKeys;
  readonly credentials: SandboxCredentials;
  readonly settings: SandboxSettings;
  /** Bearer tokens issued (Formflow's, TransactionLink's login access tokens), for the sandbox-only protected calls. */
  readonly issued: IssuedTokens;
}

export type ProviderHandler = (request: SandboxRequest, operation: Operation) => SandboxAnswer;

export type JsonBody = { ok: true; body: unknown } | { ok: false; reason: 'not-json' | 'malformed' };

/** The body as JSON, when the request says it is JSON and it parses. */
export function jsonBody(request: SandboxRequest): JsonBody {
  const mediaType = parseMediaType(String(request.headers['content-type'] ?? ''));
  if (!isJsonMediaType(mediaType)) return { ok: false, reason: 'not-json' };
  try {
    return { ok: true, body: JSON.parse(request.text) };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/** Ids the sandbox treats as not found, for testing those paths. */
export const fixtures = {
  /** A TransactionLink caseId or recordId that does not exist (404). */
  transactionlinkMissingId: '00000000-0000-4000-8000-000000000404',
  /** A OneSpan transaction that is no longer valid (400). */
  onespanInvalidTransactionId: '00000000-0000-4000-8000-000000000400',
} as const;
