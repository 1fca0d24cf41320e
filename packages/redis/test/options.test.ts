import { ValidationError } from '@tokens/core';
import { expect, it } from 'vitest';
import { createRedisTokenStore, type RedisTokenStoreOptions } from '../src/index';

it('refuses bad options with a ValidationError listing each one, before any command', () => {
  let error: unknown;
  try {
    createRedisTokenStore({ client: { get: () => 'not a client' }, prefix: 7, commandTimeoutMs: 0, lockRetryMs: Number.NaN, log: 'no' } as unknown as RedisTokenStoreOptions);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['client', 'prefix', 'commandTimeoutMs', 'lockRetryMs', 'log']);
  expect(() => createRedisTokenStore(undefined as unknown as RedisTokenStoreOptions)).toThrow(ValidationError);
});
