/** A clock that moves only when a test says so: sleepers wake when `advance` passes their time. */
import type { Clock } from '../../src/index';

export interface FakeClock extends Clock {
  advance(ms: number): void;
  /** How many sleeps are pending (a store timeout, a caller's timeoutMs). */
  sleeping(): number;
}

export function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start;
  const sleepers = new Set<{ until: number; wake: () => void }>();
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const sleeper = { until: now + ms, wake: resolve };
        sleepers.add(sleeper);
        signal?.addEventListener('abort', () => {
          sleepers.delete(sleeper);
          reject(signal.reason);
        });
      }),
    advance(ms) {
      now += ms;
      for (const sleeper of sleepers) {
        if (sleeper.until > now) continue;
        sleepers.delete(sleeper);
        sleeper.wake();
      }
    },
    sleeping: () => sleepers.size,
  };
}
