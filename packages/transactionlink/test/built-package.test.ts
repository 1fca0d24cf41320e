import { describeBuiltPackage } from '@tokens/testkit';

describeBuiltPackage({
  testFileUrl: import.meta.url,
  packageName: '@tokens/transactionlink',
  factory: 'createTransactionLinkClient',
  options: { auth: { token: 'tot_built_package_test' } },
  clientProperty: 'api',
  method: 'POST',
  path: '/token',
  init: {
    body: { caseId: '11111111-2222-3333-4444-555555555555', workflowDefinitionId: '3b2d8a4f-579f-4e2e-a51c-f859e532fe8c' },
  },
  answer: { status: 201, body: { token: 'widget-token', expiryDuration: 3600, tokenType: 'Bearer' } },
});
