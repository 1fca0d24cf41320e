/**
 * The errors every @tokens client throws or returns. None of them holds a secret:
 * whatever they carry from a request or response went through `redact` first.
 */

export interface ValidationIssue {
  /** Where the problem is, e.g. `body.recordId`. */
  readonly path: string;
  /** What is wrong, without the offending value (it may be a secret). */
  readonly message: string;
}

export class TokensError extends Error {
  override name = 'TokensError';
  /** Which provider's client raised it, e.g. `transactionlink`. */
  readonly provider: string;

  constructor(provider: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.provider = provider;
  }

  /** Logs and `JSON.stringify` get the message too (it is not an own enumerable property of an Error). */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
  }
}

/** Bad input, caught before any request was sent. */
export class ValidationError extends TokensError {
  override name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(provider: string, issues: readonly ValidationIssue[]) {
    super(provider, `Invalid input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.issues = issues;
  }
}

export interface ApiErrorDetails<Body> {
  readonly status: number;
  readonly code?: string | undefined;
  readonly body: Body | string | undefined;
  readonly requestId?: string | undefined;
}

/** The provider answered, and said no (or answered something unusable). */
export class ApiError<Body = unknown> extends TokensError {
  override name = 'ApiError';
  /** The HTTP status. */
  readonly status: number;
  /** The provider's error code, where its answer has one. */
  readonly code: string | undefined;
  /** The answer's body, redacted: parsed when it was JSON, the text otherwise, undefined when empty. */
  readonly body: Body | string | undefined;
  /** The provider's request id (`x-request-id` or its equivalent), for support tickets. */
  readonly requestId: string | undefined;

  constructor(provider: string, message: string, details: ApiErrorDetails<Body>) {
    super(provider, message);
    this.status = details.status;
    this.code = details.code;
    this.body = details.body;
    this.requestId = details.requestId;
  }
}

/** The provider does not serve the media type (version) asked for: a 406 or 415, or an answer in another version. */
export class VersionNotSupportedError<Body = unknown> extends ApiError<Body> {
  override name = 'VersionNotSupportedError';
  /** The media type the call asked for. */
  readonly requestedMediaType: string;
  /** The media type the provider answered with, if any. */
  readonly receivedMediaType: string | undefined;

  constructor(
    provider: string,
    message: string,
    details: ApiErrorDetails<Body> & { requestedMediaType: string; receivedMediaType?: string | undefined },
  ) {
    super(provider, message, details);
    this.requestedMediaType = details.requestedMediaType;
    this.receivedMediaType = details.receivedMediaType;
  }
}

/** No answer within `timeoutMs`. */
export class TimeoutError extends TokensError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;

  constructor(provider: string, message: string, timeoutMs: number) {
    super(provider, message);
    this.timeoutMs = timeoutMs;
  }
}

/** The request could not be sent or its answer not read: refused or reset connection, DNS failure. */
export class ConnectionError extends TokensError {
  override name = 'ConnectionError';
  /** The system error code (`ECONNREFUSED`, `ECONNRESET`, …) where there is one. */
  readonly errorCode: string | undefined;

  constructor(provider: string, message: string, errorCode: string | undefined) {
    super(provider, message);
    this.errorCode = errorCode;
  }
}
