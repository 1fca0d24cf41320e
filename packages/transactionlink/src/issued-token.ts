/** Turns TransactionLink's `{ token, expiryDuration, tokenType }` answers into core's IssuedToken. */
import { ApiError, redactTokenAnswer, redactTokenError, systemClock, type ApiResult, type Clock, type IssuedToken } from '@tokens/core';

export const PROVIDER = 'transactionlink';

/**
 * The token in a call's result, or the call's error thrown. `expiresAt` is the
 * time of the answer (on `clock`) plus `expiryDuration` seconds. An answer without
 * the token, a numeric `expiryDuration` or (`withId`: a v2 answer) the `id` is an
 * ApiError (only the shape of its body kept: the token may be in it under another
 * name), not a token that breaks later.
 */
export function toIssuedToken<Raw>(
  { data: raw, error, response }: ApiResult<Record<string, any>, unknown>,
  clock: Clock = systemClock,
  tokenField: string,
  withId?: boolean,
  /** More secrets to cut out of an error: the tokens this one replaces. */
  secrets: (string | undefined)[] = [],
): IssuedToken<Raw> & { id?: string } {
  if (error) throw redactTokenError(error, secrets);
  const token = raw?.[tokenField];
  const seconds = raw?.expiryDuration;
  if (!token || typeof token !== 'string' || !Number.isFinite(seconds) || (withId && typeof raw.id !== 'string')) {
    throw new ApiError(PROVIDER, `${PROVIDER}: HTTP ${response.status}: the answer lacks ${tokenField}, expiryDuration${withId ? ', id' : ''}`, {
      status: response.status,
      body: redactTokenAnswer(raw, secrets),
    });
  }
  if (seconds <= 0) {
    // expiryDuration is relative to the answer, so no clock skew explains it: the token is no use.
    throw new ApiError(PROVIDER, `${PROVIDER}: HTTP ${response.status}: the ${tokenField} expired on arrival (expiryDuration ${seconds}, relative: not clock skew)`, {
      status: response.status,
      body: redactTokenAnswer(raw, secrets),
    });
  }
  return {
    ...(withId && { id: raw.id }),
    token,
    // The spec requires tokenType; should it be missing, Bearer is what TransactionLink documents.
    tokenType: String(raw.tokenType ?? 'Bearer'),
    expiresAt: new Date(clock.now() + seconds * 1000),
    raw: raw as Raw,
  };
}
