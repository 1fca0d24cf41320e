export { createFormflowClient, FORMFLOW_BASE_URL } from './client';
export type { FormflowClient, FormflowClientOptions, FormflowToken, GetTokenOptions } from './client';
export type * from './generated/openapi';
// Everything a user needs, so that they import this package only.
export { ApiError, ConnectionError, encryptedTokenStore, memoryTokenStore, TimeoutError, TokensError, ValidationError, VersionNotSupportedError } from '@tokens/core';
export type { ApiResult, CallOptions, ClientOptions, Clock, IssuedToken, LockOptions, LogEvent, LogHook, StoredToken, TokenCacheEvent, TokenEncryptionKey, TokenStore, ValidationIssue } from '@tokens/core';
