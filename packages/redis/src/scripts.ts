/**
 * The Lua scripts the store runs, each one round trip and atomic: a write and its
 * notification cannot be separated, and a lock is deleted only by its owner. Each
 * touches one key (the channel is an argument, not a key), as Redis Cluster wants.
 * Sent by EVALSHA with the SHA-1 written here (test/scripts.test.ts checks each
 * against its source), falling back to EVAL, which loads it, on NOSCRIPT.
 */
export interface Script {
  readonly source: string;
  readonly sha1: string;
}

/** KEYS: record. ARGV: record JSON, TTL ms, channel, message. */
export const STORE_AND_PUBLISH: Script = {
  source: "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) redis.call('PUBLISH', ARGV[3], ARGV[4]) return 1",
  sha1: '663bddecda4992c1648e69a7855bc8125afd5e42',
};

/** KEYS: record. ARGV: channel, message. */
export const DELETE_AND_PUBLISH: Script = {
  source: "redis.call('DEL', KEYS[1]) redis.call('PUBLISH', ARGV[1], ARGV[2]) return 1",
  sha1: '51c574f7263a3568f0f5d85450495c3226aaa40b',
};

/** Compare-and-delete: KEYS: lock. ARGV: owner, channel, message. 1 if released, 0 if the lock was no longer ours. */
export const RELEASE_LOCK: Script = {
  source: "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) redis.call('PUBLISH', ARGV[2], ARGV[3]) return 1 end return 0",
  sha1: 'fe1d050dcd09f6e0686accf6d6cfd5a41575841e',
};
