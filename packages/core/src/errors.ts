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
 * `import('@tokens/core')`. Each class marks its prototype with its name under
 * this registered symbol, and `instanceof` looks for the name along the
 * prototype chain (non-enumerable: logs and JSON do not show it).
 */
const BRAND = Symbol.for('@tokens/core/error-class');

function brand(klass: abstract new (...args: never[]) => object, name: string): void {
  Object.defineProperty(klass.prototype, BRAND, { value: name });
}

const hasBrand = (proto: object, name: unknown): boolean => Object.prototype.hasOwnProperty.call(proto, BRAND) && (proto as Record<symbol, unknown>)[BRAND] === name;

/**
 * `value instanceof klass`: for one of these classes (its prototype carries its own
 * brand), by that brand along the value's prototype chain; for a class extending
 * one (a user's, without a brand of its own), the ordinary check. (No class names
 * itself inside its body: esbuild would rename it, and `constructor.name` change.)
 */
function isInstance(klass: Function, value: unknown): boolean {
  const name = (klass.prototype as Record<symbol, unknown>)[BRAND];
  if (!hasBrand(klass.prototype, name)) return Function.prototype[Symbol.hasInstance].call(klass, value);
  for (let proto = value === null || typeof value !== 'object' ? null : Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (hasBrand(proto, name)) return true;
  }
  return false;
}

export class TokensError extends Error {
  /** Inherited by every subclass: each checks for its own brand (see `isInstance`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isInstance(this, value);
  }

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

// Literal names, not `klass.name`: a minifier may rename the classes differently in each build.
brand(TokensError, 'TokensError');
brand(ValidationError, 'ValidationError');
brand(ApiError, 'ApiError');
brand(VersionNotSupportedError, 'VersionNotSupportedError');
brand(TimeoutError, 'TimeoutError');
brand(ConnectionError, 'ConnectionError');
