/**
 * Reads an answer by its media type: JSON types parsed as JSON, anything else
 * kept as text, never a SyntaxError. A refusal, an unusable answer or an answer
 * in another version becomes an ApiError (or VersionNotSupportedError), redacted:
 * an unusable 2xx's body by the token-answer rule (its shape only), as it may hold a token.
 */
import { ApiError, VersionNotSupportedError } from './errors';
import { formatMediaType, isJsonMediaType, parseMediaTypeOnce, type MediaType } from './media-type';
import { redact, redactTokenAnswer, redactUrl, scrub } from './redact';
import { RateLimitError } from './rate-limit-error';
import type { Call } from './transport';

export interface ReadSettings {
  readonly provider: string;
  /** Headers that carry the provider's request id, first match wins. */
  readonly requestIdHeaders: readonly string[];
  /** The provider's error code in an error body, if it has one. */
  readonly errorCode: (body: unknown) => string | undefined;
}

export type ReadResult = ({ data: unknown; error?: undefined } | { data?: undefined; error: ApiError }) & { response: Response };

const INVALID_JSON = Symbol();

/**
 * `requested`: the media type the call asked for (its `Accept`). `parsed`: the
 * data of a successful answer openapi-fetch already read (a `parseAs` other than JSON).
 */
export function readAnswer(
  response: Response,
  text: string,
  call: Pick<Call, 'secrets' | 'retryAfterMs'>,
  requested: MediaType,
  settings: ReadSettings,
  parsed?: unknown,
): ReadResult {
  const { status, headers } = response;
  const { provider } = settings;
  const received = parseMediaTypeOnce(headers.get('content-type'));
  let body: unknown = text;
  if (parsed !== undefined) body = parsed;
  else if (text === '') body = undefined;
  else if (isJsonMediaType(received ?? requested)) {
    try {
      body = JSON.parse(text);
    } catch {
      body = INVALID_JSON;
    }
  }
  const asked = requested.parameters['version'];
  const answered = received?.parameters['version'];
  let problem: string | undefined;
  let versionRefused = status === 406 || status === 415;
  if (versionRefused) problem = `does not serve ${formatMediaType(requested)}`;
  // Not followed: the Location is named, redacted as any URL is.
  else if (status > 299 && status < 400) {
    const location = headers.get('location');
    problem = `redirected to ${location ? scrub(redactUrl(location), call.secrets()) : 'nowhere'} (not followed)`;
  } else if (response.ok) {
    // The plain type is version 1 where an API also versions it (`application/json` = `;version=1`): another is a mismatch.
    if (answered !== undefined && answered !== (asked ?? '1')) {
      problem = `answered version ${answered} to a request for ${asked === undefined ? `${formatMediaType(requested)} (version 1)` : `version ${asked}`}`;
      versionRefused = true;
    } else if (body === INVALID_JSON) problem = 'answered invalid JSON';
    else if (typeof body === 'string' && parsed === undefined && isJsonMediaType(requested)) {
      problem = `answered ${received ? formatMediaType(received) : 'no media type'} where JSON was asked for`;
    } else return { data: body, response };
  }

  const raw = body === INVALID_JSON ? text : body;
  // An unusable 2xx may be a token answer (the token under any name): its shape only, and no error code read from it.
  const safeBody = response.ok ? redactTokenAnswer(raw, call.secrets()) : redact(raw, call.secrets());
  const code = !response.ok && safeBody !== null && typeof safeBody === 'object' ? settings.errorCode(safeBody) : undefined;
  const detail = problem ?? providerMessage(safeBody) ?? response.statusText;
  const message = `${provider}: HTTP ${status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`;
  const details: Record<string, unknown> = {
    status,
    code,
    body: safeBody,
    requestId: settings.requestIdHeaders.map((name) => headers.get(name)).find(Boolean) ?? undefined,
  };
  const { retryAfterMs } = call;
  let error: ApiError;
  if (versionRefused) {
    details['requestedMediaType'] = formatMediaType(requested);
    details['receivedMediaType'] = received && formatMediaType(received);
    error = new VersionNotSupportedError(provider, message, details as never);
  } else if (retryAfterMs !== undefined) {
    details['retryAfterMs'] = retryAfterMs;
    error = new RateLimitError(provider, `${message} (asks to wait ${Math.ceil(retryAfterMs / 1000)} s)`, details as never);
  } else error = new ApiError(provider, message, details as never);
  return { error, response };
}

/** `errors[0]` of bodies like TransactionLink's `{ errors: [{ code, message }] }`. */
const firstError = (body: Record<string, unknown>) => (Array.isArray(body['errors']) ? (body['errors'][0] as Record<string, unknown>) : undefined);

/** A short human message from an error body: its `message`, first error's message, or the start of its text. */
function providerMessage(body: unknown): string | undefined {
  const text =
    typeof body === 'string'
      ? body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
      : body && typeof body === 'object'
        ? (body as Record<string, unknown>)['message'] ?? firstError(body as Record<string, unknown>)?.['message'] ?? (body as Record<string, unknown>)['error']
        : undefined;
  return typeof text === 'string' && text ? text.slice(0, 200) : undefined;
}

/** The error code of common error bodies: `code`, `error_code`, or the first of `errors[].code`. */
export function defaultErrorCode(body: unknown): string | undefined {
  const record = body as Record<string, unknown>;
  const code = record['code'] ?? record['error_code'] ?? firstError(record)?.['code'];
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}
