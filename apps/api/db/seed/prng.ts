/**
 * Deterministic randomness for the demo city: a mulberry32 stream per generator pass, seeds derived from
 * (seed, label), and v4-shaped UUIDs that are a pure, collision-free function of (seed, table, index).
 * No Math.random anywhere in the generator: the same seed (and the same "today") gives the same rows.
 */

/** MurmurHash3's 32-bit finalizer: a bijection on uint32 with good avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a label, mixed with a seed: independent sub-seeds for independent streams. */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ fmix32(seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h >>> 0);
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: next uint32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** `n` characters drawn from `alphabet`. */
  chars(alphabet: string, n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.float() * alphabet.length)];
    return out;
  }

  digits(n: number): string {
    return this.chars('0123456789', n);
  }
}

/** A weighted choice table, built once and sampled in O(log n). */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    const live = entries.filter(([, w]) => w > 0);
    if (live.length === 0) throw new RangeError('Weighted needs at least one positive weight');
    this.items = live.map(([item]) => item);
    this.cumulative = new Float64Array(live.length);
    let sum = 0;
    live.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  sample(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (w: number): string =>
  HEX[w >>> 24]! + HEX[(w >>> 16) & 0xff]! + HEX[(w >>> 8) & 0xff]! + HEX[w & 0xff]!;

/** Table tags for demoUuid: each table has its own id space. */
export const UUID_TAG = {
  office: 1,
  user: 2,
  apiToken: 3,
  person: 4,
  licence: 5,
  vehicle: 6,
  violation: 7,
} as const;

/**
 * A v4-shaped UUID that is a pure function of (seed, tag, index). The first 32 bits are a bijection of
 * `index` (for a fixed seed and tag), so ids never collide within a table for index < 2^32; the other bits
 * are hash-derived. Version nibble 4 and the RFC 4122 variant are set.
 */
export function demoUuid(seed: number, tag: number, index: number): string {
  const key = fmix32((seed ^ Math.imul(tag, 0x9e3779b9)) >>> 0);
  const w0 = fmix32((index ^ key) >>> 0);
  const w1 = fmix32((w0 ^ Math.imul(key, 0x27d4eb2d)) >>> 0);
  const w2 = fmix32((w1 + 0x6a09e667 + index) >>> 0);
  const w3 = fmix32((w2 ^ 0xbb67ae85 ^ key) >>> 0);
  const v = ((w1 & 0xffff0fff) | 0x00004000) >>> 0;
  const r = ((w2 & 0x3fffffff) | 0x80000000) >>> 0;
  const h1 = hex32(v);
  const h2 = hex32(r);
  return `${hex32(w0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex32(w3)}`;
}
