/** Turns a getToken answer into a FinpayToken, or an ApiError when Finpay said no (even on HTTP 200). */
import { ApiError, redact, redactTokenAnswer, type IssuedToken } from '@tokens/core';
import type { GetTokenResponse } from './generated/openapi';
import { parseTokenExpiry } from './jakarta-time';
import { PROVIDER } from './validate';

/** A number, or short pieces between separators as in a time, is shown in a message; other text (a token?) is not. */
const LOOKS_LIKE_A_TIME = /^[0-9A-Za-z]{1,6}([-/ :.+][0-9A-Za-z]{1,6}){0,7}$/;

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

/**
 * The token of a getToken answer, read with `tokenExpiry` at `utcOffsetMinutes` (default
 * GMT+7); `secrets` gives the values to cut out of an error, the tokenID answered included.
 */
export function readTokenAnswer(
  data: unknown,
  response: Response,
  transNumber: string,
  secrets: (tokenID: unknown) => string[],
  utcOffsetMinutes?: number,
  now: number = Date.now(),
): FinpayToken {
  const { statusCode, statusDesc, tokenID, tokenExpiry } = (data ?? {}) as Partial<Record<keyof GetTokenResponse, unknown>>;
  const expiresAt = parseTokenExpiry(tokenExpiry, utcOffsetMinutes);
  const refused = statusCode !== '000';
  // Why the answer is no use, if it is not: Finpay said no (its statusDesc says why, if it
  // says anything), or said yes without a tokenID or with a tokenExpiry we cannot read.
  const problem = refused
    ? (typeof statusDesc === 'string' && statusDesc.slice(0, 200)) || 'statusCode is not "000" (success)'
    : typeof tokenID !== 'string' || !tokenID
      ? 'answered statusCode "000" (success) without a tokenID'
      : !expiresAt
        ? `answered ${tokenExpiry === undefined ? 'no tokenExpiry' : `tokenExpiry ${typeof tokenExpiry === 'number' || LOOKS_LIKE_A_TIME.test(String(tokenExpiry)) ? JSON.stringify(tokenExpiry) : `of another form (${typeof tokenExpiry})`}`}; expected DD-MMM-YY HH24:MI:SS, e.g. 24-AUG-24 16:23:30`
        : +expiresAt <= now &&
          `the tokenID expired on arrival: tokenExpiry ${JSON.stringify(tokenExpiry)} is ${Math.ceil((now - +expiresAt) / 1000)} s past this machine's clock (clock skew, or a wrong tokenExpiryUtcOffsetMinutes)`;
  if (problem) {
    const hidden = secrets(tokenID);
    // Finpay's statusCode, only for a refusal: "000" is not an error code.
    const code = refused && statusCode != null ? String(statusCode) : undefined;
    throw new ApiError(PROVIDER, redact(`${PROVIDER}: HTTP ${response.status}${code ? ` ${code}` : ''}: ${problem}`, hidden) as string, {
      status: response.status,
      code,
      // A refusal is an error body worth reading; an answer that claims success but has no usable
      // token may hold it under another name: only its shape is kept.
      body: refused ? redact(data, hidden) : redactTokenAnswer(data, hidden),
      // find(Boolean) skips the nulls of absent headers.
      requestId: ['x-request-id', 'request-id', 'x-correlation-id'].map((name) => response.headers.get(name)).find(Boolean) as string | undefined,
    });
  }
  return { token: tokenID as string, tokenType: 'tokenID', expiresAt: expiresAt!, raw: data as GetTokenSuccess, transNumber };
}
