/**
 * Reads an answer by its media type: JSON types parsed as JSON, anything else
 * kept as text, never a SyntaxError. A refusal, an unusable answer or an answer
 * in another version becomes an ApiError (or VersionNotSupportedError), redacted.
 */
import { ApiError, VersionNotSupportedError } from './errors';
import { formatMediaType, isJsonMediaType, parseMediaType, type MediaType } from './media-type';
import { redact, secretsOf } from './redact';
import type { Answer, OutgoingRequest } from './transport';

export interface ReadSettings {
  readonly provider: string;
  /** The media type the call asked for (its `Accept`). */
  readonly requested: MediaType;
  /** Headers that carry the provider's request id, first match wins. */
  readonly requestIdHeaders: readonly string[];
  /** The provider's error code in an error body, if it has one. */
  readonly errorCode: (body: unknown) => string | undefined;
}

export type ReadResult = { data: unknown; error?: undefined } | { data?: undefined; error: ApiError };

const NOT_PARSED = Symbol('not parsed');

export function readAnswer(answer: Answer, request: OutgoingRequest, settings: ReadSettings): ReadResult {
  const { response, text } = answer;
  const received = parseMediaType(response.headers.get('content-type'));
  const parsed = text === '' ? undefined : isJsonMediaType(received) || (!received && isJsonMediaType(settings.requested)) ? parseJson(text) : text;

  if (response.ok) {
    const askedVersion = settings.requested.parameters['version'];
    const answeredVersion = received?.parameters['version'];
    if (askedVersion !== undefined && answeredVersion !== undefined && answeredVersion !== askedVersion) {
      const problem = `answered version ${answeredVersion} to a request for version ${askedVersion}`;
      return fail(answer, request, settings, { body: parsed, problem, received, versionRefused: true });
    }
    if (parsed === NOT_PARSED) return fail(answer, request, settings, { body: text, problem: 'answered invalid JSON', received });
    if (typeof parsed === 'string' && isJsonMediaType(settings.requested)) {
      const problem = `answered ${received ? formatMediaType(received) : 'no media type'} where JSON was asked for`;
      return fail(answer, request, settings, { body: text, problem, received });
    }
    return { data: parsed };
  }
  const versionRefused = response.status === 406 || response.status === 415;
  return fail(answer, request, settings, {
    body: parsed === NOT_PARSED ? text : parsed,
    problem: versionRefused ? `does not serve ${formatMediaType(settings.requested)}` : undefined,
    received,
    versionRefused,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_PARSED;
  }
}

interface Failure {
  readonly body: unknown;
  /** What was wrong with the answer, when it is more than the provider's own message. */
  readonly problem: string | undefined;
  readonly received: MediaType | undefined;
  /** A 406/415, or an answer in another version than asked. */
  readonly versionRefused?: boolean;
}

function fail({ response }: Answer, request: OutgoingRequest, settings: ReadSettings, failure: Failure): ReadResult {
  const safeBody = redact(failure.body, secretsOf(request.headers, request.rawBody));
  const code = safeBody !== null && typeof safeBody === 'object' ? settings.errorCode(safeBody) : undefined;
  const detail = failure.problem ?? providerMessage(safeBody) ?? response.statusText;
  const message = `${settings.provider}: HTTP ${response.status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`;
  const details = { status: response.status, code, body: safeBody, requestId: requestIdOf(response.headers, settings.requestIdHeaders) };
  const error = failure.versionRefused
    ? new VersionNotSupportedError(settings.provider, message, {
        ...details,
        requestedMediaType: formatMediaType(settings.requested),
        receivedMediaType: failure.received && formatMediaType(failure.received),
      })
    : new ApiError(settings.provider, message, details);
  return { error };
}

/** A short human message from an error body: its `message`, first error's message, or the start of its text. */
function providerMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) || undefined;
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const first = Array.isArray(record['errors']) ? (record['errors'][0] as Record<string, unknown> | undefined) : undefined;
  const candidate = record['message'] ?? record['error_description'] ?? first?.['message'] ?? record['error'];
  return typeof candidate === 'string' ? candidate.slice(0, 200) : undefined;
}

function requestIdOf(headers: Headers, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** The error code of common error bodies: `code`, `error_code`, or the first of `errors[].code`. */
export function defaultErrorCode(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const first = Array.isArray(record['errors']) ? (record['errors'][0] as Record<string, unknown> | undefined) : undefined;
  const code = record['code'] ?? record['error_code'] ?? first?.['code'];
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}
