/** Finpay's request signature: HMAC-SHA256 over the sorted field values, keyed with the secret key's hex text. */
import { toHex, utf8 } from './bytes';
import { hmacSha256 } from './sha256';
import { checkKeyHexCase, checkRequired, failOn, issueUnless } from './validate';

/** Whether the secret key's hex text (the HMAC key) is written with upper- or lowercase digits. */
export type KeyHexCase = 'upper' | 'lower';

export interface SignOptions {
  /** Default `upper`: three public implementations use uppercase, one lowercase; Finpay does not say. */
  keyHexCase?: KeyHexCase;
}

/**
 * The `signature` of a Finpay request body: every field but `signature`, sorted
 * by name (code-unit order, so `Z` before `a`), their values joined with
 * nothing between, HMAC-SHA256 with the hex text of the secret key's UTF-8
 * bytes as the key; 64 uppercase hex digits. Synchronous; throws a
 * `ValidationError` for a missing secret key, a bad `keyHexCase` or a field
 * that is not a string.
 */
export function signFinpayRequest(fields: Record<string, string>, secretKey: string, options: SignOptions = {}): string {
  const names = Object.keys(fields ?? {}).filter((name) => name !== 'signature');
  failOn([
    ...names.flatMap((name) => issueUnless(typeof fields[name] === 'string', `fields.${name}`, 'must be a string')),
    ...checkRequired(secretKey, 'secretKey'),
    ...checkKeyHexCase(options.keyHexCase),
  ]);
  const key = toHex(utf8(secretKey));
  const message = names
    .sort()
    .map((name) => fields[name])
    .join('');
  return toHex(hmacSha256(utf8(options.keyHexCase === 'lower' ? key.toLowerCase() : key), utf8(message)));
}
