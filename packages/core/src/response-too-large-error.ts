import { TokensError } from './errors';

/** An answer's body went past `maxResponseBytes`: the connection was dropped there, and the call is not retried. */
export class ResponseTooLargeError extends TokensError {
  override name = 'ResponseTooLargeError';

  constructor(
    provider: string,
    message: string,
    /** The HTTP status of the answer. */
    readonly status: number,
    /** The limit, in bytes (`maxResponseBytes`). */
    readonly maxResponseBytes: number,
  ) {
    super(provider, message);
  }
}
