/**
 * The faults a fault server can answer with, one handler each: broken connections,
 * stalls, a huge body (and a gzip bomb), redirects, 429/503 storms with every form of `Retry-After`,
 * answers in another version, HTML, empty answers. Every 2xx body carries the sample
 * tokens under any names, and every error body echoes the request (its credentials), so
 * that a client that let one into an error shows it. (An error body's text stays
 * readable by core's rule: the tokens in it go under secret-named fields, masked by name.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { echoOf } from './echo-server';
import { SAMPLE_TOKENS } from './leaks';
import type { RecordedRequest } from './test-server';

const REDIRECTS = [301, 302, 303, 307, 308] as const;
const RETRY_AFTER_FORMS = ['seconds', 'date', 'too-long-seconds', 'too-long-date', 'garbage', 'missing'] as const;
const STORMS = [429, 503] as const;

export type RetryAfterForm = (typeof RETRY_AFTER_FORMS)[number];

export const FAULTS = [
  'reset-before-headers',
  'reset-mid-body',
  'truncated-body',
  'stall-before-headers',
  'stall-mid-body',
  'huge-body',
  'huge-declared-body',
  'gzip-bomb',
  ...REDIRECTS.flatMap((status) => [`redirect-${status}-same-origin`, `redirect-${status}-other-origin`] as const),
  ...STORMS.flatMap((status) => RETRY_AFTER_FORMS.map((form) => `storm-${status}-retry-after-${form}` as const)),
  'other-version',
  'html-200',
  'html-502',
  'empty-200',
  'no-content-204',
] as const;

export type Fault = (typeof FAULTS)[number];

/** What a fault's handler knows besides the request. */
export interface FaultContext {
  /** This server's origin, and the other one a redirect may name. */
  readonly origin: string;
  readonly otherOrigin: string;
  /** The test's path prefix (`/<fault>/<case>`), so that a followed redirect would be counted under it. */
  readonly prefix: string;
  /** The clock the client runs on, for `Retry-After` dates. */
  readonly now: () => number;
  /** Adds to the body bytes the server wrote (flushed to the socket) for this request. */
  readonly wrote: (bytes: number) => void;
}

/** How long the sample `Retry-After` values ask to wait, in ms: a few seconds, or hours (past any retry delay). */
export const RETRY_AFTER_MS = { short: 2_000, long: 7_200_000 } as const;
const HUGE_BYTES = 256 * 1_048_576;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** A token answer of no provider in particular: the sample tokens under any names (only one named like a token). */
const tokenJson = JSON.stringify({ token: SAMPLE_TOKENS.jwt, id: SAMPLE_TOKENS.hex, data: { value: SAMPLE_TOKENS.base64url }, expires_in: 3600 });
/** A redirect's body is an error body, readable by core's rule: tokens in it go under secret-named fields. */
const redirectJson = JSON.stringify({ message: 'moved', access_token: SAMPLE_TOKENS.jwt, refreshToken: SAMPLE_TOKENS.base64url, sessionId: SAMPLE_TOKENS.hex });
const tokenHtml = `<html><head><title>Welcome</title></head><body><p>${SAMPLE_TOKENS.jwt}</p><p>${SAMPLE_TOKENS.hex}</p><p>${SAMPLE_TOKENS.base64url}</p></body></html>`;
const echoHtml = (request: RecordedRequest) => `<html><head><title>502 Bad Gateway</title></head><body><pre>${echoOf(request)}</pre></body></html>`;

/** Writes `body` whole, counted once flushed. */
function send(res: ServerResponse, context: FaultContext, status: number, headers: Record<string, string>, body: string | Buffer = ''): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, bytes.byteLength ? { 'content-length': String(bytes.byteLength), ...headers } : headers);
  res.end(bytes, () => context.wrote(bytes.byteLength));
}

/** Sends the headers (declaring the whole `body`) and its first half; `then` runs once that half is on the socket. */
function sendHalf(res: ServerResponse, context: FaultContext, then: () => void): void {
  const bytes = Buffer.from(tokenJson);
  const half = bytes.subarray(0, bytes.byteLength >> 1);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.byteLength) });
  res.write(half, (error) => {
    if (error) return;
    context.wrote(half.byteLength);
    then();
  });
}

/** Streams up to 256 MiB, minding backpressure, until done or the client drops the connection. */
function stream(res: ServerResponse, context: FaultContext, declared: boolean): void {
  res.writeHead(200, { 'content-type': 'application/json', ...(declared && { 'content-length': String(HUGE_BYTES) }) });
  let queued = 0;
  const pump = () => {
    while (queued < HUGE_BYTES && !res.destroyed) {
      queued += CHUNK.byteLength;
      const more = res.write(CHUNK, (error) => error || context.wrote(CHUNK.byteLength));
      if (!more) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.write(`{"token":"${SAMPLE_TOKENS.jwt}","padding":"`, () => pump());
}

/** 32 MiB of JSON-ish text, gzipped to some 32 KB: made on first use. */
let bomb: Buffer | undefined;
const gzipBomb = () => (bomb ??= gzipSync(`{"token":"${SAMPLE_TOKENS.jwt}","padding":"${' '.repeat(32 * 1_048_576)}"}`));

function retryAfter(form: RetryAfterForm, now: number): Record<string, string> {
  const date = (ms: number) => new Date(now + ms).toUTCString();
  switch (form) {
    case 'seconds':
      return { 'retry-after': String(RETRY_AFTER_MS.short / 1000) };
    case 'date':
      return { 'retry-after': date(RETRY_AFTER_MS.short) };
    case 'too-long-seconds':
      return { 'retry-after': String(RETRY_AFTER_MS.long / 1000) };
    case 'too-long-date':
      return { 'retry-after': date(RETRY_AFTER_MS.long) };
    case 'garbage':
      return { 'retry-after': 'soon, maybe -1' };
    case 'missing':
      return {};
  }
}

/** Answers `req` with `fault`. */
export function answerFault(fault: Fault, context: FaultContext, request: RecordedRequest, req: IncomingMessage, res: ServerResponse): void {
  const redirect = /^redirect-(\d+)-(same|other)-origin$/.exec(fault);
  if (redirect) {
    const target = `${redirect[2] === 'same' ? context.origin : context.otherOrigin}${context.prefix}/landing?access_token=${SAMPLE_TOKENS.hex}`;
    return send(res, context, Number(redirect[1]), { location: target, 'content-type': 'application/json' }, redirectJson);
  }
  const storm = /^storm-(\d+)-retry-after-(.+)$/.exec(fault);
  if (storm) {
    const headers = { 'content-type': 'application/json', ...retryAfter(storm[2] as RetryAfterForm, context.now()) };
    const body = { message: `slow down: ${echoOf(request)}`, access_token: SAMPLE_TOKENS.jwt, refreshToken: SAMPLE_TOKENS.base64url };
    return send(res, context, Number(storm[1]), headers, JSON.stringify(body));
  }
  switch (fault) {
    case 'reset-before-headers':
      // The whole request arrived: the provider may have acted on it.
      return void req.socket.resetAndDestroy();
    case 'reset-mid-body':
      // From a timer: called inside the write's callback, Node closes with a FIN instead of the RST.
      return sendHalf(res, context, () => setTimeout(() => req.socket.resetAndDestroy(), 0));
    case 'truncated-body':
      // A clean close (FIN) with half the declared Content-Length unsent.
      return sendHalf(res, context, () => req.socket.end());
    case 'stall-before-headers':
      return;
    case 'stall-mid-body':
      return sendHalf(res, context, () => {});
    case 'huge-body':
      return stream(res, context, false);
    case 'huge-declared-body':
      return stream(res, context, true);
    case 'gzip-bomb':
      // Its Content-Length is the compressed size: small; what fetch decodes is not.
      return send(res, context, 200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipBomb());
    case 'other-version':
      return send(res, context, 200, { 'content-type': 'application/json;version=3' }, tokenJson);
    case 'html-200':
      return send(res, context, 200, { 'content-type': 'text/html; charset=utf-8' }, tokenHtml);
    case 'html-502':
      return send(res, context, 502, { 'content-type': 'text/html' }, echoHtml(request));
    case 'empty-200':
      return send(res, context, 200, { 'content-type': 'application/json' });
    case 'no-content-204':
      return send(res, context, 204, {});
  }
}
