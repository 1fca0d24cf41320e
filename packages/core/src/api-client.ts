import type { ApiClient } from './api-types';
import { systemClock, type Clock } from './clock';
import { ValidationError, type ValidationIssue } from './errors';
import { isJsonMediaType, parseMediaType, versionedJsonMediaType, type MediaType } from './media-type';
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from './openapi-fetch';
import { defaultErrorCode, readAnswer } from './response';
import { defaultRetryTiming, type RetryTiming } from './retry';
import { send, type LogHook, type OutgoingRequest } from './transport';

/** Options of `createApiClient`; every provider client passes these through. */
export interface ApiClientOptions {
  /** Names the provider in errors and log events, e.g. `transactionlink`. */
  provider: string;
  /** The provider's base URL (scheme, host and any path prefix). */
  baseUrl: string;
  /** A fetch implementation; the global `fetch`, looked up per call, when omitted. */
  fetch?: typeof globalThis.fetch;
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  /** Per attempt, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2; `0` turns retries off. */
  maxRetries?: number;
  /**
   * Whether a call may be sent again after the provider may have acted on it
   * (5xx, reset connection). Default: GET, HEAD, OPTIONS, PUT and DELETE.
   * 408, 429 and refused connections are retried for every call.
   */
  safeToRepeat?: (method: string, path: string) => boolean;
  /** The provider's error code in an error body. Default: `code`, `error_code` or `errors[0].code`. */
  errorCode?: (body: unknown) => string | undefined;
  /** Response headers carrying the provider's request id, first match wins. Default: `x-request-id`, `request-id`, `x-correlation-id`. */
  requestIdHeaders?: readonly string[];
  /** Receives a redacted event per attempt, answer, retry and failure. */
  log?: LogHook;
  /** Backoff timing. */
  retryTiming?: Partial<RetryTiming>;
  /** Injectable time, for tests. */
  clock?: Clock;
  /** Injectable randomness for jitter, for tests. Default `Math.random`. */
  random?: () => number;
}

/** The options a user passes to a provider's `create…Client`; the provider fills in the rest. */
export type ClientOptions = Omit<ApiClientOptions, 'provider' | 'baseUrl' | 'safeToRepeat' | 'errorCode' | 'requestIdHeaders'> & {
  baseUrl?: string;
};

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
const querySerializer = createQuerySerializer();

interface RawInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  version?: unknown;
  mediaType?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: unknown;
  maxRetries?: unknown;
}

/**
 * The whole spec (`paths` from openapi-typescript) as a typed client whose calls
 * pick their media type: `version: N` or `mediaType: '…'` is sent as `Accept`
 * and (with a body) `Content-Type`, and selects the body and `data` types.
 */
export function createApiClient<Paths extends {}>(options: ApiClientOptions): ApiClient<Paths> {
  const { provider } = options;
  const issues = [
    ...checkUrl('baseUrl', options.baseUrl),
    ...checkCount('timeoutMs', options.timeoutMs, 1),
    ...checkCount('maxRetries', options.maxRetries, 0),
  ];
  if (issues.length > 0) throw new ValidationError(provider, issues);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const safeToRepeat = options.safeToRepeat ?? ((method: string) => IDEMPOTENT.has(method));
  const retryTiming = { ...defaultRetryTiming, ...options.retryTiming };
  const readSettings = {
    provider,
    requestIdHeaders: options.requestIdHeaders ?? ['x-request-id', 'request-id', 'x-correlation-id'],
    errorCode: options.errorCode ?? defaultErrorCode,
  };

  async function call(method: string, path: string, init: RawInit = {}) {
    const problems = [...checkCount('timeoutMs', init.timeoutMs, 1), ...checkCount('maxRetries', init.maxRetries, 0)];
    const requested = selectMediaType(init, problems);
    if (problems.length > 0 || !requested) throw new ValidationError(provider, problems);
    const headers = new Headers(options.headers);
    for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
    headers.set('accept', requested.text);
    const body = init.body === undefined ? undefined : serializeBody(init.body, requested.mediaType);
    if (body !== undefined) headers.set('content-type', requested.text);
    const request: OutgoingRequest = {
      method,
      url: createFinalURL(path, { baseUrl, params: init.params ?? {}, querySerializer, pathSerializer: defaultPathSerializer }),
      headers,
      body,
      rawBody: init.body,
    };
    const answer = await send(request, {
      provider,
      fetch: options.fetch ?? ((input, requestInit) => globalThis.fetch(input, requestInit)),
      timeoutMs: (init.timeoutMs as number | undefined) ?? options.timeoutMs ?? 30_000,
      maxRetries: (init.maxRetries as number | undefined) ?? options.maxRetries ?? 2,
      safeToRepeat: safeToRepeat(method, path),
      signal: init.signal,
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      retryTiming,
      log: options.log,
    });
    return { ...readAnswer(answer, request, { ...readSettings, requested: requested.mediaType }), response: answer.response };
  }

  const client: Record<string, unknown> = {};
  for (const method of METHODS) client[method] = (path: string, init?: RawInit) => call(method, path, init);
  return client as ApiClient<Paths>;
}

/** The call's media type: `mediaType`, else `application/json;version=N` for `version: N`, else `application/json`. */
function selectMediaType(init: RawInit, problems: ValidationIssue[]): { text: string; mediaType: MediaType } | undefined {
  const { version, mediaType } = init;
  if (version !== undefined && mediaType !== undefined) {
    problems.push({ path: 'version', message: 'give either version or mediaType, not both' });
  }
  if (version !== undefined && !(Number.isInteger(version) && (version as number) > 0)) {
    problems.push({ path: 'version', message: 'must be a positive whole number' });
    return undefined;
  }
  const text = mediaType ?? (version === undefined ? 'application/json' : versionedJsonMediaType(version as number));
  const parsed = typeof text === 'string' ? parseMediaType(text) : undefined;
  if (!parsed) problems.push({ path: 'mediaType', message: 'is not a media type (type/subtype;parameters)' });
  return parsed && { text: text as string, mediaType: parsed };
}

function serializeBody(body: unknown, mediaType: MediaType): BodyInit {
  if (isJsonMediaType(mediaType)) return JSON.stringify(body);
  if (mediaType.subtype === 'x-www-form-urlencoded') return new URLSearchParams(body as Record<string, string>).toString();
  return body as BodyInit;
}

function checkCount(path: string, value: unknown, min: number): ValidationIssue[] {
  return value === undefined || (Number.isInteger(value) && (value as number) >= min)
    ? []
    : [{ path, message: `must be a whole number of at least ${min}` }];
}

function checkUrl(path: string, value: unknown): ValidationIssue[] {
  try {
    if (typeof value === 'string' && /^https?:$/.test(new URL(value).protocol)) return [];
  } catch {
    // not a URL: reported below
  }
  return [{ path, message: 'must be an absolute http(s) URL' }];
}
