import { describeBuiltPackage } from '@tokens/testkit';

describeBuiltPackage({
  testFileUrl: import.meta.url,
  packageName: '@tokens/finpay',
  factory: 'createFinpayClient',
  options: { username: 'merchant-7', password: 'pw_built_package', secretKey: 'mySecretKey' },
  clientProperty: 'api',
  method: 'POST',
  path: '/security/getToken',
  init: {
    body: {
      reqDtime: '20240821142750',
      requestType: 'getToken',
      transNumber: 'TKN212418241627519329',
      signature: 'B4916007E177C3BEB3437A053A64B9E51D54827CCCE04AD664F69B598F6C5630',
    },
  },
  answer: {
    status: 200,
    body: { statusCode: '000', statusDesc: 'Berhasil', tokenID: 'token-id', tokenExpiry: '24-AUG-24 16:23:30', processingTime: 0.1 },
  },
});
