/** The plumbing every provider handler shares: reading requests, writing answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface SandboxRequest {
  readonly method: string;
  /** Below the provider's base URL, without the query. */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** The raw body text ('' without a body). */
  readonly text: string;
}

export interface SandboxAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** Sent as JSON (Content-Type application/json unless headers say otherwise). */
  readonly body?: unknown;
}

export class BodyTooLarge extends Error {}

/** Reads the whole body, refusing more than `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function writeAnswer(response: ServerResponse, answer: SandboxAnswer): void {
  const headers: Record<string, string> = { 'x-request-id': randomUUID(), ...answer.headers };
  let payload = '';
  if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  response.writeHead(answer.status, headers).end(payload);
}

/** The credentials of an `Authorization: <scheme> <credentials>` header, if it has that scheme. */
export function credentialsOf(request: SandboxRequest, scheme: 'Bearer' | 'Basic'): string | undefined {
  const value = request.headers['authorization'];
  if (typeof value !== 'string') return undefined;
  const [given, credentials] = value.split(' ', 2);
  return given?.toLowerCase() === scheme.toLowerCase() && credentials ? credentials : undefined;
}
