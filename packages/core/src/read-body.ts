/**
 * Reads a body as text, counting bytes as they arrive: past `limit` the stream is
 * cancelled (the connection dropped) and `undefined` returned, so that no answer,
 * however large, is buffered whole.
 */
const decoder = new TextDecoder();

export async function readBounded(response: Response, limit: number): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const { body } = response;
  if (declared > limit) {
    void body?.cancel().catch(() => {});
    return undefined;
  }
  // A declared length within the limit is held to by fetch itself.
  if (!body || declared >= 0) return response.text();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) all.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
  return decoder.decode(all);
}
