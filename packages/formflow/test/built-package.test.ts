import { describeBuiltPackage } from '@tokens/testkit';

describeBuiltPackage({
  testFileUrl: import.meta.url,
  packageName: '@tokens/formflow',
  factory: 'createFormflowClient',
  options: { clientId: 'client', clientSecret: 'not-a-real-secret', organizationId: 'org' },
  clientProperty: 'api',
  method: 'POST',
  path: '/api/token',
  init: { body: { clientId: 'client', clientSecret: 'not-a-real-secret', organizationId: 'org' } },
  answer: { status: 200, body: { token: 'access-token', token_type: 'Bearer', expires_in: 3600 } },
});
