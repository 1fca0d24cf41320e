/**
 * Reads a JWT's header and claims. Decoding only: the session token is signed with
 * HS384 and OneSpan's own secret, so its signature cannot be checked client-side.
 */

type Json = Record<string, unknown>;

/** A base64url segment (URL-safe alphabet, padding optional) as JSON. */
function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The header and claims of a compact JWS (`header.claims.signature`), or undefined when `token` is not one. */
export function decodeJwt(token: string): { header: Json; claims: Json } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = decodeSegment(parts[0]!);
    const claims = decodeSegment(parts[1]!);
    return isObject(header) && isObject(claims) ? { header, claims } : undefined;
  } catch {
    return undefined;
  }
}
