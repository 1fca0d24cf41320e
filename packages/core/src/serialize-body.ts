/**
 * The default body serializer: openapi-fetch's (JSON, `FormData` as is, a urlencoded
 * form for that Content-Type), with three additions: a body for a non-JSON media type that is already
 * text or bytes is sent as it is; a plain object for `multipart/form-data` becomes
 * a `FormData`; a body JSON cannot hold is a `ValidationError`, before any request.
 */
import { ValidationError } from './errors';
import { isJsonMediaType, parseMediaTypeOnce } from './media-type';

/** `negotiated`: the call's `version`/`mediaType` as a media type, if it gave one. */
export type SerializeBody = (body: unknown, headers: Headers, negotiated?: string) => unknown;

/**
 * What fetch sends as it is: text, a Blob, bytes, a stream, URLSearchParams. Anything else is
 * data to serialize (a null-prototype record or a class instance handed to fetch was a TypeError,
 * or the text `[object Object]`).
 */
const isRaw = (body: unknown) =>
  typeof body === 'string' ||
  body instanceof Blob ||
  body instanceof ArrayBuffer ||
  ArrayBuffer.isView(body) ||
  body instanceof URLSearchParams ||
  body instanceof ReadableStream;

export function serializerFor(provider: string): SerializeBody {
  return (body, headers, negotiated) => {
    if (body instanceof FormData) return body;
    const contentType = headers.get('content-type');
    const sent = contentType === null ? undefined : parseMediaTypeOnce(contentType);
    if (sent && !isJsonMediaType(sent)) {
      if (isRaw(body)) return body;
      if (sent.subtype === 'x-www-form-urlencoded') return new URLSearchParams(body as Record<string, string>).toString();
    } else if (negotiated && MULTIPART.test(negotiated) && typeof body === 'object' && body !== null && !isRaw(body)) {
      return toFormData(body as Record<string, unknown>);
    }
    try {
      return JSON.stringify(body);
    } catch {
      throw new ValidationError(provider, [{ path: 'body', message: 'cannot be serialised as JSON' }]);
    }
  };
}

const MULTIPART = /^\s*multipart\/form-data\s*(;|$)/i;

function toFormData(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Blob) form.append(name, item);
      else form.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}
