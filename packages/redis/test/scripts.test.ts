import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { DELETE_AND_PUBLISH, RELEASE_LOCK, STORE_AND_PUBLISH } from '../src/scripts';

it.each([
  ['STORE_AND_PUBLISH', STORE_AND_PUBLISH],
  ['DELETE_AND_PUBLISH', DELETE_AND_PUBLISH],
  ['RELEASE_LOCK', RELEASE_LOCK],
])('%s is sent by EVALSHA with the SHA-1 of its source', (_, script) => {
  expect(createHash('sha1').update(script.source).digest('hex')).toBe(script.sha1);
});
