/**
 * The access token's default key in a shared store: the base URL and the account, the
 * account by a SHA-256 fingerprint of the login key (redaction counts the key as a
 * secret, so the key itself never goes into a store), never the secret.
 */
import { PROVIDER } from './issued-token';

export async function accessTokenStoreKey(baseUrl: string, loginKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(loginKey)));
  // 128 bits tell accounts apart; the rest would only lengthen the key.
  const fingerprint = Array.from(digest.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${PROVIDER}:${baseUrl}:${fingerprint}`;
}
