/**
 * The Lua scripts the store runs, each one round trip and atomic: a write and its
 * notification cannot be separated, and a lock is deleted only by its owner.
 * Sent by EVALSHA with the SHA-1 written here (test/scripts.test.ts checks each
 * against its source), falling back to EVAL, which loads it, on NOSCRIPT.
 */
export interface Script {
  readonly source: string;
  readonly sha1: string;
}

/** KEYS: record, channel. ARGV: record JSON, TTL ms, message. */
export const STORE_AND_PUBLISH: Script = {
  source: "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) redis.call('PUBLISH', KEYS[2], ARGV[3]) return 1",
  sha1: '6c038e213f088ce36feff1eeaa1f40b367111b01',
};

/** KEYS: record, channel. ARGV: message. */
export const DELETE_AND_PUBLISH: Script = {
  source: "redis.call('DEL', KEYS[1]) redis.call('PUBLISH', KEYS[2], ARGV[1]) return 1",
  sha1: '1105d52896e8be669ed28e593bd19607bf801769',
};

/** Compare-and-delete: KEYS: lock, channel. ARGV: owner, message. 1 if released, 0 if the lock was no longer ours. */
export const RELEASE_LOCK: Script = {
  source:
    "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) redis.call('PUBLISH', KEYS[2], ARGV[2]) return 1 end return 0",
  sha1: 'c60ee67301d26e71759c48d1c5c0183953b9cdc5',
};
