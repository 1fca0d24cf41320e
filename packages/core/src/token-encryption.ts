/**
 * Encryption at rest for tokens in a shared store, as a store wrapper so that an app
 * without it bundles none of it: AES-256-GCM through WebCrypto, a random 96-bit IV per
 * record, and the store key as additional data, so a record copied under another key
 * (another account's) does not decrypt.
 */
import { ValidationError } from './errors';
import type { TokenStore } from './token-store';

/** A 32-byte AES key: raw bytes, their base64 text, or a WebCrypto AES-GCM key. */
export type TokenEncryptionKey = Uint8Array | string | CryptoKey;

const IV_BYTES = 12;

/** Undefined when `key` is not one of the accepted forms (the message must not show it). */
function keyBytes(key: TokenEncryptionKey): Uint8Array<ArrayBuffer> | CryptoKey | undefined {
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

/**
 * `store`, holding every token it is given as AES-256-GCM ciphertext under `encryptionKey`
 * (the same in every process). Tokens are credentials: use it for every store other
 * processes can read. A record that does not decrypt (another key) is logged as `decode`
 * and replaced. Throws a `ValidationError` (which does not show the key) for a bad key.
 */
export function encryptedTokenStore(store: TokenStore, encryptionKey: TokenEncryptionKey): TokenStore {
  const key = keyBytes(encryptionKey);
  if (!key) throw new ValidationError('tokens', [{ path: 'encryptionKey', message: 'must be 32 bytes, their base64 text, or an AES-GCM CryptoKey' }]);
  // Imported once, on first use: importKey is asynchronous and the wrapper is made synchronously.
  let imported: Promise<CryptoKey> | undefined;
  const encoder = new TextEncoder();
  const run = async (op: 'encrypt' | 'decrypt', iv: Uint8Array<ArrayBuffer>, storeKey: string, data: Uint8Array<ArrayBuffer>) =>
    new Uint8Array(
      await crypto.subtle[op](
        { name: 'AES-GCM', iv, additionalData: encoder.encode(storeKey) },
        await (imported ??= key instanceof Uint8Array ? crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt']) : Promise.resolve(key)),
        data,
      ),
    );
  return {
    get: (storeKey) => store.get(storeKey),
    set: (storeKey, record, ttlMs) => store.set(storeKey, record, ttlMs),
    delete: (storeKey) => store.delete(storeKey),
    ...(store.withLock && { withLock: (storeKey, fn, options) => store.withLock!(storeKey, fn, options) }),
    ...(store.watch && { watch: (storeKey, listener) => store.watch!(storeKey, listener) }),
    async seal(text, storeKey) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await run('encrypt', iv, storeKey, encoder.encode(text));
      let binary = '';
      for (const byte of [...iv, ...sealed]) binary += String.fromCharCode(byte);
      return btoa(binary);
    },
    async open(value, storeKey) {
      const bytes = fromBase64(value);
      return new TextDecoder().decode(await run('decrypt', bytes.slice(0, IV_BYTES), storeKey, bytes.slice(IV_BYTES)));
    },
  };
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
