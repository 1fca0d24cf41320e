/**
 * Bounded answers (issue 12, point 4): a body is counted as it arrives, up to
 * `maxResponseBytes` (default 1 MiB); past it the connection is dropped and the call
 * fails with a ResponseTooLargeError, once, not retried.
 */
import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApiClient, ResponseTooLargeError, type ApiClientOptions } from '../src/index';
import { serveRaw, type LooseClient, type Paths } from './support/runtime-harness';

const MiB = 1_048_576;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

/** Streams up to `total` bytes (chunked, no Content-Length), respecting backpressure; counts what it wrote. */
function streamer(status: number, total: number) {
  const written = { bytes: 0, requests: 0, closed: false };
  const handle = (_recorded: unknown, _req: unknown, res: ServerResponse) => {
    written.requests++;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.on('close', () => (written.closed = true));
    const pump = () => {
      while (written.bytes < total && !res.destroyed) {
        written.bytes += CHUNK.byteLength;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
  return { written, handle };
}

/** A fetch that counts the body bytes the client actually read. */
function countingBodies() {
  const read = { bytes: 0 };
  const fetchCounting: ApiClientOptions['fetch'] = async (request, init) => {
    const response = await fetch(request, init);
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body!.pipeThrough(counter), { status: response.status, headers: response.headers });
  };
  return { read, fetch: fetchCounting };
}

function client(baseUrl: string, options: Partial<ApiClientOptions> = {}): LooseClient {
  return createApiClient<Paths>({ provider: 'example', baseUrl, retryTiming: { initialDelayMs: 1, maxDelayMs: 1 }, ...options }) as unknown as LooseClient;
}

describe('maxResponseBytes', () => {
  it('stops a 200 MB answer near the default 1 MiB: ResponseTooLargeError, one request, the bytes read near the limit', async () => {
    const { written, handle } = streamer(200, 200 * MiB);
    const server = await serveRaw(handle);
    const { read, fetch } = countingBodies();
    const error = await client(server.url, { fetch }).GET('/huge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ status: 200, maxResponseBytes: MiB });
    expect(read.bytes).toBeGreaterThan(MiB);
    expect(read.bytes).toBeLessThan(MiB + 4 * CHUNK.byteLength);
    await expect.poll(() => written.closed).toBe(true);
    // Socket buffers hold a few MB at most: the server was stopped far from 200 MB.
    expect(written.bytes).toBeLessThan(32 * MiB);
    expect(written.requests).toBe(1);
  });

  it('a retried 503 is retried for its status with its body unread; the too-large read itself is not retried', async () => {
    const { written, handle } = streamer(503, 200 * MiB);
    const server = await serveRaw(handle);
    const { read, fetch } = countingBodies();
    const limit = 256 * 1024;
    const error = await client(server.url, { fetch, maxResponseBytes: limit }).GET('/huge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(written.requests).toBe(3); // maxRetries 2: the status is retried, as any 503 to a GET
    // Every attempt together read about one limit's worth: retried answers are cancelled, not read.
    expect(read.bytes).toBeLessThan(limit + 3 * 4 * CHUNK.byteLength);
  });

  it('refuses at once an answer whose Content-Length is over the limit', async () => {
    let requests = 0;
    const server = await serveRaw((_recorded, _req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MiB) });
      res.write(CHUNK);
    });
    const error = await client(server.url).GET('/declared').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(requests).toBe(1);
  });

  it.each(['gzip', 'br', 'deflate'])('counts a %s answer as decoded, not by its Content-Length: a small bomb that decodes past the limit is refused', async (encoding) => {
    const decoded = Buffer.alloc(64 * MiB, ' ');
    const encoded = encoding === 'gzip' ? gzipSync(decoded) : encoding === 'br' ? brotliCompressSync(decoded) : deflateSync(decoded);
    expect(encoded.byteLength).toBeLessThan(MiB); // its Content-Length is within the limit
    const server = await serveRaw((_recorded, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': String(encoded.byteLength) }).end(encoded);
    });
    const { read, fetch } = countingBodies();
    const error = await client(server.url, { fetch }).GET('/bomb').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(read.bytes).toBeLessThan(2 * MiB);
  });

  it('reads a compressed answer within the limit, decoded', async () => {
    const body = JSON.stringify({ data: 'y'.repeat(100_000) });
    const server = await serveRaw((_recorded, _req, res) => {
      const encoded = gzipSync(body);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(encoded.byteLength) }).end(encoded);
    });
    const { data } = await client(server.url, { maxResponseBytes: body.length }).GET('/small');
    expect((data as { data: string }).data).toHaveLength(100_000);
  });

  it('reads an answer up to the limit whole, chunked or not', async () => {
    const body = JSON.stringify({ data: 'x'.repeat(200_000) });
    const server = await serveRaw((_recorded, _req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < body.length; i += 50_000) res.write(body.slice(i, i + 50_000));
      res.end();
    });
    const { data } = await client(server.url, { maxResponseBytes: body.length }).GET('/fits');
    expect((data as { data: string }).data).toHaveLength(200_000);
  });

  it('is a whole number of at least 1', () => {
    expect(() => client('http://127.0.0.1:1', { maxResponseBytes: 0 })).toThrow(/maxResponseBytes/);
  });
});
