import type { BodySerializer, ClientOptions as FetchClientOptions, HeadersOptions, Middleware } from 'openapi-fetch';
import type { ApiClient } from './api-types';
import { systemClock, type Clock } from './clock';
import { ValidationError, type ValidationIssue } from './errors';
import { addIssue, assertOptions, checkHeaders, checkInjected, checkKinds, checkWholeNumber, isHeaderValue, isRecord, kinds } from './checks';
import { parseMediaTypeOnce } from './media-type';
import { createClient } from './openapi-fetch';
import { defaultErrorCode, readAnswer } from './response';
import { defaultRetryTiming, type RetryTiming } from './retry';
import { serializerFor, type SerializeBody } from './serialize-body';
import { directRequest, type HeaderLayer } from './direct-request';
import { checkRequestInit } from './request-init';
import { CALL_MARK, createCall, PlainRequest, sendPlain, type LogHook } from './transport';

/** A fetch as openapi-fetch calls it: with the `Request`, and an init carrying the attempt's `signal`. */
export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/** Options of `createApiClient`; every provider client passes these through. openapi-fetch's own client options work too. */
export interface ApiClientOptions extends Omit<FetchClientOptions, 'baseUrl' | 'fetch' | 'headers'> {
  /** Names the provider in errors and log events, e.g. `transactionlink`. */
  provider: string;
  /** The provider's base URL (scheme, host and any path prefix). */
  baseUrl: string;
  /** A fetch implementation, called with a `Request`; the global `fetch`, looked up per call, when omitted. */
  fetch?: FetchFunction;
  /**
   * Headers sent with every call (a record, as openapi-fetch takes them, or a `Headers`),
   * or a function returning them, called once per call (e.g. to add a header from a token cache).
   */
  headers?: HeadersOptions | (() => Record<string, string> | Promise<Record<string, string>>);
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
  /**
   * Plain `http://` is accepted for loopback hosts only (127.0.0.0/8, `::1`, `localhost`),
   * so that a sandbox or a test server works; anything else must be `https://` unless this is `true`.
   */
  allowInsecureHttp?: boolean;
  /**
   * The most bytes an answer's body may have, counted as it arrives; past it the connection
   * is dropped and the call fails with a `ResponseTooLargeError`, not retried. Default 1 MiB
   * (no token answer comes near). Not applied to `parseAs: 'stream'`, whose body is yours to read.
   */
  maxResponseBytes?: number;
}

/** The options a user passes to a provider's `create…Client`; the provider fills in the rest. */
export type ClientOptions = Omit<
  ApiClientOptions,
  'provider' | 'baseUrl' | 'safeToRepeat' | 'errorCode' | 'requestIdHeaders' | 'authorization' | 'secrets' | 'issues'
> & {
  baseUrl?: string;
};

type HeaderValues = Record<string, unknown>;

interface RawInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: HeaderValues };
  body?: unknown;
  version?: unknown;
  mediaType?: unknown;
  headers?: GivenHeaders;
  baseUrl?: string;
  fetch?: FetchFunction;
  parseAs?: string;
  bodySerializer?: BodySerializer<unknown>;
  middleware?: Middleware[];
  timeoutMs?: number;
  maxRetries?: number;
  [option: string]: unknown;
}

const METHODS = 'GET PUT POST DELETE OPTIONS HEAD PATCH TRACE'.split(' ');
/** Call options that are ours, not openapi-fetch's (`headers` and `fetch` are passed on as ours; `redirect` is always `manual`). */
const OWN_CALL_OPTIONS = new Set(['version', 'mediaType', 'timeoutMs', 'maxRetries', 'fetch', 'headers', 'redirect']);
/** Request encodings that are not answers: a call sending one still asks for JSON back. */
const FORM = /^\s*(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i;

/**
 * The whole spec (`paths` from openapi-typescript) as an openapi-fetch client
 * (`createClient`, its middleware, serializers and options) whose calls pick their
 * media type: `version: N` or `mediaType: '…'` is sent as `Accept` and (with a
 * body) `Content-Type`, and selects the body and `data` types. Its `fetch` is ours
 * (timeouts, retries, typed failures); its answers are read by us (`error` is an `ApiError`).
 */
export function createApiClient<Paths extends {}>(options: ApiClientOptions): ApiClient<Paths> {
  assertOptions(options);
  const {
    provider,
    authorization,
    baseUrl: givenBaseUrl,
    fetch: givenFetch,
    headers: headersOption,
    secrets,
    issues: providerIssues,
    timeoutMs,
    maxRetries,
    safeToRepeat: givenSafeToRepeat,
    errorCode,
    requestIdHeaders,
    log,
    retryTiming,
    clock,
    random,
    bodySerializer: givenBodySerializer,
    allowInsecureHttp,
    maxResponseBytes,
    ...openapiFetchOptions
  } = options;
  const check = (issues: ValidationIssue[]) => {
    if (issues.length > 0) throw new ValidationError(provider, issues);
  };
  const headersFunction = typeof headersOption === 'function' ? headersOption : undefined;
  const staticHeaders = typeof headersOption === 'function' ? undefined : headersOption;
  const staticAuthorization = typeof authorization === 'string' ? { authorization } : undefined;
  // What does not change from call to call is checked and settled once, here.
  const issues = [...(providerIssues ?? [])];
  const providerFoundIssues = issues.length > 0;
  checkUrl(issues, 'baseUrl', givenBaseUrl, allowInsecureHttp);
  checkNumbers(issues, options);
  checkWholeNumber(issues, 'maxResponseBytes', maxResponseBytes, 1);
  checkHeaders(issues, staticHeaders);
  checkInjected(issues, options as unknown as Record<string, unknown>);
  checkRequestInit(issues, options as unknown as Record<string, unknown>);
  // Built by the provider client from its own options: when it found problems with them, they say it better.
  if (!providerFoundIssues) checkHeaders(issues, staticAuthorization);
  check(issues);
  // The client's headers, lower-cased: `Accept: application/json` unless they name one, its Authorization replaced.
  const baseHeaders: HeaderValues = { accept: 'application/json' };
  addHeaders(baseHeaders, staticHeaders as GivenHeaders);
  if (staticAuthorization) baseHeaders['authorization'] = authorization;
  const safeToRepeat = givenSafeToRepeat ?? ((method: string) => /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(method));
  // openapi-fetch's own options; the rest are the request's (as in its coreFetch).
  const { Request: givenRequest, querySerializer, pathSerializer, requestInitExt, ...requestDefaults } = openapiFetchOptions;
  // Set for good once a middleware is added: it sees (and may rebuild) a real `Request`.
  let middlewareAdded = !!givenRequest;
  // One object for the transport and the reading of answers: the client's settings.
  const settings = {
    provider,
    clock: clock ?? systemClock,
    random: random ?? Math.random,
    retryTiming: { ...defaultRetryTiming, ...retryTiming },
    log,
    secrets,
    requestIdHeaders: requestIdHeaders ?? ['x-request-id', 'request-id', 'x-correlation-id'],
    errorCode: errorCode ?? defaultErrorCode,
  };
  const bodySerializer = (givenBodySerializer as SerializeBody | undefined) ?? serializerFor(provider);
  // A call may skip openapi-fetch's request building when it is built the default way (direct-request.ts).
  const defaultSerializers = !(givenBodySerializer || querySerializer || pathSerializer || requestInitExt);
  const baseUrl = givenBaseUrl.replace(/\/+$/, '');
  requestDefaults.redirect = 'manual';
  const inner = createClient<Paths>({
    ...openapiFetchOptions,
    // Every request: a redirect is never followed (a credential would go where its Location says).
    redirect: 'manual',
    baseUrl,
    headers: baseHeaders as HeadersOptions,
    bodySerializer: bodySerializer as BodySerializer<unknown>,
  });

  async function call(method: string, path: string, given: RawInit | null | undefined) {
    // `null` is no options, as `undefined` is.
    const init = given ?? NO_INIT;
    const { version, mediaType, timeoutMs: callTimeoutMs, maxRetries: callMaxRetries, fetch: callFetch, headers: callHeaders, body, params } = init;
    const issues: ValidationIssue[] = [];
    if (typeof init !== 'object') addIssue(issues, 'init', 'must be an object');
    // openapi-fetch appends the path to the base URL as text: without its leading '/', `GET('5')` would go to another port, `GET('.x.com')` to another host.
    if (typeof path !== 'string' || path[0] !== '/') addIssue(issues, 'path', "must be text starting with '/'");
    checkKinds(issues, init, CALL_PARTS);
    checkNumbers(issues, init);
    checkHeaders(issues, callHeaders);
    if (params !== undefined) checkParams(issues, params);
    if (init.baseUrl !== undefined) checkUrl(issues, 'baseUrl', init.baseUrl, allowInsecureHttp);
    checkRequestInit(issues, init as Record<string, unknown>, requestDefaults);
    // `new Request` throws a TypeError for TRACE (TRACK and CONNECT never get here: `request` takes only METHODS).
    if (method === 'TRACE') addIssue(issues, 'method', 'TRACE cannot be sent with fetch');
    else if (body !== undefined && (method === 'GET' || method === 'HEAD')) addIssue(issues, 'body', `cannot be sent with ${method}`);
    if (mediaType !== undefined && !(typeof mediaType === 'string' && isHeaderValue(mediaType))) addIssue(issues, 'mediaType', NOT_A_MEDIA_TYPE);
    if (version !== undefined) {
      if (mediaType !== undefined) addIssue(issues, 'version', 'and mediaType cannot be given together');
      if (!(Number.isInteger(version) && (version as number) > 0)) addIssue(issues, 'version', 'must be a positive whole number');
    }
    // What follows reads these values as text: they must be valid first.
    check(issues);
    const negotiated = mediaType !== undefined ? (mediaType as string) : version !== undefined ? `application/json;version=${version}` : undefined;
    // A form is what is sent; the answer asked for stays JSON.
    const form = negotiated !== undefined && FORM.test(negotiated);
    const accept = negotiated === undefined ? callersAccept(init) : form ? 'application/json' : negotiated;
    const requested = parseMediaTypeOnce(accept);
    if (!requested) addIssue(issues, negotiated === undefined ? 'headers.accept' : 'mediaType', NOT_A_MEDIA_TYPE);
    check(issues);
    // Only once the call itself is valid: these functions may fetch a token.
    const clientHeaders = headersFunction ? await headersFunction() : undefined;
    // A fixed Authorization is among the client's base headers; the function's headers come above those, so it is repeated over them.
    const callAuthorization = typeof authorization === 'function' ? await authorization() : clientHeaders ? authorization : undefined;
    if (headersFunction) checkHeaders(issues, clientHeaders);
    if (typeof authorization === 'function') checkHeaders(issues, { authorization: callAuthorization });
    check(issues);

    // Lowest to highest: the client's headers (openapi-fetch's base), the function's, the call's, the authorization, the negotiated media type.
    let headers = callHeaders;
    // `[name, value]` pairs are made a record: openapi-fetch reads headers with Object.entries.
    if (clientHeaders || callAuthorization !== undefined || negotiated !== undefined || Array.isArray(callHeaders)) {
      const merged: HeaderValues = {};
      addHeaders(merged, clientHeaders);
      addHeaders(merged, callHeaders);
      if (callAuthorization !== undefined) merged['authorization'] = callAuthorization;
      if (negotiated !== undefined) {
        merged['accept'] = accept;
        // A form's Content-Type carries its boundary: fetch writes it from the FormData body.
        if (body !== undefined) merged['content-type'] = form && !/^\s*application\/x-www/i.test(negotiated) ? null : negotiated;
      }
      headers = merged;
    }
    const plain = !(callFetch || givenFetch || middlewareAdded || init.middleware?.length || init.Request);
    const call = createCall(
      settings,
      callFetch ?? givenFetch ?? (plain ? sendPlain : (input, init) => fetch(input, init)),
      callTimeoutMs ?? timeoutMs ?? 30_000,
      callMaxRetries ?? maxRetries ?? 2,
      safeToRepeat(method, path),
      body,
      (init['signal'] as AbortSignal | null | undefined) ?? undefined,
      maxResponseBytes ?? 1_048_576,
    );
    const parseAs = init.parseAs ?? 'json';
    // openapi-fetch copies unknown init keys onto the request it builds: the mark tells that request from one a middleware made.
    const innerInit: Record<string, unknown> = {};
    // A loop, not `...rest`: object rest with excluded keys takes a slow path in V8, on every call.
    for (const key in init) if (!OWN_CALL_OPTIONS.has(key)) innerInit[key] = init[key];
    innerInit['headers'] = headers;
    innerInit['fetch'] = call.fetch;
    innerInit[CALL_MARK] = call;
    if (plain) innerInit['Request'] = PlainRequest;
    // Ours: openapi-fetch hands the answer on unread, and it is read here.
    if (parseAs === 'json') innerInit['parseAs'] = 'stream';
    // An explicit version or media type wins over the same headers among the header parameters too.
    if (negotiated !== undefined && params?.header) innerInit['params'] = { ...params, header: withoutNegotiated(params.header) };
    if (body !== undefined) {
      const serialize = init.bodySerializer ?? bodySerializer;
      innerInit['bodySerializer'] = (value: unknown, sent: Headers) => (call.replayBody = (serialize as SerializeBody)(value, sent, negotiated));
    }
    // Nothing but our transport would see openapi-fetch's Request: built as a URL and an init instead (direct-request.ts).
    const direct = plain && defaultSerializers && parseAs === 'json' && !(init.querySerializer || init.pathSerializer || init.bodySerializer);
    try {
      const result: { response: Response; data?: unknown; error?: unknown } = direct
        ? { response: await call.fetch(directRequest(method, path, baseUrl, requestDefaults, baseHeaders as HeaderLayer, innerInit)) }
        : await inner.request(method.toLowerCase() as 'get', path as never, innerInit as never);
      const { response } = result;
      let text: string;
      if (response === call.answer) text = call.text!;
      else if (!response.ok) text = result.error === undefined ? '' : typeof result.error === 'string' ? result.error : JSON.stringify(result.error);
      else if (parseAs === 'json') text = await call.read(response);
      else return readAnswer(response, '', call, requested!, settings, result.data);
      return readAnswer(response, text, call, requested!, settings);
    } finally {
      call.stop();
    }
  }

  const client: Record<string, unknown> = {
    // Only the methods an OpenAPI operation can have: another name (`A`, `PROPFIND`) is a typo or an operation no spec declares, and most servers answer it 400.
    request: (method: unknown, path: string, init?: RawInit) =>
      typeof method === 'string' && METHODS.includes(method.toUpperCase())
        ? call(method.toUpperCase(), path, init)
        : Promise.reject(new ValidationError(provider, [{ path: 'method', message: `must be one of ${METHODS.join(', ')}` }])),
    use: (...middleware: Middleware[]) => {
      middlewareAdded = true;
      inner.use(...middleware);
    },
    eject: inner.eject,
  };
  for (const method of METHODS) client[method] = (path: string, init?: RawInit) => call(method, path, init);
  return client as unknown as ApiClient<Paths>;
}

/** openapi-fetch reads `params` as an object. */
function checkParams(issues: ValidationIssue[], params: unknown): void {
  if (!isRecord(params)) addIssue(issues, 'params', 'must be an object');
  else checkHeaders(issues, params['header'], 'params.header', false);
}

function checkNumbers(issues: ValidationIssue[], { timeoutMs, maxRetries }: { timeoutMs?: unknown; maxRetries?: unknown }): void {
  checkWholeNumber(issues, 'timeoutMs', timeoutMs, 1);
  checkWholeNumber(issues, 'maxRetries', maxRetries, 0);
}

const NO_INIT: RawInit = {};
const CALL_PARTS = kinds('fetch:f signal:s');
const NOT_A_MEDIA_TYPE = 'is not a media type';

type GivenHeaders = Headers | HeaderValues | readonly (readonly [string, unknown])[] | undefined;

/**
 * Adds `source` to `headers` with lower-case names; values as openapi-fetch takes them (`null` removes a header).
 * `[name, value]` pairs as fetch takes them: a repeated name is one more value, an `undefined` value none.
 */
function addHeaders(headers: HeaderValues, source: GivenHeaders): void {
  if (source instanceof Headers) source.forEach((value, name) => (headers[name] = value));
  else if (Array.isArray(source)) {
    const pairs: HeaderValues = {};
    for (const [name, value] of source) {
      const key = name.toLowerCase();
      if (value !== undefined) pairs[key] = key in pairs ? [pairs[key], value].flat() : value;
    }
    Object.assign(headers, pairs);
  } else for (const name in source) headers[name.toLowerCase()] = (source as HeaderValues)[name];
}

/** The caller's own `Accept` (header parameter, call header), else JSON: what the answer is read as. */
function callersAccept({ params, headers }: RawInit): string {
  const named = valueOf(params?.header, 'accept') ?? valueOf(headers, 'accept');
  return typeof named === 'string' ? named : 'application/json';
}

function valueOf(headers: GivenHeaders, wanted: string): unknown {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(wanted) ?? undefined;
  // Pairs: checked by now, each a [name, value].
  if (Array.isArray(headers)) return (headers as [string, unknown][]).find(([name]) => name.toLowerCase() === wanted)?.[1];
  for (const name in headers) if (name.toLowerCase() === wanted) return (headers as HeaderValues)[name];
  return undefined;
}

function withoutNegotiated(header: GivenHeaders): HeaderValues {
  const kept: HeaderValues = {};
  addHeaders(kept, header);
  delete kept['accept'];
  delete kept['content-type'];
  return kept;
}

/** Loopback hosts, where plain http cannot be read or changed on the way. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function checkUrl(issues: ValidationIssue[], path: string, url: unknown, allowInsecureHttp: boolean | undefined): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url as string);
  } catch {
    // reported below
  }
  const problem =
    !parsed || !/^https?:$/.test(parsed.protocol)
      ? 'must be an absolute http(s) URL'
      : // Credentials in a URL end up in logs and error messages: they belong in headers.
        parsed.username || parsed.password
        ? 'must not hold credentials (user:password@): pass them as headers'
        : // The path of every call is appended: after a query or fragment it would land inside them.
          /[?#]/.test(url as string)
          ? 'must not hold a query string or fragment'
          : parsed.protocol === 'http:' && !allowInsecureHttp && !LOOPBACK.test(parsed.hostname)
            ? 'must be https:// (or a loopback host, or allowInsecureHttp: true)'
            : undefined;
  if (problem) addIssue(issues, path, problem);
}
