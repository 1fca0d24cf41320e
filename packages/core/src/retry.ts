/** When to retry, and how long to wait first. */

export interface RetryTiming {
  /** First backoff, doubled per retry. Default 500 ms. */
  initialDelayMs: number;
  /** Longest backoff, and longest `Retry-After` honoured. Default 60 s. */
  maxDelayMs: number;
}

export const defaultRetryTiming: RetryTiming = { initialDelayMs: 500, maxDelayMs: 60_000 };

/** Backoff ceiling before `Retry-After` matters: 8 s, as in Stainless SDKs. */
const MAX_BACKOFF_MS = 8_000;

/**
 * Whether an answer is worth another attempt. 408 and 429 mean the provider did
 * not act on the request, so any call may repeat; a 5xx may come after the
 * provider acted, so only calls that are safe to repeat do.
 */
export function isRetryableStatus(status: number, safeToRepeat: boolean): boolean {
  return status === 408 || status === 429 || (safeToRepeat && status >= 500);
}

/**
 * The wait before retry number `retry` (1-based): the answer's `retry-after-ms`
 * or `Retry-After` (seconds or an HTTP date) when present, capped at
 * `maxDelayMs`; otherwise exponential backoff with up to 25 % jitter below it.
 */
export function retryDelayMs(
  retry: number,
  headers: Headers | undefined,
  timing: RetryTiming,
  now: number,
  random: () => number,
): number {
  const advised = headers && retryAfterMs(headers, now);
  if (advised !== undefined) return Math.min(Math.max(advised, 0), timing.maxDelayMs);
  const backoff = Math.min(timing.initialDelayMs * 2 ** (retry - 1), MAX_BACKOFF_MS, timing.maxDelayMs);
  return backoff * (1 - random() * 0.25);
}

function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date - now;
}
