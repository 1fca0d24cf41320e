/**
 * The `fetch` openapi-fetch sends each call through: each attempt under its own
 * timeout (combined with the caller's signal), retried with backoff on answers
 * and failures worth retrying. One call object per call; openapi-fetch's middleware
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

/** One call's fetch (called with a `Request`, and an init carrying the attempt's `signal`). */
export type CallFetch = (input: Request, init?: RequestInit) => Promise<Response>;

/** One call's state, shared by its `fetch` and the reading of its answer. */
export interface Call {
  /** openapi-fetch's `fetch` for this call. */
  readonly fetch: CallFetch;
  /** Reads a successful answer's body under its attempt's timer, failures typed. */
  read(response: Response): Promise<string>;
  /** The secret values this call carries, longest first: computed only when something goes wrong. */
  secrets(): string[];
  /** Stops the last attempt's timer (the call is over, or its body is the caller's now). */
  stop(): void;
  /** The serialized body, to send again on a retry. */
  replayBody?: unknown;
  /** The buffered copy of an error answer, and its text. */
  answer?: Response;
  text?: string;
  /** Set when a 429/503 asked for a longer wait than the longest retry delay: the call ends with a RateLimitError. */
  retryAfterMs?: number | undefined;
}

/**
 * What openapi-fetch builds as its `Request` when nothing but our transport reads it
 * (no middleware, our fetch): the URL and init as given, sent by `sendPlain` with the
 * global fetch. Building an undici `Request` and fetching it costs more than the rest of a call.
 */
export function PlainRequest(url: string, init: RequestInit) {
  return { url, method: init.method, headers: init.headers, body: init.body ?? null, init };
}

/** Sends a `PlainRequest` (its init under the attempt's; the attempt's signal is a getter, which a spread does not copy). */
export const sendPlain: CallFetch = (request, init) =>
  fetch(request.url, { ...(request as unknown as { init: RequestInit }).init, ...init, signal: init!.signal ?? null });

/**
 * The init of one attempt: `redirect: 'manual'` (a request a middleware built follows
 * redirects by default) and the attempt's signal, made only when the fetch reads it, so a
 * fetch that never does (a stub) does not pay for an `AbortSignal`. A getter on the class,
 * not on each object: an object literal with a getter made the garbage collector keep every
 * call's objects a while (callgrind: scavenging 4× bare openapi-fetch's per call).
 */
class AttemptInit {
  // Declared, assigned in the constructor: no field definitions per object.
  declare readonly redirect: 'manual';
  declare private readonly controller: AbortController;
  constructor(controller: AbortController) {
    this.controller = controller;
    this.redirect = 'manual';
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }
}

/** Connection failures where the request never reached the provider: any call may repeat. */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;

/** The property openapi-fetch sets on the request it built for a call (a middleware may hand on another one). */
export const CALL_MARK = 'tokensCall';

/**
 * `safeToRepeat`: whether the call may be sent again after the provider may have acted on it.
 * `body`: as the caller gave it, before serialization (hunted for secret fields).
 * `signal`: the caller's (the request carries it too; listening to it is only worth it when there is one).
 */
export function createCall(
  client: TransportSettings,
  fetchOnce: CallFetch,
  timeoutMs: number,
  maxRetries: number,
  safeToRepeat: boolean,
  body: unknown,
  signal: AbortSignal | undefined,
  maxResponseBytes: number,
): Call {
  const { provider, log, clock } = client;
  /** The request of the last attempt. */
  let request: Request | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let timedOut: boolean;
  const onAbort = () => controller?.abort(signal!.reason);
  const where = () => (request ? `${request.method} ${redactUrl(request.url)}` : 'the request');
  const stop = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  /** A failure of this call, typed: the caller's abort reason, a timeout, or a connection failure. */
  const failure = (error: unknown): unknown => {
    if (signal?.aborted) return signal.reason;
    if (error instanceof TokensError) return error;
    if (timedOut) return new TimeoutError(provider, `${provider}: no answer to ${where()} within ${timeoutMs} ms`, timeoutMs);
    const cause = (error as Error | undefined)?.cause as Error | undefined;
    const reason = scrub(cause?.message ?? String((error as Error | undefined)?.message ?? error), call.secrets());
    return new ConnectionError(provider, `${provider}: ${where()} failed: ${reason}`, systemErrorCode(error));
  };
  /** An error answer, read under its timer and handed on as a copy anyone can read again. */
  const buffer = async (response: Response): Promise<Response> => {
    const text = (call.text = await call.read(response));
    const { status } = response;
    if (status < 200 || status > 599) return response;
    // Empty for the statuses that cannot have a body (204, 304): fetch gives them none.
    return (call.answer = new Response(text || null, { status, statusText: response.statusText, headers: response.headers }));
  };
  const call: Call = {
    async fetch(first, init) {
      request = first;
      // A request openapi-fetch built can be sent again with its serialized body; another one only without a body.
      const replayable = first.body === null || ((first as unknown as Record<string, unknown>)[CALL_MARK] === call && !(call.replayBody instanceof ReadableStream));
      // A log hook that throws is the logger's failure, not the call's: it must not change what the call does.
      const emit =
        log &&
        ((event: Omit<LogEvent, 'provider' | 'method' | 'url'>) => {
          try {
            log({ provider, method: first.method, url: redactUrl(first.url), ...event });
          } catch {}
        });
      for (let n = 1; ; n++) {
        emit?.({ type: 'request', attempt: n, headers: redact(headerRecord(request.headers)) as Record<string, string> });
        let retryAfter: Headers | undefined;
        try {
          if (signal?.aborted) throw signal.reason;
          const attemptController = (controller = new AbortController());
          signal?.addEventListener('abort', onAbort);
          timedOut = false;
          // setTimeout fires at once for delays past 2^31-1 ms.
          timer = setTimeout(() => {
            timedOut = true;
            attemptController.abort();
          }, Math.min(timeoutMs, 2 ** 31 - 1));
          let response: Response;
          try {
            response = await fetchOnce(request!, init ? { ...init, signal: attemptController.signal, redirect: 'manual' } : new AttemptInit(attemptController));
          } catch (error) {
            throw failure(error);
          }
          const { status } = response;
          emit?.({ type: 'response', attempt: n, status });
          // A wait longer than the longest retry delay is not slept, nor shortened: the caller decides.
          const advised = status === 429 || status === 503 ? retryAfterMs(response.headers, clock.now()) : undefined;
          if (advised! > client.retryTiming.maxDelayMs) {
            call.retryAfterMs = advised;
            return await buffer(response);
          }
          if (n > maxRetries || !replayable || !isRetryableStatus(status, safeToRepeat)) return response.ok ? response : await buffer(response);
          retryAfter = response.headers;
          stop();
          void response.body?.cancel().catch(() => {});
        } catch (error) {
          stop();
          if (!(error instanceof ConnectionError && n <= maxRetries && replayable && (safeToRepeat || NOT_SENT.test(error.errorCode!)))) {
            emit?.({ type: 'error', attempt: n, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
            throw error;
          }
        }
        const delayMs = retryDelayMs(n, retryAfter, client.retryTiming, clock.now(), client.random);
        emit?.({ type: 'retry', attempt: n, delayMs });
        await clock.sleep(delayMs, signal);
        const sent: RequestInit | undefined = (request as unknown as { init?: RequestInit }).init;
        const again = { body: call.replayBody as BodyInit };
        request = sent ? (PlainRequest(request.url, { ...sent, ...again }) as unknown as Request) : new Request(request, again);
      }
    },
    async read(response) {
      let text: string | undefined;
      try {
        text = await readBounded(response, maxResponseBytes);
      } catch (error) {
        throw failure(error);
      } finally {
        stop();
      }
      if (text === undefined) {
        throw new ResponseTooLargeError(provider, `${provider}: the answer to ${where()} is over maxResponseBytes (${maxResponseBytes} bytes)`, response.status, maxResponseBytes);
      }
      return text;
    },
    secrets: () => secretsOf(request?.url ?? '', request ? headerRecord(request.headers) : {}, body, client.secrets?.()),
    stop,
  };
  return call;
}

/** Headers as a plain record (lower-case names), for redaction and secret hunting; a plain call's are one already (direct-request.ts). */
export function headerRecord(headers: Headers | Record<string, string>): Record<string, string> {
  if (!(headers instanceof Headers)) return { ...headers };
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
