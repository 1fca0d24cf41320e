import type { ApiClient } from './api-types';
import { systemClock, type Clock } from './clock';
import { ValidationError, type ValidationIssue } from './errors';
import { checkHeaders, checkWholeNumber } from './checks';
import { isJsonMediaType, parseMediaTypeOnce } from './media-type';
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from './openapi-fetch';
import { secretsOf } from './redact';
import { defaultErrorCode, readAnswer } from './response';
import { defaultRetryTiming, type RetryTiming } from './retry';
import { send, type LogHook, type OutgoingRequest, type TransportSettings } from './transport';

/** Options of `createApiClient`; every provider client passes these through. */
export interface ApiClientOptions {
  /** Names the provider in errors and log events, e.g. `transactionlink`. */
  provider: string;
  /** The provider's base URL (scheme, host and any path prefix). */
  baseUrl: string;
  /** A fetch implementation; the global `fetch`, looked up per call, when omitted. */
  fetch?: typeof globalThis.fetch;
  /**
   * Headers sent with every call, or a function returning them, called once per
   * call (e.g. to add an `Authorization` header from a token cache).
   */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /**
   * The `Authorization` header of every call, or a function returning it (called once
   * per call, e.g. to read a token cache). It replaces an `Authorization` in `headers`,
   * whatever its letter case.
   */
  authorization?: string | (() => string | Promise<string>);
  /** More secret values (a signing key that never travels, say) to keep out of errors and log events. */
  secrets?: () => readonly string[];
  /** Problems a provider client found in its own options: thrown with the client's own in one ValidationError. */
  issues?: readonly ValidationIssue[];
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
export type ClientOptions = Omit<
  ApiClientOptions,
  'provider' | 'baseUrl' | 'safeToRepeat' | 'errorCode' | 'requestIdHeaders' | 'authorization' | 'secrets' | 'issues'
> & {
  baseUrl?: string;
};

interface RawInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  version?: unknown;
  mediaType?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
}

const querySerializer = createQuerySerializer();
const METHODS = 'GET PUT POST DELETE OPTIONS HEAD PATCH TRACE'.split(' ');

/**
 * The whole spec (`paths` from openapi-typescript) as a typed client whose calls
 * pick their media type: `version: N` or `mediaType: '…'` is sent as `Accept`
 * and (with a body) `Content-Type`, and selects the body and `data` types.
 */
export function createApiClient<Paths extends {}>(options: ApiClientOptions): ApiClient<Paths> {
  const { provider, authorization } = options;
  const check = (issues: ValidationIssue[]) => {
    if (issues.length > 0) throw new ValidationError(provider, issues);
  };
  const headersOption = options.headers;
  const staticHeaders = typeof headersOption === 'function' ? undefined : headersOption;
  const staticAuthorization = typeof authorization === 'string' ? { authorization } : undefined;
  // What does not change from call to call is checked and settled once, here.
  const issues = [...(options.issues ?? [])];
  const providerFoundIssues = issues.length > 0;
  checkUrl(issues, options.baseUrl);
  checkNumbers(issues, options);
  checkHeaders(issues, staticHeaders);
  // Built by the provider client from its own options: when it found problems with them, they say it better.
  if (!providerFoundIssues) checkHeaders(issues, staticAuthorization);
  check(issues);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const safeToRepeat = options.safeToRepeat ?? ((method: string) => /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(method));
  const transport: TransportSettings = {
    provider,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    retryTiming: { ...defaultRetryTiming, ...options.retryTiming },
    log: options.log,
  };
  const reading = {
    provider,
    requestIdHeaders: options.requestIdHeaders ?? ['x-request-id', 'request-id', 'x-correlation-id'],
    errorCode: options.errorCode ?? defaultErrorCode,
  };

  async function call(method: string, path: string, init: RawInit = {}) {
    const { version, mediaType, body } = init;
    const issues: ValidationIssue[] = [];
    checkNumbers(issues, init);
    checkHeaders(issues, init.headers);
    if (version !== undefined && mediaType !== undefined) issues.push({ path: 'version', message: 'and mediaType cannot be given together' });
    if (version !== undefined && !(Number.isInteger(version) && (version as number) > 0)) {
      issues.push({ path: 'version', message: 'must be a positive whole number' });
    }
    const accept = String(mediaType ?? (version === undefined ? 'application/json' : `application/json;version=${version}`));
    const requested = parseMediaTypeOnce(accept);
    if (!requested) issues.push({ path: 'mediaType', message: 'is not a media type (type/subtype;parameters)' });
    let payload: BodyInit | undefined;
    try {
      payload = body === undefined || !requested ? undefined : isJsonMediaType(requested) ? JSON.stringify(body) : (body as BodyInit);
    } catch {
      issues.push({ path: 'body', message: 'cannot be serialised as JSON' });
    }
    check(issues);
    // Only once the call itself is valid: these functions may fetch a token.
    const clientHeaders = typeof headersOption === 'function' ? await headersOption() : staticHeaders;
    const callAuthorization = staticAuthorization ?? (typeof authorization === 'function' ? { authorization: await authorization() } : undefined);
    if (!staticHeaders) checkHeaders(issues, clientHeaders);
    if (!staticAuthorization) checkHeaders(issues, callAuthorization);
    check(issues);

    // A plain object with lower-case names: later sources replace earlier ones whatever the letter case.
    const headers: Record<string, string> = {};
    addHeaders(headers, clientHeaders);
    addHeaders(headers, init.headers);
    addHeaders(headers, callAuthorization);
    headers['accept'] = accept;
    if (payload !== undefined) headers['content-type'] = accept;
    const url = createFinalURL(path, { baseUrl, params: init.params ?? {}, querySerializer, pathSerializer: defaultPathSerializer });
    const request: OutgoingRequest = {
      method,
      url,
      headers,
      body: payload,
      signal: init.signal,
      timeoutMs: init.timeoutMs ?? options.timeoutMs ?? 30_000,
      maxRetries: init.maxRetries ?? options.maxRetries ?? 2,
      safeToRepeat: safeToRepeat(method, path),
      secrets: () => secretsOf(url, headers, body, options.secrets?.()),
    };
    const answer = await send(request, transport);
    return readAnswer(answer, request, requested!, reading);
  }

  const client: Record<string, unknown> = {};
  for (const method of METHODS) client[method] = (path: string, init?: RawInit) => call(method, path, init);
  return client as ApiClient<Paths>;
}

function checkNumbers(issues: ValidationIssue[], { timeoutMs, maxRetries }: { timeoutMs?: unknown; maxRetries?: unknown }): void {
  checkWholeNumber(issues, 'timeoutMs', timeoutMs, 1);
  checkWholeNumber(issues, 'maxRetries', maxRetries, 0);
}

function addHeaders(headers: Record<string, string>, source: Record<string, string> | undefined): void {
  for (const name in source) headers[name.toLowerCase()] = String(source[name]).trim();
}

function checkUrl(issues: ValidationIssue[], url: unknown): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url as string);
  } catch {
    // reported below
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) issues.push({ path: 'baseUrl', message: 'must be an absolute http(s) URL' });
  // Credentials in a URL end up in logs and error messages: they belong in headers.
  else if (parsed.username || parsed.password) issues.push({ path: 'baseUrl', message: 'must not hold credentials (user:password@): pass them as headers' });
}
