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

/**
 * One brand for every copy of this module: the ESM and the CommonJS builds (or
 * two installed versions) each define their own classes, so a plain prototype
 * check says an ApiError from `require('@tokens/core')` is no ApiError of
 * `import('@tokens/core')`. Each class's prototype holds its name under this
 * registered symbol (symbol keys stay out of logs, JSON and `for…in`), and
 * `instanceof` looks for that name along the prototype chain.
 */
const BRAND = Symbol.for('@tokens/core/error-class');
type Branded = { [BRAND]?: string };

export class TokensError extends Error {
  /**
   * Inherited by every subclass. One of these classes (its prototype owns a brand)
   * looks for its brand along the value's prototype chain; a class extending one
   * (a user's, without a brand of its own) gets the ordinary check. (No class names
   * itself inside its body: esbuild would rename it, and `constructor.name` change.)
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    const brand = Object.hasOwn(this.prototype, BRAND) && (this.prototype as Branded)[BRAND];
    if (!brand) return Function.prototype[Symbol.hasInstance].call(this, value);
    for (let proto = value; proto !== null && typeof proto === 'object'; ) if ((proto = Object.getPrototypeOf(proto) as Branded | null)?.[BRAND] === brand) return true;
    return false;
  }

  /** The class's name, from its brand (a subclass without a brand of its own sets its own). */
  override name = (this as Branded)[BRAND]!;
  /** Which provider's client raised it, e.g. `transactionlink`. */
  declare readonly provider: string;

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

  declare readonly issues: readonly ValidationIssue[];

  constructor(provider: string, issues: readonly ValidationIssue[]) {
    super(provider, `Invalid input: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`);
    this.issues = issues;
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

  declare readonly timeoutMs: number;

  constructor(provider: string, message: string, timeoutMs: number) {
    super(provider, message);
    this.timeoutMs = timeoutMs;
  }
}

/** The request could not be sent or its answer not read: refused or reset connection, DNS failure. */
export class ConnectionError extends TokensError {

  /** The system error code (`ECONNREFUSED`, `ECONNRESET`, …) where there is one. */
  declare readonly errorCode: string | undefined;

  constructor(provider: string, message: string, errorCode: string | undefined) {
    super(provider, message);
    this.errorCode = errorCode;
  }
}

// Literal names, not `klass.name`: a minifier may rename the classes differently in each build.
for (const [klass, name] of [
  [TokensError, 'TokensError'],
  [ValidationError, 'ValidationError'],
  [ApiError, 'ApiError'],
  [VersionNotSupportedError, 'VersionNotSupportedError'],
  [TimeoutError, 'TimeoutError'],
  [ConnectionError, 'ConnectionError'],
] as const) {
  (klass.prototype as Branded)[BRAND] = name;
}
