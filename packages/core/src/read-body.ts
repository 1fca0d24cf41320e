/**
 * Reads a body as text, counting bytes as they arrive: past `limit` the stream is
 * cancelled (the connection dropped) and `undefined` returned, so that no answer,
 * however large, is buffered whole.
 */
export async function readBounded(response: Response, limit: number): Promise<string | undefined> {
  // A compressed body's Content-Length counts what came over the wire, not what fetch decodes: a small bomb decodes to gigabytes.
  const declared = response.headers.has('content-encoding') ? NaN : Number(response.headers.get('content-length') ?? NaN);
  const { body } = response;
  if (declared > limit) {
    void body?.cancel().catch(() => {});
    return undefined;
  }
  // A declared length within the limit is held to by fetch itself.
  if (!body || declared >= 0) return response.text();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  for (let size = 0; ; ) {
    const { done, value } = await reader.read();
    // Decoded once, whole: a streaming decode (`stream: true`) takes Node's slow ICU path, a whole one its fast UTF-8 path.
    if (done) return utf8.decode(chunks.length === 1 ? chunks[0] : joined(chunks, size));
    if ((size += value.byteLength) > limit) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
}

const utf8 = new TextDecoder();

function joined(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
