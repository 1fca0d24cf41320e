/**
 * The `fetch` openapi-fetch sends each call through: each attempt under its own
 * timeout (combined with the caller's signal), retried with backoff on answers
 * and failures worth retrying. One `Call` per call; openapi-fetch's middleware
 * runs around it, so once per call, not per attempt.
 *
 * A successful answer is handed on unread with its timer still running: the
 * body is read later (`read`), so a timeout or reset while reading counts too.
 * An error answer is read here and handed on as a buffered copy (whose `url` is empty).
 */
import type { Clock } from './clock';
import { ConnectionError, TimeoutError, TokensError } from './errors';
import { readBounded } from './read-body';
import { ResponseTooLargeError } from './response-too-large-error';
import { redact, redactUrl, scrub, secretsOf } from './redact';
import { isRetryableStatus, retryAfterMs, retryDelayMs, type RetryTiming } from './retry';

/** What a log hook receives; headers and URLs are redacted. */
export interface LogEvent {
  readonly type: 'request' | 'response' | 'retry' | 'error';
  readonly provider: string;
  readonly method: string;
  readonly url: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly headers?: Record<string, string>;
  readonly status?: number;
  /** Before a retry: how long the client waits. */
  readonly delayMs?: number;
  /** `Name: message` of the failure, redacted. */
  readonly error?: string;
}

export type LogHook = (event: LogEvent) => void;

/** A client's, the same for all its calls. */
export interface TransportSettings {
  readonly provider: string;
  readonly clock: Clock;
  readonly random: () => number;
  readonly retryTiming: RetryTiming;
  readonly log: LogHook | undefined;
  /** More secret values to keep out of errors (the client's `secrets` option). */
  readonly secrets: (() => readonly string[]) | undefined;
}

/** One call's settings. */
export interface CallSettings {
  /** Called with a `Request`, and an init carrying the attempt's `signal`. */
  readonly fetch: (input: Request, init?: RequestInit) => Promise<Response>;
  /** Per attempt. */
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Whether the call may be sent again after the provider may have acted on it. */
  readonly safeToRepeat: boolean;
  /** The body as the caller gave it, before serialization: hunted for secret fields. */
  readonly body: unknown;
  /** The most bytes an answer's body may have (`maxResponseBytes`). */
  readonly maxResponseBytes: number;
  /** The caller's signal (the request carries it too; listening to it is only worth it when there is one). */
  readonly signal: AbortSignal | null | undefined;
}

/** Connection failures where the request never reached the provider: any call may repeat. */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;
/** setTimeout fires at once for longer delays. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The property openapi-fetch sets on the request it built for a call (a middleware may hand on another one). */
export const CALL_MARK = 'tokensCall';

export class Call {
  // Declared, not initialised: no per-call field definitions (and fewer bytes).
  /** The request of the last attempt. */
  declare request: Request | undefined;
  /** The serialized body, to send again on a retry. */
  declare replayBody: unknown;
  /** The buffered copy of an error answer, and its text. */
  declare answer: Response | undefined;
  declare text: string;
  /** Set when a 429/503 asked for a longer wait than the longest retry delay: the call ends with a RateLimitError. */
  declare retryAfterMs: number | undefined;
  declare private timer: ReturnType<typeof setTimeout> | undefined;
  declare private controller: AbortController | undefined;
  declare private userSignal: AbortSignal | undefined;
  declare private timedOut: boolean;

  declare private readonly client: TransportSettings;
  declare private readonly settings: CallSettings;

  constructor(client: TransportSettings, settings: CallSettings) {
    this.client = client;
    this.settings = settings;
  }

  /** openapi-fetch's `fetch` for this call. */
  readonly fetch = async (request: Request, requestInitExt?: RequestInit): Promise<Response> => {
    const { client, settings } = this;
    const { provider, log } = client;
    const { maxRetries } = settings;
    this.userSignal = settings.signal ?? undefined;
    // A request openapi-fetch built can be sent again with its serialized body; another one only without a body.
    const replayable = request.body === null || ((request as unknown as Record<string, unknown>)[CALL_MARK] === this && !(this.replayBody instanceof ReadableStream));
    const emit = (event: Omit<LogEvent, 'provider' | 'method' | 'url'>) =>
      log?.({ provider, method: request.method, url: redactUrl(request.url), ...event });
    for (let attempt = 1; ; attempt++) {
      this.request = request;
      if (log) emit({ type: 'request', attempt, headers: redact(headerRecord(request.headers)) as Record<string, string> });
      let retryAfter: Headers | undefined;
      try {
        const response = await this.attempt(request, requestInitExt);
        const { status, headers } = response;
        emit({ type: 'response', attempt, status });
        // A wait longer than the longest retry delay is not slept, nor shortened: the caller decides.
        const advised = status === 429 || status === 503 ? retryAfterMs(headers, client.clock.now()) : undefined;
        if (advised !== undefined && advised > client.retryTiming.maxDelayMs) {
          this.retryAfterMs = advised;
          return await this.buffer(response);
        }
        if (attempt > maxRetries || !replayable || !isRetryableStatus(status, settings.safeToRepeat)) {
          return response.ok ? response : await this.buffer(response);
        }
        retryAfter = headers;
        this.stop();
        void response.body?.cancel().catch(() => {});
      } catch (error) {
        this.stop();
        const retryable =
          error instanceof ConnectionError &&
          attempt <= maxRetries &&
          replayable &&
          (settings.safeToRepeat || NOT_SENT.test(error.errorCode!));
        if (!retryable) {
          emit({ type: 'error', attempt, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
          throw error;
        }
      }
      const delayMs = retryDelayMs(attempt, retryAfter, client.retryTiming, client.clock.now(), client.random);
      emit({ type: 'retry', attempt, delayMs });
      await client.clock.sleep(delayMs, this.userSignal);
      request = new Request(request, { body: this.replayBody as BodyInit });
    }
  };

  /** Reads a successful answer's body under its attempt's timer, failures typed. */
  async read(response: Response): Promise<string> {
    const { maxResponseBytes } = this.settings;
    let text: string | undefined;
    try {
      text = await readBounded(response, maxResponseBytes);
    } catch (error) {
      throw this.failure(error);
    } finally {
      this.stop();
    }
    if (text === undefined) {
      const { provider } = this.client;
      const where = this.request ? `${this.request.method} ${redactUrl(this.request.url)}` : 'a call';
      throw new ResponseTooLargeError(provider, `${provider}: the answer to ${where} is over maxResponseBytes (${maxResponseBytes} bytes): not read further`, response.status, maxResponseBytes);
    }
    return text;
  }

  /** The secret values this call carries, longest first: computed only when something goes wrong. */
  secrets(): string[] {
    const { request } = this;
    return secretsOf(request?.url ?? '', request ? headerRecord(request.headers) : {}, this.settings.body, this.client.secrets?.());
  }

  /** Stops the last attempt's timer (the call is over, or its body is the caller's now). */
  stop(): void {
    clearTimeout(this.timer);
    this.userSignal?.removeEventListener('abort', this.onAbort);
    this.timer = undefined;
  }

  /** A failure of this call, typed: the caller's abort reason, a timeout, or a connection failure. */
  failure(error: unknown): unknown {
    const signal = this.userSignal;
    if (signal?.aborted) return signal.reason;
    if (error instanceof TokensError) return error;
    const { provider } = this.client;
    const request = this.request;
    // Only on failure: the redacted URL is for the message.
    const where = request ? `${request.method} ${redactUrl(request.url)}` : 'the request';
    if (this.timedOut) return new TimeoutError(provider, `${provider}: no answer to ${where} within ${this.settings.timeoutMs} ms`, this.settings.timeoutMs);
    const cause = (error as Error | undefined)?.cause as (Error & { code?: string }) | undefined;
    const reason = scrub(cause?.message ?? String((error as Error | undefined)?.message ?? error), this.secrets());
    return new ConnectionError(provider, `${provider}: ${where} failed: ${reason}`, systemErrorCode(error));
  }

  private readonly onAbort = () => this.controller?.abort(this.userSignal!.reason);

  private async attempt(request: Request, requestInitExt: RequestInit | undefined): Promise<Response> {
    const signal = this.userSignal;
    if (signal?.aborted) throw signal.reason;
    const controller = (this.controller = new AbortController());
    signal?.addEventListener('abort', this.onAbort);
    this.timedOut = false;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      controller.abort();
    }, Math.min(this.settings.timeoutMs, MAX_TIMER_MS));
    try {
      // `redirect: 'manual'` here too: a request a middleware built follows redirects by default.
      return await this.settings.fetch(request, { ...requestInitExt, signal: controller.signal, redirect: 'manual' });
    } catch (error) {
      throw this.failure(error);
    }
  }

  /** An error answer, read under its timer and handed on as a copy anyone can read again. */
  private async buffer(response: Response): Promise<Response> {
    this.text = await this.read(response);
    const { status } = response;
    if (status < 200 || status > 599) return response;
    // Empty for the statuses that cannot have a body (204, 304): fetch gives them none.
    const copy = new Response(this.text || null, {
      status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return (this.answer = copy);
  }
}

/** Headers as a plain record (lower-case names), for redaction and secret hunting. */
export function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => (record[name] = value));
  return record;
}

/** `ECONNREFUSED` and the like, from the error or its causes (undici wraps them in `TypeError: fetch failed`). */
function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') return code;
  }
  return undefined;
}
