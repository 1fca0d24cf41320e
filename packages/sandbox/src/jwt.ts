/** JSON Web Tokens as the providers issue them, signed with the sandbox's own keys. */
import { createHmac, createPublicKey, generateKeyPairSync, sign, timingSafeEqual, type KeyObject } from 'node:crypto';

export type Claims = Record<string, unknown>;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export interface JwtKeys {
  /** For HS384 tokens (OneSpan). */
  readonly hmacSecret: Buffer;
  /** For RS512 tokens (TransactionLink). */
  readonly rsaPrivateKey: KeyObject;
  readonly rsaPublicKey: KeyObject;
}

export function createJwtKeys(hmacSecret: Buffer): JwtKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { hmacSecret, rsaPrivateKey: privateKey, rsaPublicKey: createPublicKey(privateKey) };
}

export function signJwt(claims: Claims, alg: 'HS384' | 'RS512', keys: JwtKeys): string {
  const input = `${base64url(JSON.stringify({ alg, typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  const signature =
    alg === 'HS384' ? createHmac('sha384', keys.hmacSecret).update(input).digest() : sign('sha512', Buffer.from(input), keys.rsaPrivateKey);
  return `${input}.${base64url(signature)}`;
}

/** The claims of an HS384 token signed with our key and not expired, or undefined. */
export function verifyHs384(token: string, keys: JwtKeys, nowMs: number): Claims | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  const expected = createHmac('sha384', keys.hmacSecret).update(`${header}.${payload}`).digest();
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    return typeof claims['exp'] === 'number' && claims['exp'] * 1000 <= nowMs ? undefined : claims;
  } catch {
    return undefined;
  }
}
