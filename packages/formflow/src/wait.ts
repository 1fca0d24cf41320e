import { TimeoutError, type Clock } from '@tokens/core';

/**
 * Waits for `promise` no longer than the caller's `signal` and `timeoutMs` allow.
 * The promise itself carries on: it is an upstream request other callers may
 * share, and its token is cached for them.
 */
export function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined, timeoutMs: number | undefined, clock: Clock): Promise<T> {
  if (!signal && timeoutMs === undefined) return promise;
  const done = new AbortController();
  const limits: Promise<never>[] = [];
  if (signal) {
    limits.push(
      new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true, signal: done.signal });
      }),
    );
  }
  if (timeoutMs !== undefined) {
    limits.push(
      clock.sleep(timeoutMs, done.signal).then(() => {
        throw new TimeoutError('formflow', `formflow: no token within ${timeoutMs} ms`, timeoutMs);
      }),
    );
  }
  // Settling the race ends the losers: the timer is cleared and the abort listener removed.
  return Promise.race([promise, ...limits]).finally(() => done.abort());
}
