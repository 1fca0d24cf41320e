export { createTransactionLinkClient, TRANSACTIONLINK_BASE_URL } from './client';
export type {
  TransactionLinkAuth,
  TransactionLinkClient,
  TransactionLinkClientOptions,
  WidgetTokenCallOptions,
  WidgetTokenInput,
  WidgetTokenV1,
  WidgetTokenV1Input,
  WidgetTokenV2,
  WidgetTokenV2Input,
} from './client';
export type { AccessToken } from './login';
export type * from './generated/openapi';

// What users of this package need from the shared runtime, so that they import only this package.
export {
  ApiError,
  ConnectionError,
  TimeoutError,
  TokensError,
  ValidationError,
  VersionNotSupportedError,
  encryptedTokenStore,
  memoryTokenStore,
} from '@tokens/core';
export type {
  ApiClient,
  ApiResult,
  CallOptions,
  ClientOptions,
  Clock,
  IssuedToken,
  LockOptions,
  LogEvent,
  LogHook,
  RetryTiming,
  StoredToken,
  TokenCacheEvent,
  TokenEncryptionKey,
  TokenStore,
  ValidationIssue,
} from '@tokens/core';
