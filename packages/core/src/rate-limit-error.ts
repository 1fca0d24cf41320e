import { ApiError, type ApiErrorDetails } from './errors';

/**
 * A 429 or 503 whose `Retry-After` asks for a longer wait than the client's longest
 * retry delay (`retryTiming.maxDelayMs`): not slept, not retried sooner than asked,
 * returned at once so that the caller (or a token cache) decides when to call again.
 */
export class RateLimitError<Body = unknown> extends ApiError<Body> {
  override name = 'RateLimitError';
  /** How long the provider asked to wait, in ms. */
  declare readonly retryAfterMs: number;

  constructor(provider: string, message: string, details: ApiErrorDetails<Body> & { retryAfterMs: number }) {
    super(provider, message, details);
  }
}
