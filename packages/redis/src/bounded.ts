/** Why a Redis operation did not complete: thrown to the cache, which logs it and falls back. */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
}

/**
 * Waits for `operation` at most `ms`: Redis down, unreachable or slow must never hang
 * a caller, whatever the client does with a command it cannot send (node-redis queues
 * it until it reconnects, ioredis retries it). The signal lets the client drop it.
 */
export function bounded<T>(what: string, ms: number, operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new RedisStoreError(`${what}: no answer from Redis within ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  return Promise.race([operation(controller.signal), timedOut]).finally(() => clearTimeout(timer));
}
