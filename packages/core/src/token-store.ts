/**
 * Where a token cache keeps its tokens beyond its own process memory: the contract
 * between `createTokenCache` (the policy: when to refresh, whom to serve) and a
 * store (the mechanism: keep plain records, and, for stores shared by many
 * processes, let one process at a time refresh a key and tell the others).
 *
 * A store holds plain data only: JSON-safe records, the expiry as epoch ms. The
 * cache turns its tokens into records (and back), and passes `value` through the
 * store's `seal`/`open` when it has them (`encryptedTokenStore`), so a shared store
 * never needs to know a token's shape.
 *
 * The cache is defensive about its store: it waits `storeTimeoutMs` (default 1 s) at
 * most for any call (`withLock`: `waitMs` more until the lock is granted), and a call
 * that throws or takes longer is logged and the cache goes on with its own single
 * flight. A store should still bound its own waits (a network store most of all).
 * Keys are the cache's `key` as given: the provider and the account, never a secret.
 */

/** A token as a store holds it. */
export interface StoredToken {
  /**
   * The token, serialised by the cache: JSON text, or what the store's `seal`
   * made of it (AES-GCM ciphertext for `encryptedTokenStore`). Opaque to the store.
   */
  readonly value: string;
  /** When the token expires, epoch ms: a store may drop the record after it. */
  readonly expiresAt: number;
  /**
   * A random id the cache gives each token it stores. `invalidate` compares it, so a
   * late report about an old token cannot throw away the new one.
   */
  readonly id: string;
}

/** Options of `TokenStore.withLock` (the cache's defaults: `leaseMs` 30 s, `waitMs` 35 s, so that a waiter outlasts a dead holder's lease). */
export interface LockOptions {
  /** How long the lock is held before it expires by itself (its holder may have died). */
  readonly leaseMs: number;
  /** How long to wait for the lock at most; then the store throws and the cache falls back. */
  readonly waitMs: number;
}

export interface TokenStore {
  /** The record under `key`, or undefined. */
  get(key: string): StoredToken | undefined | Promise<StoredToken | undefined>;
  /** Stores `record` under `key`, replacing any; `ttlMs` (at least 1) says how long it is worth keeping. */
  set(key: string, record: StoredToken, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /**
   * Stores shared between processes: runs `fn` while holding a lock on `key` that
   * no other process (or caller) holds at the same time, and returns what it returns.
   * A caller that finds the lock taken waits for it to be released (a notification,
   * not a timer) or to expire, then takes it. The cache re-reads the store inside the
   * lock, so only the first holder asks the provider. Without it, the cache's own
   * in-process single flight is all there is.
   */
  withLock?<R>(key: string, fn: () => Promise<R>, options: LockOptions): Promise<R>;
  /**
   * Stores shared between processes: calls `listener` when another process stored or
   * deleted `key` (so a process's in-memory copy is dropped); returns an unsubscribe.
   */
  watch?(key: string, listener: () => void): () => void;
  /** Turns a serialised token into the `value` stored under `key` (`encryptedTokenStore` encrypts it). */
  seal?(text: string, key: string): Promise<string>;
  /** The reverse of `seal`; throws when `value` does not open (the cache logs `decode` and replaces the record). */
  open?(value: string, key: string): Promise<string>;
}
