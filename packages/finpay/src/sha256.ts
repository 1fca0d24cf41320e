/**
 * SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104) in plain TypeScript: synchronous
 * and the same on every runtime with a global fetch (Web Crypto's HMAC is async
 * only, node:crypto is Node only).
 */

type State = [number, number, number, number, number, number, number, number];

let tables: [rounds: number[], initial: State] | undefined;

/**
 * The first 32 bits of the fractional part of the `degree`-th root of `prime`,
 * as FIPS 180-4 defines the constants. Integer roots with BigInt, so no engine's
 * floating-point rounding can change a bit.
 */
function fractionBits(prime: number, degree: number): number {
  const target = BigInt(prime) << BigInt(32 * degree);
  const power = BigInt(degree);
  let root = BigInt(Math.floor(prime ** (1 / degree) * 2 ** 32));
  while (root ** power > target) root--;
  while ((root + 1n) ** power <= target) root++;
  return Number(root & 0xffffffffn);
}

/** Computed on first use rather than spelled out: 64 + 8 constants cost more bytes than this. */
function constants(): [number[], State] {
  if (!tables) {
    const primes: number[] = [];
    for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p)) primes.push(n);
    tables = [primes.map((p) => fractionBits(p, 3)), primes.slice(0, 8).map((p) => fractionBits(p, 2)) as State];
  }
  return tables;
}

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

export function sha256(data: Uint8Array): Uint8Array {
  const [rounds, initial] = constants();
  // The message, a 1 bit, zeros, and its length in bits as 64 bits: a multiple of 64 bytes.
  const padded = new Uint8Array(((data.length + 72) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, (data.length * 8) / 2 ** 32);
  view.setUint32(padded.length - 4, data.length * 8);
  const hash = initial.slice() as State;
  const w: number[] = [];
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 64; i++) {
      const [a, b] = [w[i - 15]!, w[i - 2]!];
      w[i] =
        i < 16
          ? view.getUint32(offset + 4 * i)
          : ((rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + w[i - 16]! + (rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)) + w[i - 7]!) | 0;
    }
    let s = hash.slice() as State;
    for (let i = 0; i < 64; i++) {
      const [a, b, c, d, e, f, g, h] = s;
      const t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + rounds[i]! + w[i]!;
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      s = [(t1 + t2) | 0, a, b, c, (d + t1) | 0, e, f, g];
    }
    hash.forEach((value, i) => (hash[i] = (value + s[i]!) | 0));
  }
  const digest = new Uint8Array(32);
  hash.forEach((value, i) => new DataView(digest.buffer).setUint32(4 * i, value));
  return digest;
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const padded = (pad: number, tail: Uint8Array) => {
    const bytes = new Uint8Array(64 + tail.length);
    bytes.set(block.map((byte) => byte ^ pad));
    bytes.set(tail, 64);
    return bytes;
  };
  return sha256(padded(0x5c, sha256(padded(0x36, message))));
}
