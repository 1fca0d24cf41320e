export { startTestServer } from './test-server';
export type { RecordedRequest, TestResponse, TestServer } from './test-server';
export { runBuiltPackage } from './built-package';
export type { BuiltPackageCall, BuiltPackageResult, ModuleMode } from './built-package';
export { describeBuiltPackage } from './describe-built-package';
export type { BuiltPackageCase } from './describe-built-package';
export { closedPortUrl, destroySocket, resetSocket, startRawServer } from './raw-server';
export type { RawHandler, RawTestServer } from './raw-server';
export { exposedTexts, formsOf, leaksOf, SAMPLE_TOKENS } from './leaks';
