/** When to retry, and how long to wait first. */

export interface RetryTiming {
  /** First backoff, doubled per retry. Default 500 ms. */
  initialDelayMs: number;
  /** Longest wait, whether backoff or the provider's `Retry-After` (a longer `Retry-After` is a `RateLimitError` at once). Default 60 s. */
  maxDelayMs: number;
}

export const defaultRetryTiming: RetryTiming = { initialDelayMs: 500, maxDelayMs: 60_000 };

/**
 * Whether an answer is worth another attempt. 408 and 429 mean the provider did
 * not act on the request, so any call may repeat; a 5xx may come after the
 * provider acted, so only calls that are safe to repeat do.
 */
export const isRetryableStatus = (status: number, safeToRepeat: boolean): boolean =>
  status === 408 || status === 429 || (safeToRepeat && status >= 500);

/**
 * The wait before retry number `retry` (1-based): the answer's `retry-after-ms`
 * or `Retry-After` (seconds or an HTTP date) when present, else exponential
 * backoff with up to 25 % jitter below it; capped at `maxDelayMs` either way.
 */
export function retryDelayMs(retry: number, headers: Headers | undefined, timing: RetryTiming, now: number, random: () => number): number {
  const advised = headers && retryAfterMs(headers, now);
  const delay = advised ?? timing.initialDelayMs * 2 ** (retry - 1) * (1 - random() * 0.25);
  return Math.min(Math.max(delay, 0), timing.maxDelayMs);
}

/** The wait an answer asks for (`retry-after-ms`, or `Retry-After` in seconds or as an HTTP date), if any. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  // A plain non-negative number only: "-1" would be read as "retry now", "0x10" in hex.
  const ms = headers.get('retry-after-ms')?.trim() ?? '';
  if (DELAY.test(ms)) return +ms;
  const value = headers.get('retry-after')?.trim() ?? '';
  if (DELAY.test(value)) return +value * 1000;
  // Only an HTTP date: Date.parse also takes "soon, maybe -1" (a day in 2001, so "retry now") or "2024".
  const date = HTTP_DATE.test(value) ? Date.parse(value.endsWith('GMT') ? value : `${value} GMT`) : NaN;
  return Number.isNaN(date) ? undefined : date - now;
}

const DELAY = /^\d+(\.\d+)?$/;

/** RFC 9110's three HTTP-date forms: IMF-fixdate, RFC 850, and asctime (which is GMT but does not say so). */
const HTTP_DATE = /^\w+, \d\d[ -]\w{3}[ -]\d\d(\d\d)? [\d:]{8} GMT$|^\w{3} \w{3} [ \d]\d [\d:]{8} \d{4}$/;
