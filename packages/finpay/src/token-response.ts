/** Turns a getToken answer into a FinpayToken, or an ApiError when Finpay said no (even on HTTP 200). */
import { ApiError, redact, type IssuedToken } from '@tokens/core';
import type { GetTokenResponse } from './generated/openapi';
import { parseTokenExpiry } from './jakarta-time';
import { PROVIDER } from './validate';

/** A successful getToken answer: `statusCode` "000", with the token and its expiry. */
export type GetTokenSuccess = GetTokenResponse & { statusCode: '000'; tokenID: string; tokenExpiry: string };

export interface FinpayToken extends IssuedToken<GetTokenSuccess> {
  /**
   * Not an HTTP auth scheme: Finpay's later widget calls carry the token in their
   * JSON body as the `tokenID` field (signed with the rest), not in a header.
   */
  readonly tokenType: 'tokenID';
  /** The `transNumber` of the getToken request that issued this token. */
  readonly transNumber: string;
}

export interface ReadSettings {
  readonly transNumber: string;
  /** Values to cut out of any error text, longest first. */
  readonly secrets: readonly string[];
  readonly tokenExpiryUtcOffsetMinutes: number;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id'];

export function readTokenAnswer(data: unknown, response: Response, settings: ReadSettings): FinpayToken {
  const body = (data !== null && typeof data === 'object' ? data : {}) as Partial<Record<keyof GetTokenResponse, unknown>>;
  const { statusCode, statusDesc, tokenID, tokenExpiry } = body;
  const secrets = typeof tokenID === 'string' && tokenID.length > 5 ? [tokenID, ...settings.secrets] : settings.secrets;
  const refuse = (detail: string, code?: string) =>
    new ApiError(PROVIDER, redact(`${PROVIDER}: HTTP ${response.status}${code ? ` ${code}` : ''}: ${detail}`, secrets) as string, {
      status: response.status,
      code,
      body: redact(data, secrets),
      requestId: REQUEST_ID_HEADERS.map((name) => response.headers.get(name)).find(Boolean) ?? undefined,
    });

  if (statusCode !== '000') {
    const description = typeof statusDesc === 'string' && statusDesc ? statusDesc.slice(0, 200) : 'statusCode is not "000" (success)';
    throw refuse(description, statusCode == null ? undefined : String(statusCode));
  }
  if (typeof tokenID !== 'string' || !tokenID) throw refuse('answered statusCode "000" (success) without a tokenID');
  const expiresAt = parseTokenExpiry(tokenExpiry, settings.tokenExpiryUtcOffsetMinutes);
  if (!expiresAt) {
    const received = tokenExpiry === undefined ? 'no tokenExpiry' : `tokenExpiry ${JSON.stringify(tokenExpiry).slice(0, 40)}`;
    throw refuse(`answered ${received}; expected DD-MMM-YY HH24:MI:SS, e.g. 24-AUG-24 16:23:30`);
  }
  return { token: tokenID, tokenType: 'tokenID', expiresAt, raw: data as GetTokenSuccess, transNumber: settings.transNumber };
}
