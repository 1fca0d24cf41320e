/**
 * Sends one call: each attempt under its own timeout (combined with the caller's
 * signal), retried with backoff on answers and failures worth retrying. Reads the
 * whole body inside the attempt, so a timeout or reset while reading counts too.
 */
import type { Clock } from './clock';
import { ConnectionError, TimeoutError, TokensError } from './errors';
import { redact, redactUrl, scrub } from './redact';
import { isRetryableStatus, retryDelayMs, type RetryTiming } from './retry';

/** One call: what is sent, and how hard to try. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: BodyInit | undefined;
  readonly signal: AbortSignal | undefined;
  /** Per attempt. */
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Whether the call may be sent again after the provider may have acted on it. */
  readonly safeToRepeat: boolean;
  /** The secret values this request carries, longest first: computed only when something goes wrong. */
  secrets(): string[];
}

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
  readonly fetch: typeof globalThis.fetch;
  readonly clock: Clock;
  readonly random: () => number;
  readonly retryTiming: RetryTiming;
  readonly log: LogHook | undefined;
}

export interface Answer {
  readonly response: Response;
  readonly text: string;
}

/** Connection failures where the request never reached the provider: any call may repeat. */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;
/** setTimeout fires at once for longer delays. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function send(request: OutgoingRequest, settings: TransportSettings): Promise<Answer> {
  const { provider, log } = settings;
  const { maxRetries, safeToRepeat } = request;
  const emit = (event: Omit<LogEvent, 'provider' | 'method' | 'url'>) =>
    log?.({ provider, method: request.method, url: redactUrl(request.url), ...event });
  for (let attempt = 1; ; attempt++) {
    if (log) emit({ type: 'request', attempt, headers: redact(request.headers) as Record<string, string> });
    let retryAfter: Headers | undefined;
    try {
      const answer = await attemptOnce(request, settings);
      const { status, headers } = answer.response;
      emit({ type: 'response', attempt, status });
      if (attempt > maxRetries || !isRetryableStatus(status, safeToRepeat)) return answer;
      retryAfter = headers;
    } catch (error) {
      const retryable =
        error instanceof ConnectionError && attempt <= maxRetries && (safeToRepeat || NOT_SENT.test(error.errorCode!));
      if (!retryable) {
        emit({ type: 'error', attempt, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        throw error;
      }
    }
    const delayMs = retryDelayMs(attempt, retryAfter, settings.retryTiming, settings.clock.now(), settings.random);
    emit({ type: 'retry', attempt, delayMs });
    await settings.clock.sleep(delayMs, request.signal);
  }
}

async function attemptOnce(request: OutgoingRequest, { provider, fetch }: TransportSettings): Promise<Answer> {
  const { signal, timeoutMs } = request;
  if (signal?.aborted) throw signal.reason;
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.min(timeoutMs, MAX_TIMER_MS));
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: controller.signal,
    });
    return { response, text: await response.text() };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // Only on failure: the redacted URL is for the message.
    const where = `${request.method} ${redactUrl(request.url)}`;
    if (timedOut) throw new TimeoutError(provider, `${provider}: no answer to ${where} within ${timeoutMs} ms`, timeoutMs);
    if (error instanceof TokensError) throw error;
    const cause = (error as Error | undefined)?.cause as (Error & { code?: string }) | undefined;
    const reason = scrub(cause?.message ?? String((error as Error | undefined)?.message ?? error), request.secrets());
    throw new ConnectionError(provider, `${provider}: ${where} failed: ${reason}`, systemErrorCode(error));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** `ECONNREFUSED` and the like, from the error or its causes (undici wraps them in `TypeError: fetch failed`). */
function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') return code;
  }
  return undefined;
}
