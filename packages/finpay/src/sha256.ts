/**
 * SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104) in plain TypeScript: synchronous
 * and the same on every runtime with a global fetch (Web Crypto's HMAC is async
 * only, node:crypto is Node only).
 */

/** The 64 round constants, then the 8 words of the initial hash. */
let constants: number[] | undefined;

/**
 * FIPS 180-4's constants: the first 32 bits of the fractional parts of the cube roots
 * of the first 64 primes, then of the square roots of the first 8. Computed rather
 * than spelled out (72 numbers cost more bytes than this). Floating point is exact
 * enough: every such fraction times 2^32 is at least 0.005 away from a whole number,
 * so a root would have to be off by over 1,000 ulps (no engine's `**` is) to change
 * a bit.
 */
function computeConstants(): number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p)) primes.push(n);
  const roots = [...primes.map((p) => p ** (1 / 3)), ...primes.slice(0, 8).map((p) => p ** 0.5)];
  return roots.map((root) => ((root % 1) * 2 ** 32) | 0);
}

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

export function sha256(data: Uint8Array): Uint8Array {
  const k = (constants ??= computeConstants());
  const bits = data.length * 8;
  // The message as big-endian words, a 1 bit, zeros, and its length in bits as 64 bits
  // (Int32Array keeps the low 32 bits of each half): a multiple of 16 words (64 bytes).
  const words = new Int32Array(((data.length + 72) >> 6) << 4);
  const put = (byte: number, i: number) => (words[i >> 2]! |= byte << (24 - (i % 4) * 8));
  data.forEach(put);
  put(0x80, data.length);
  words.set([bits / 2 ** 32, bits], words.length - 2);
  const hash = k.slice(64);
  // The message schedule, each word computed in the round that first needs it.
  const w: number[] = [];
  for (let offset = 0; offset < words.length; offset += 16) {
    // Plain variables, not an array rebuilt every round: smaller and faster.
    let [a, b, c, d, e, f, g, h] = hash as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      w[i] =
        i < 16
          ? words[offset + i]!
          : ((rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[i - 16]! + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10)) + w[i - 7]!) | 0;
      const t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i]! + w[i]!;
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, h].forEach((value, i) => (hash[i] = (hash[i]! + value) | 0));
  }
  return new Uint8Array(hash.flatMap((value) => [value >>> 24, value >>> 16, value >>> 8, value]));
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const padded = (pad: number, tail: Uint8Array) => new Uint8Array([...block.map((byte) => byte ^ pad), ...tail]);
  return sha256(padded(0x5c, sha256(padded(0x36, message))));
}
