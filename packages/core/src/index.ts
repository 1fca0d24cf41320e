export { createApiClient } from './api-client';
export { clientOptionIssues } from './checks';
export type { ApiClientOptions, ClientOptions, FetchFunction } from './api-client';
export type { ApiClient, ApiMethod, ApiPathMethod, ApiResult, CallInit, CallOptions, PathBasedApiClient } from './api-types';
export { wrapAsPathBasedClient } from './path-based';
export type { Clock } from './clock';
export { systemClock } from './clock';
export {
  ApiError,
  ConnectionError,
  TimeoutError,
  TokensError,
  ValidationError,
  VersionNotSupportedError,
} from './errors';
export type { ApiErrorDetails, ValidationIssue } from './errors';
export { RateLimitError } from './rate-limit-error';
export { ResponseTooLargeError } from './response-too-large-error';
export { formatMediaType, isJsonMediaType, parseMediaType } from './media-type';
export type { MediaType } from './media-type';
export type {
  DeclaredMediaType,
  DeclaredVersion,
  ErrorBody,
  HttpMethod,
  MediaTypeEssence,
  MediaTypeVersion,
  PathsWithMethod,
  RequestBodyFor,
  ResponseDataFor,
  SelectedMediaType,
} from './negotiation';
export { REDACTED, redact, redactTokenAnswer, redactTokenError, redactUrl } from './redact';
export type { RetryTiming } from './retry';
export type { LogEvent, LogHook } from './transport';
export type { IssuedToken } from './issued-token';
export { createTokenCache } from './token-cache';
export type { CacheableToken, TokenCache, TokenCacheEvent, TokenCacheGetOptions, TokenCacheOptions } from './token-cache';
export { memoryTokenStore } from './memory-token-store';
export type { LockOptions, StoredToken, TokenStore } from './token-store';
export { encryptedTokenStore } from './token-encryption';
export type { TokenEncryptionKey } from './token-encryption';
export type { TokenCodec } from './token-record';
export { createAuthMiddleware } from './auth-middleware';
export type { BearerSource } from './auth-middleware';
