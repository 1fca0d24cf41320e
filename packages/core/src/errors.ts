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

  constructor(provider: string, message: string) {
    super(message);
    this.provider = provider;
  }

  /** Logs and `JSON.stringify` get the message too (an Error's own message is not enumerable). */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
  }
}

/** Bad input, caught before any request was sent. */
export class ValidationError extends TokensError {
  override name = 'ValidationError';

  constructor(
    provider: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(provider, `Invalid input: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`);
  }
}

export interface ApiErrorDetails<Body = unknown> {
  readonly status: number;
  readonly code?: string | undefined;
  readonly body: Body | string | undefined;
  readonly requestId?: string | undefined;
}

/** The provider answered, and said no (or answered something unusable). */
export class ApiError<Body = unknown> extends TokensError {
  override name = 'ApiError';
  /** The HTTP status. */
  declare readonly status: number;
  /** The provider's error code, where its answer has one. */
  declare readonly code: string | undefined;
  /** The answer's body, redacted: parsed when it was JSON, the text otherwise, undefined when empty. */
  declare readonly body: Body | string | undefined;
  /** The provider's request id (`x-request-id` or its equivalent), for support tickets. */
  declare readonly requestId: string | undefined;

  constructor(provider: string, message: string, details: ApiErrorDetails<Body>) {
    super(provider, message);
    Object.assign(this, { code: undefined, requestId: undefined, ...details });
  }
}

/** The provider does not serve the media type (version) asked for: a 406 or 415, or an answer in another version. */
export class VersionNotSupportedError<Body = unknown> extends ApiError<Body> {
  override name = 'VersionNotSupportedError';
  /** The media type the call asked for. */
  declare readonly requestedMediaType: string;
  /** The media type the provider answered with, if any. */
  declare readonly receivedMediaType: string | undefined;

  constructor(
    provider: string,
    message: string,
    details: ApiErrorDetails<Body> & { requestedMediaType: string; receivedMediaType: string | undefined },
  ) {
    super(provider, message, details);
  }
}

/** No answer within `timeoutMs`. */
export class TimeoutError extends TokensError {
  override name = 'TimeoutError';

  constructor(
    provider: string,
    message: string,
    readonly timeoutMs: number,
  ) {
    super(provider, message);
  }
}

/** The request could not be sent or its answer not read: refused or reset connection, DNS failure. */
export class ConnectionError extends TokensError {
  override name = 'ConnectionError';

  constructor(
    provider: string,
    message: string,
    /** The system error code (`ECONNREFUSED`, `ECONNRESET`, …) where there is one. */
    readonly errorCode: string | undefined,
  ) {
    super(provider, message);
  }
}
