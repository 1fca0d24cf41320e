/**
 * A TokenStore with the shared-store extras (`withLock`, `watch`) kept in this process:
 * what a store shared by many processes offers the cache, without a network. Each
 * "process" is a view with its own identity, so `watch` tells it only about the others' writes.
 */
import { memoryTokenStore, type StoredToken, type TokenStore } from '../../src/index';

export function sharedStore() {
  const records = memoryTokenStore();
  const locks = new Map<string, Promise<void>>();
  const listeners = new Set<{ process: number; key: string; listener: () => void }>();
  const calls: string[] = [];
  let processes = 0;
  const notify = (from: number, key: string) => {
    for (const entry of listeners) if (entry.process !== from && entry.key === key) entry.listener();
  };
  /** The store as one process sees it. */
  const view = (): TokenStore => {
    const process = ++processes;
    return {
      get: async (key) => (calls.push(`get ${key}`), records.get(key)),
      set: async (key, record: StoredToken, ttlMs) => {
        calls.push(`set ${key}`);
        await records.set(key, record, ttlMs);
        notify(process, key);
      },
      delete: async (key) => {
        calls.push(`delete ${key}`);
        await records.delete(key);
        notify(process, key);
      },
      async withLock(key, fn) {
        calls.push(`lock ${key}`);
        const before = locks.get(key) ?? Promise.resolve();
        let release!: () => void;
        const mine = new Promise<void>((resolve) => (release = resolve));
        locks.set(key, before.then(() => mine));
        await before;
        try {
          return await fn();
        } finally {
          release();
        }
      },
      watch(key, listener) {
        const entry = { process, key, listener };
        listeners.add(entry);
        return () => listeners.delete(entry);
      },
    };
  };
  return { view, records, calls };
}
