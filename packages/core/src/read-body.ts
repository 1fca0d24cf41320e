/**
 * Reads a body as text, counting bytes as they arrive: past `limit` the stream is
 * cancelled (the connection dropped) and `undefined` returned, so that no answer,
 * however large, is buffered whole.
 */
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
  // One chunk (a small answer) is decoded whole by the shared decoder; a decoder of its own only when a second arrives.
  let first: Uint8Array | undefined;
  let decoder: TextDecoder | undefined;
  let text = '';
  for (let size = 0; ; ) {
    const { done, value } = await reader.read();
    if (done) return decoder ? text + decoder.decode() : first ? whole.decode(first) : '';
    if ((size += value.byteLength) > limit) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    if (!first) first = value;
    else {
      if (!decoder) text = (decoder = new TextDecoder()).decode(first, { stream: true });
      text += decoder.decode(value, { stream: true });
    }
  }
}

const whole = new TextDecoder();
