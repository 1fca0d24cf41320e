export type * from './generated/openapi';
export { createFinpayClient, FINPAY_DEVELOPMENT_BASE_URL } from './client';
export type { FinpayClient, FinpayClientOptions, GetTokenOptions } from './client';
export { signFinpayRequest } from './sign';
export type { KeyHexCase, SignOptions } from './sign';
export { finpayReqDtime } from './jakarta-time';
export type { FinpayToken, GetTokenSuccess } from './token-response';
// What a user needs from the shared runtime, so that this package is the only import.
export {
  ApiError,
  ConnectionError,
  memoryTokenStore,
  TimeoutError,
  TokensError,
  ValidationError,
  VersionNotSupportedError,
} from '@tokens/core';
export type { ApiClient, ClientOptions, Clock, IssuedToken, LockOptions, LogEvent, StoredToken, TokenCacheEvent, TokenEncryptionKey, TokenStore, ValidationIssue } from '@tokens/core';
