/**
 * Sends one call: each attempt under its own timeout (combined with the caller's
 * signal), retried with backoff on answers and failures worth retrying. Reads the
 * whole body inside the attempt, so a timeout or reset while reading counts too.
 */
import type { Clock } from './clock';
import { ConnectionError, TimeoutError, TokensError } from './errors';
import { redactHeaders, redactUrl, scrub, secretsOf } from './redact';
import { isRetryableStatus, retryDelayMs, type RetryTiming } from './retry';

export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: BodyInit | undefined;
  /** The body as the caller gave it, to find secret fields in when something goes wrong. */
  readonly rawBody: unknown;
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

export interface TransportSettings {
  readonly provider: string;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly safeToRepeat: boolean;
  readonly signal: AbortSignal | undefined;
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
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export async function send(request: OutgoingRequest, settings: TransportSettings): Promise<Answer> {
  const log = settings.log && ((event: Omit<LogEvent, 'provider' | 'method' | 'url'>) =>
    settings.log!({ provider: settings.provider, method: request.method, url: redactUrl(request.url), ...event }));
  for (let attempt = 1; ; attempt++) {
    log?.({ type: 'request', attempt, headers: redactHeaders(request.headers) });
    let delayMs: number;
    try {
      const answer = await attemptOnce(request, settings);
      const { status } = answer.response;
      log?.({ type: 'response', attempt, status });
      if (attempt > settings.maxRetries || !isRetryableStatus(status, settings.safeToRepeat)) return answer;
      delayMs = retryDelayMs(attempt, answer.response.headers, settings.retryTiming, settings.clock.now(), settings.random);
    } catch (error) {
      const retryable =
        error instanceof ConnectionError &&
        attempt <= settings.maxRetries &&
        (settings.safeToRepeat || NOT_SENT.has(error.errorCode ?? ''));
      if (!retryable) {
        log?.({ type: 'error', attempt, error: describe(error) });
        throw error;
      }
      delayMs = retryDelayMs(attempt, undefined, settings.retryTiming, settings.clock.now(), settings.random);
    }
    log?.({ type: 'retry', attempt, delayMs });
    await settings.clock.sleep(delayMs, settings.signal);
  }
}

async function attemptOnce(request: OutgoingRequest, settings: TransportSettings): Promise<Answer> {
  const { signal } = settings;
  if (signal?.aborted) throw signal.reason;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await settings.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      redirect: 'follow',
      signal: controller.signal,
    });
    return { response, text: await response.text() };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timedOut) {
      throw new TimeoutError(
        settings.provider,
        `${settings.provider}: no answer to ${request.method} ${redactUrl(request.url)} within ${settings.timeoutMs} ms`,
        settings.timeoutMs,
      );
    }
    if (error instanceof TokensError) throw error;
    const code = systemErrorCode(error);
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new ConnectionError(
      settings.provider,
      scrub(`${settings.provider}: ${request.method} ${redactUrl(request.url)} failed: ${reason}`, secretsOf(request.headers, request.rawBody)),
      code,
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** `ECONNREFUSED` and the like, from the error or its cause (undici wraps them in `TypeError: fetch failed`). */
function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
