/**
 * Encryption at rest for tokens in a shared store: AES-256-GCM through WebCrypto, a
 * random 96-bit IV per record, and the store key as additional data, so a record
 * copied under another key (another account's) does not decrypt.
 */

/** A 32-byte AES key: raw bytes, their base64 text, or a WebCrypto AES-GCM key. */
export type TokenEncryptionKey = Uint8Array | string | CryptoKey;

export interface TokenCipher {
  encrypt(text: string, key: string): Promise<string>;
  /** Throws when the record was not encrypted with this key under this store key. */
  decrypt(value: string, key: string): Promise<string>;
}

const IV_BYTES = 12;

/** Undefined when `key` is not one of the accepted forms (the message must not show it). */
export function keyBytes(key: TokenEncryptionKey): Uint8Array<ArrayBuffer> | CryptoKey | undefined {
  if (typeof key === 'string') {
    try {
      key = fromBase64(key);
    } catch {
      return undefined;
    }
  }
  // A copy: the caller's bytes may change or be zeroed later.
  if (key instanceof Uint8Array) return key.length === 32 ? new Uint8Array(key) : undefined;
  return typeof CryptoKey !== 'undefined' && key instanceof CryptoKey ? key : undefined;
}

export function createTokenCipher(key: Uint8Array<ArrayBuffer> | CryptoKey): TokenCipher {
  // Imported once, on first use: importKey is asynchronous and the cache is created synchronously.
  let imported: Promise<CryptoKey> | undefined;
  const cryptoKey = () =>
    (imported ??= key instanceof Uint8Array ? crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt']) : Promise.resolve(key));
  const encoder = new TextEncoder();
  return {
    async encrypt(text, storeKey) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(storeKey) }, await cryptoKey(), encoder.encode(text));
      const bytes = new Uint8Array(IV_BYTES + sealed.byteLength);
      bytes.set(iv);
      bytes.set(new Uint8Array(sealed), IV_BYTES);
      return toBase64(bytes);
    },
    async decrypt(value, storeKey) {
      const bytes = fromBase64(value);
      const iv = bytes.subarray(0, IV_BYTES);
      const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(storeKey) }, await cryptoKey(), bytes.subarray(IV_BYTES));
      return new TextDecoder().decode(opened);
    },
  };
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}
