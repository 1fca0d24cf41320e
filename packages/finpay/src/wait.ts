import { TimeoutError, type Clock } from '@tokens/core';
import { PROVIDER } from './validate';

/**
 * Waits for `promise` no longer than the caller's `signal` and `timeoutMs` allow.
 * The promise itself goes on: it may be a request other callers share, and its
 * token is cached for them.
 */
export function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined, timeoutMs: number | undefined, clock: Clock): Promise<T> {
  if (!signal && timeoutMs === undefined) return promise;
  const done = new AbortController();
  const limits = [
    new Promise<never>((_, reject) => {
      const onAbort = () => reject(signal!.reason);
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true, signal: done.signal });
    }),
  ];
  if (timeoutMs !== undefined) {
    limits.push(
      clock.sleep(timeoutMs, done.signal).then(() => {
        throw new TimeoutError(PROVIDER, `${PROVIDER}: no token within ${timeoutMs} ms`, timeoutMs);
      }),
    );
  }
  // Settling the race ends the losers: the timer is cleared and the abort listener removed.
  return Promise.race([promise, ...limits]).finally(() => done.abort());
}
