/** How a token becomes the plain text a store keeps, and back. */

/** Turns a token into text (JSON-safe, for any store) and back. */
export interface TokenCodec<T> {
  encode(token: T): string;
  /** Throws when `text` is not a token (the cache then treats the record as missing). */
  decode(text: string): T;
}

/**
 * The default: JSON, with `expiresAt` as epoch ms and turned back into a `Date`.
 * Every other JSON-safe field (a refresh token in `raw`, say) survives as it is.
 */
export function jsonTokenCodec<T extends { readonly expiresAt: Date }>(): TokenCodec<T> {
  return {
    encode: (token) => JSON.stringify({ ...token, expiresAt: token.expiresAt.getTime() }),
    decode(text) {
      const data = JSON.parse(text) as Record<string, unknown>;
      if (data === null || typeof data !== 'object' || typeof data['expiresAt'] !== 'number') throw new TypeError('not a token record');
      return { ...data, expiresAt: new Date(data['expiresAt']) } as unknown as T;
    },
  };
}

/**
 * A new record id: random, so that processes sharing a store never pick the same one.
 * Not a secret (it only tells records apart), so where `crypto.randomUUID` is missing
 * (an old runtime, an insecure browser context) the time and `Math.random` do.
 */
export const newRecordId = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
