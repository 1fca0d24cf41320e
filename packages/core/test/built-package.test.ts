import { describeBuiltPackage } from '@tokens/testkit';

describeBuiltPackage({
  testFileUrl: import.meta.url,
  packageName: '@tokens/core',
  factory: 'createApiClient',
  options: { provider: 'example' },
  method: 'POST',
  path: '/anything',
  init: { body: { hello: 'world' } },
  answer: { status: 200, body: { ok: true } },
});
