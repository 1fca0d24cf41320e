export { createRedisTokenStore } from './redis-token-store';
export type { RedisStoreEvent, RedisTokenStore, RedisTokenStoreOptions } from './redis-token-store';
export { RedisStoreError } from './bounded';
export type { IORedisClient, IORedisSubscriber, NodeRedisClient, NodeRedisSubscriber, RedisClient } from './connection';
