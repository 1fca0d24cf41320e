/**
 * What the sandbox tests share: a sandbox on 127.0.0.1 with a clock the test
 * moves by hand (closed after each test), plain-fetch request helpers, a JWT
 * decoder and Finpay's signature and time formats written here with
 * node:crypto, independently of the sandbox's and of @tokens/finpay's.
 */
import { createHmac } from 'node:crypto';
import { afterEach, expect } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index';

/** 2026-03-10 05:00:00 UTC = 12:00:00 in Jakarta (GMT+7). A whole second, so `iat` = START_MS / 1000. */
export const START_MS = Date.UTC(2026, 2, 10, 5, 0, 0);

export interface TestClock {
  /** The sandbox's current time, ms since the epoch. */
  ms: number;
  advance(ms: number): void;
}

const running: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

/** A sandbox whose clock starts at START_MS and only moves when the test says so; closed after the test. */
export async function sandbox(options: Omit<SandboxOptions, 'now'> = {}): Promise<{ sb: Sandbox; clock: TestClock }> {
  const clock: TestClock = {
    ms: START_MS,
    advance(ms) {
      this.ms += ms;
    },
  };
  const sb = await startSandbox({ ...options, now: () => clock.ms });
  running.push(sb);
  return { sb, clock };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly body: unknown;
}

/** One request with the global fetch; the whole answer read. */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** POST with a JSON body (a string is sent as is) and `Content-Type: application/json` unless `headers` say otherwise. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...lower },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Asserts the answer carries an x-request-id (every sandbox answer does) and returns it. */
export function requestIdOf(answer: Answer): string {
  const id = answer.headers.get('x-request-id');
  expect(id).toMatch(UUID);
  return id!;
}

export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
  /** The signature's bytes. */
  readonly signature: Buffer;
}

/** Splits and decodes a compact JWS (no verification: the sandbox's keys are its own). */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  const [header, claims, signature] = parts as [string, string, string];
  for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>,
    signature: Buffer.from(signature, 'base64url'),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** `yyyyMMddHHmmss` of an instant as seen at a UTC offset of `offsetHours`. */
export function compactTime(epochMs: number, offsetHours: number): string {
  const t = new Date(epochMs + offsetHours * 3_600_000);
  return `${t.getUTCFullYear()}${two(t.getUTCMonth() + 1)}${two(t.getUTCDate())}${two(t.getUTCHours())}${two(t.getUTCMinutes())}${two(t.getUTCSeconds())}`;
}

/** Finpay's reqDtime: the time in GMT+7 (Asia/Jakarta). */
export const jakartaTime = (epochMs: number) => compactTime(epochMs, 7);

/**
 * Finpay's signature as providers.md describes it: the values of every field but
 * `signature`, sorted by field name, joined; HMAC-SHA256 keyed with the hex text of
 * the secret key's bytes (uppercase unless told); the digest as uppercase hex.
 */
export function finpaySignature(fields: Record<string, string>, secretKey: string, keyHexCase: 'upper' | 'lower' = 'upper'): string {
  const message = Object.keys(fields)
    .filter((name) => name !== 'signature')
    .sort()
    .map((name) => fields[name])
    .join('');
  const hexKey = Buffer.from(secretKey, 'utf8').toString('hex');
  return createHmac('sha256', keyHexCase === 'upper' ? hexKey.toUpperCase() : hexKey.toLowerCase())
    .update(message)
    .digest('hex')
    .toUpperCase();
}

/** A signed getToken body. */
export function finpayBody(
  secretKey: string,
  fields: { reqDtime: string; transNumber: string; requestType?: string },
  keyHexCase: 'upper' | 'lower' = 'upper',
): Record<string, string> {
  const unsigned = { reqDtime: fields.reqDtime, requestType: fields.requestType ?? 'getToken', transNumber: fields.transNumber };
  return { ...unsigned, signature: finpaySignature(unsigned, secretKey, keyHexCase) };
}

export const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
