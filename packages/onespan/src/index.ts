export { createOneSpanClient } from './client';
export type { OneSpanClient, OneSpanClientOptions, SessionCreationToken, SessionCreationTokenInput } from './client';
export type * from './generated/openapi';
// Everything a user needs, so that they import this package only.
export { ApiError, ConnectionError, TimeoutError, TokensError, ValidationError, VersionNotSupportedError } from '@tokens/core';
export type { ApiResult, CallOptions, ClientOptions, Clock, IssuedToken, LogEvent, LogHook, ValidationIssue } from '@tokens/core';
