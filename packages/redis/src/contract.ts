// Temporary copy of packages/core/src/token-store.ts until @tokens/core exports it.
export interface StoredToken {
  readonly value: string;
  readonly expiresAt: number;
  readonly id: string;
}
export interface LockOptions {
  readonly leaseMs: number;
  readonly waitMs: number;
}
export interface TokenStore {
  get(key: string): StoredToken | undefined | Promise<StoredToken | undefined>;
  set(key: string, record: StoredToken, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  withLock?<R>(key: string, fn: () => Promise<R>, options: LockOptions): Promise<R>;
  watch?(key: string, listener: () => void): () => void;
}
