import { describeBuiltPackage } from '@tokens/testkit';

describeBuiltPackage({
  testFileUrl: import.meta.url,
  packageName: '@tokens/onespan',
  factory: 'createOneSpanClient',
  options: { accessToken: 'tenant-jwt' },
  clientProperty: 'api',
  method: 'POST',
  path: '/api/transaction/{transaction_id}/token',
  init: { params: { path: { transaction_id: 'dcaad720-d1e9-47ba-a76b-a6370ef0373b' } }, body: { role: 'unknown' } },
  sentPath: '/api/transaction/dcaad720-d1e9-47ba-a76b-a6370ef0373b/token',
  answer: { status: 200, body: { token: 'session-token', role: 'unknown' } },
});
