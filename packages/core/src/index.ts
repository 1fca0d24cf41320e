export { createApiClient } from './api-client';
export type { ApiClientOptions, ClientOptions } from './api-client';
export type { ApiClient, ApiMethod, ApiResult, CallInit, CallOptions } from './api-types';
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
export { createTokenCache, memoryTokenStore } from './token-cache';
export type { TokenCache, TokenCacheGetOptions, TokenCacheOptions, TokenStore } from './token-cache';
