/**
 * Allocation of a scarce release (not first-click): after the request window closes, the slot's places
 * go either by a published rank or by a seeded lottery that anyone can re-run from the published seed.
 * Pure and synchronous (its own SHA-256), so the office, a citizen's browser or an auditor's script get
 * the same winners from the same inputs.
 *
 * The lottery, exactly:
 * 1. The request keys (the requests' ids) are sorted by UTF-16 code units (`Array.prototype.sort`), so
 *    the order the office stored them in does not matter. Duplicates are refused.
 * 2. The random stream is SHA-256 in counter mode over the seed: block k = SHA-256(UTF-8(`${seed}:${k}`)),
 *    k = 0, 1, 2…; the blocks are read as consecutive unsigned 32-bit big-endian words.
 * 3. `randomBelow(m)` takes words until one is below `m · ⌊2³² / m⌋` (rejection, no modulo bias) and
 *    returns it mod m.
 * 4. Fisher–Yates: for i = n−1 down to 1, j = randomBelow(i + 1), swap positions i and j.
 * 5. The winners are the first min(capacity, n) keys of the shuffled list, in that order.
 *
 * Commit-reveal: the seed's SHA-256 (`seedCommitment`) is published when the release opens, before any
 * request; the seed itself is revealed at the draw. Anyone checks sha256(seed) = commitment and re-runs
 * `drawLottery`; the office cannot pick a favourable seed after seeing the requests.
 *
 * `resultDigest` is the SHA-256 of the canonical JSON of method, seed, capacity, sorted keys and
 * winners: the published result hash.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** SHA-256 of bytes (FIPS 180-4). */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  const bitLen = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x1_0000_0000));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25);
      const ch = (e! & f!) ^ (~e! & g!);
      const t1 = (hh! + S1 + ch + K[i]! + w[i]!) >>> 0;
      const S0 = rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22);
      const maj = (a! & b!) ^ (a! & c!) ^ (b! & c!);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d! + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = h[0]! + a!;
    h[1] = h[1]! + b!;
    h[2] = h[2]! + c!;
    h[3] = h[3]! + d!;
    h[4] = h[4]! + e!;
    h[5] = h[5]! + f!;
    h[6] = h[6]! + g!;
    h[7] = h[7]! + hh!;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]!);
  return out;
}

/** UTF-8 bytes of a string (lone surrogates as U+FFFD, like TextEncoder). */
function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}
const utf8 = { encode: utf8Encode };
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** SHA-256 of a string's UTF-8 bytes, lowercase hex. */
export const sha256Hex = (s: string): string => hex(sha256Bytes(utf8.encode(s)));

/** What is published when the release opens: the seed's SHA-256. */
export const seedCommitment = (seed: string): string => sha256Hex(seed);

/** True when the revealed seed is the committed one. */
export const seedMatches = (seed: string, commitment: string): boolean =>
  seedCommitment(seed) === commitment.toLowerCase();

/** The deterministic stream of the seed: SHA-256 counter mode, read as uint32 words (see above). */
export function seededRandom(seed: string): { nextUint32(): number; randomBelow(m: number): number } {
  let counter = 0;
  let block: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const nextUint32 = (): number => {
    if (pos >= block.length) {
      block = sha256Bytes(utf8.encode(`${seed}:${counter++}`));
      pos = 0;
    }
    const v =
      ((block[pos]! << 24) | (block[pos + 1]! << 16) | (block[pos + 2]! << 8) | block[pos + 3]!) >>> 0;
    pos += 4;
    return v;
  };
  const randomBelow = (m: number): number => {
    if (!Number.isInteger(m) || m < 1 || m > 0x1_0000_0000) throw new RangeError(`bad bound ${m}`);
    const limit = Math.floor(0x1_0000_0000 / m) * m;
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % m;
    }
  };
  return { nextUint32, randomBelow };
}

/** The keys in canonical order (UTF-16 code units); a duplicate is an error. */
export function canonicalKeys(keys: readonly string[]): string[] {
  const sorted = [...keys].sort();
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i] === sorted[i - 1]) throw new Error(`duplicate request key ${sorted[i]}`);
  return sorted;
}

export interface AllocationResult {
  method: 'lottery' | 'rank';
  /** The winners' keys, in allocation order. */
  winners: string[];
  /** Every request key, canonical order (lottery) or rank order (rank). */
  order: string[];
  resultSha256: string;
}

/** The published result hash: SHA-256 of the canonical JSON of the inputs and the winners. */
export const resultDigest = (r: {
  method: 'lottery' | 'rank';
  seed: string;
  capacity: number;
  keys: readonly string[];
  winners: readonly string[];
}): string =>
  sha256Hex(
    JSON.stringify({
      method: r.method,
      seed: r.seed,
      capacity: r.capacity,
      keys: r.keys,
      winners: r.winners,
    }),
  );

/** The seeded lottery: Fisher–Yates over the canonically sorted keys, winners = the first `capacity`. */
export function drawLottery(
  seed: string,
  requestKeys: readonly string[],
  capacity: number,
): AllocationResult {
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`bad capacity ${capacity}`);
  const keys = canonicalKeys(requestKeys);
  const a = [...keys];
  const rnd = seededRandom(seed);
  for (let i = a.length - 1; i >= 1; i--) {
    const j = rnd.randomBelow(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  const winners = a.slice(0, Math.min(capacity, a.length));
  return {
    method: 'lottery',
    winners,
    order: keys,
    resultSha256: resultDigest({ method: 'lottery', seed, capacity, keys, winners }),
  };
}

/**
 * Rank allocation: ascending published rank key (e.g. the acceptance time, ISO-8601), the request key
 * breaking ties; winners = the first `capacity`. A request without a rank key ranks last.
 */
export function rankAllocation(
  requests: readonly { key: string; rankKey: string | null }[],
  capacity: number,
): AllocationResult {
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`bad capacity ${capacity}`);
  canonicalKeys(requests.map((r) => r.key));
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const ordered = [...requests].sort((x, y) => {
    if (x.rankKey === y.rankKey) return cmp(x.key, y.key);
    if (x.rankKey === null) return 1;
    if (y.rankKey === null) return -1;
    return cmp(x.rankKey, y.rankKey) || cmp(x.key, y.key);
  });
  const order = ordered.map((r) => r.key);
  const winners = order.slice(0, Math.min(capacity, order.length));
  return {
    method: 'rank',
    winners,
    order,
    resultSha256: resultDigest({ method: 'rank', seed: '', capacity, keys: order, winners }),
  };
}
