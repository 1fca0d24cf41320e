/** Turns TransactionLink's `{ token, expiryDuration, tokenType }` answers into core's IssuedToken. */
import { ApiError, redact, type IssuedToken } from '@tokens/core';

export const PROVIDER = 'transactionlink';

/**
 * `expiresAt` is the time of the answer plus `expiryDuration` seconds. An answer
 * without the token, a numeric `expiryDuration` or the `id` a v2 answer has is an
 * ApiError (its body redacted), not a token that breaks later.
 */
export function toIssuedToken<Raw>(raw: Record<string, any> | undefined, status: number, now: number, tokenField: string, id?: boolean): IssuedToken<Raw> {
  const token = raw?.[tokenField];
  const seconds = raw?.expiryDuration;
  if (!token || typeof token !== 'string' || !Number.isFinite(seconds) || (id && typeof raw.id !== 'string')) {
    throw new ApiError(PROVIDER, `${PROVIDER}: HTTP ${status}: the answer lacks ${tokenField}, expiryDuration${id ? ', id' : ''}`, {
      status,
      body: redact(raw),
    });
  }
  // The spec requires tokenType; should it be missing, Bearer is what TransactionLink documents.
  return { token, tokenType: String(raw.tokenType ?? 'Bearer'), expiresAt: new Date(now + seconds * 1000), raw: raw as Raw };
}
