/**
 * When a cached token is renewed: two windows before its expiry (both capped by the
 * token's lifetime, so a short-lived token is not renewed on every call), and the
 * pause after a failed renewal.
 */
import { retryDelayMs } from './retry';

/** Inside this window before expiry callers wait for a new token (capped at a tenth of the lifetime). */
export const FORCED_WINDOW_MS = 30_000;
/** Backoff after a failed background renewal: 1 s, doubled per failure, up to 30 s. */
const BACKOFF = { initialDelayMs: 1_000, maxDelayMs: 30_000 };
/** The longest a provider's `Retry-After` is obeyed. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

export interface RefreshTimes {
  /** From here on a call starts one renewal in the background and is served the token meanwhile. */
  readonly refreshAt: number;
  /** From here on callers wait for the renewal. */
  readonly mustRefreshAt: number;
}

/**
 * The refresh window is at most half the lifetime left when this process got the
 * token; the forced window at most a tenth of it (and never wider than the refresh window).
 */
export function refreshTimes(expiresAt: number, now: number, refreshWindowMs: number): RefreshTimes {
  const lifetime = Math.max(0, expiresAt - now);
  const window = Math.min(refreshWindowMs, lifetime / 2);
  return { refreshAt: expiresAt - window, mustRefreshAt: expiresAt - Math.min(FORCED_WINDOW_MS, lifetime / 10, window) };
}

/**
 * How long the provider asked us to wait, when it did: a `retryAfterMs` on the error
 * (core's rate-limit error has one), or the `Retry-After` of a response it carries.
 */
export function advisedDelayMs(error: unknown, now: number): number | undefined {
  const { retryAfterMs, response } = (error ?? {}) as { retryAfterMs?: unknown; response?: { headers?: unknown } };
  if (typeof retryAfterMs === 'number' && retryAfterMs >= 0) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const headers = response?.headers;
  if (!(headers instanceof Headers) || !(headers.has('retry-after') || headers.has('retry-after-ms'))) return undefined;
  const delay = retryDelayMs(1, headers, { initialDelayMs: 0, maxDelayMs: MAX_RETRY_AFTER_MS }, now, () => 0);
  return delay;
}

/** The wait after failure number `failures` (1-based) of a renewal, before the next one is sent. */
export const backoffMs = (failures: number): number => retryDelayMs(failures, undefined, BACKOFF, 0, () => 0);
