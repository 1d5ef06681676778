import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalKeys,
  drawLottery,
  rankAllocation,
  resultDigest,
  seedCommitment,
  seededRandom,
  seedMatches,
  sha256Hex,
} from './lottery.ts';

const keys = (n: number) => Array.from({ length: n }, (_, i) => `req-${String(i).padStart(4, '0')}`);

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    // Multi-byte UTF-8 and the padding boundaries (55, 56, 64, 119 bytes); digests from node:crypto.
    ['日本語🚗 测试', '1bfb71313f56c8e4b79c75c1ca143c666e4c333f6f25c396bf582ef26c180ae9'],
    ['a'.repeat(55), '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'],
    ['a'.repeat(56), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
    ['a'.repeat(64), 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'],
    ['a'.repeat(119), '31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb'],
  ])('%j → %s', (input, digest) => expect(sha256Hex(input)).toBe(digest));
});

describe('seed commitment', () => {
  it('is sha256(seed), and only the committed seed matches', () => {
    expect(seedCommitment('s3cret')).toBe('1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0');
    expect(seedMatches('s3cret', seedCommitment('s3cret'))).toBe(true);
    expect(seedMatches('s3cret', seedCommitment('s3cret').toUpperCase())).toBe(true);
    expect(seedMatches('other', seedCommitment('s3cret'))).toBe(false);
  });
});

describe('seededRandom', () => {
  it('reads SHA-256(seed:0), SHA-256(seed:1)… as big-endian uint32 words', () => {
    const r = seededRandom('seed');
    const block0 = '58f9082db66a15d660a3f65e1e2f12c31e4409635a583a6eaf0ba45c744b6688'; // sha256('seed:0')
    const block1 = '81e4ba3bc2097d85ac4734eb3ad794fd4a2980b2e0b22569418e60e5550b4c32'; // sha256('seed:1')
    const words = Array.from({ length: 9 }, () => r.nextUint32());
    expect(words.slice(0, 8)).toEqual(
      Array.from({ length: 8 }, (_, i) => Number.parseInt(block0.slice(i * 8, i * 8 + 8), 16)),
    );
    expect(words[8]).toBe(Number.parseInt(block1.slice(0, 8), 16));
  });
  it.each([1, 2, 3, 7, 1000, 2 ** 31 + 1])('randomBelow(%i) stays in range', (m) => {
    const r = seededRandom(`bound-${m}`);
    for (let i = 0; i < 200; i++) {
      const v = r.randomBelow(m);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(m);
    }
  });
  it.each([0, -1, 1.5, 2 ** 32 + 1])('randomBelow(%d) is refused', (m) =>
    expect(() => seededRandom('x').randomBelow(m)).toThrow(RangeError),
  );
});

describe('drawLottery', () => {
  const table: { seed: string; n: number; capacity: number; winners: number }[] = [
    { seed: 'a', n: 0, capacity: 5, winners: 0 },
    { seed: 'a', n: 1, capacity: 5, winners: 1 },
    { seed: 'a', n: 5, capacity: 5, winners: 5 },
    { seed: 'a', n: 10, capacity: 3, winners: 3 },
    { seed: 'b', n: 100, capacity: 50, winners: 50 },
    { seed: 'b', n: 100, capacity: 0, winners: 0 },
  ];
  it.each(table)(
    'seed $seed, $n requests, capacity $capacity → $winners winners',
    ({ seed, n, capacity, winners }) => {
      const r = drawLottery(seed, keys(n), capacity);
      expect(r.winners).toHaveLength(winners);
      expect(r.order).toEqual(keys(n));
      expect(r.resultSha256).toBe(
        resultDigest({ method: 'lottery', seed, capacity, keys: keys(n), winners: r.winners }),
      );
    },
  );

  it('does not depend on the order the requests are given in', () => {
    const k = keys(40);
    expect(drawLottery('x', [...k].reverse(), 7)).toEqual(drawLottery('x', k, 7));
  });

  it('a different seed gives a different result', () =>
    expect(drawLottery('x', keys(40), 7).winners).not.toEqual(drawLottery('y', keys(40), 7).winners));

  it('refuses duplicates and a bad capacity', () => {
    expect(() => drawLottery('x', ['a', 'b', 'a'], 1)).toThrow(/duplicate/);
    expect(() => drawLottery('x', ['a'], -1)).toThrow(RangeError);
    expect(() => canonicalKeys(['b', 'a'])).not.toThrow();
  });

  it('is pinned: a known seed gives known winners (the published algorithm does not drift)', () => {
    // Re-derived by hand from the definition: Fisher–Yates over ['a','b','c','d'] with SHA-256 counter mode.
    const r = seededRandom('pin');
    const a = ['a', 'b', 'c', 'd'];
    for (let i = 3; i >= 1; i--) {
      const j = r.randomBelow(i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    expect(drawLottery('pin', ['d', 'c', 'b', 'a'], 2).winners).toEqual(a.slice(0, 2));
  });

  const keysArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 60 });
  it('property: same seed → same result; winners ⊆ requests; |winners| = min(capacity, n); no duplicates', () =>
    fc.assert(
      fc.property(fc.string(), keysArb, fc.nat(80), (seed, ks, capacity) => {
        const r1 = drawLottery(seed, ks, capacity);
        const r2 = drawLottery(seed, [...ks].reverse(), capacity);
        expect(r2).toEqual(r1);
        expect(r1.winners).toHaveLength(Math.min(capacity, ks.length));
        expect(new Set(r1.winners).size).toBe(r1.winners.length);
        for (const w of r1.winners) expect(ks).toContain(w);
      }),
    ));

  it('is roughly uniform over many seeds: each of 10 requests wins 1 of 3 places ≈ 30 % of the time', () => {
    const k = keys(10);
    const wins = new Map<string, number>(k.map((x) => [x, 0]));
    const draws = 4000;
    for (let s = 0; s < draws; s++)
      for (const w of drawLottery(`seed-${s}`, k, 3).winners) wins.set(w, wins.get(w)! + 1);
    // Expected 1,200 each; binomial σ ≈ 29, so ±150 is > 5σ.
    for (const count of wins.values()) expect(Math.abs(count - 1200)).toBeLessThan(150);
    // And the first place is uniform too (a biased shuffle shows up here first).
    const first = new Map<string, number>();
    for (let s = 0; s < draws; s++) {
      const w = drawLottery(`first-${s}`, k, 1).winners[0]!;
      first.set(w, (first.get(w) ?? 0) + 1);
    }
    const chi2 = k.reduce((acc, x) => acc + ((first.get(x) ?? 0) - 400) ** 2 / 400, 0);
    expect(chi2).toBeLessThan(27.9); // χ², 9 degrees of freedom, p = 0.001
  });
});

describe('rankAllocation', () => {
  it.each([
    {
      name: 'earliest rank key wins',
      reqs: [
        { key: 'r1', rankKey: '2026-03-02' },
        { key: 'r2', rankKey: '2026-03-01' },
        { key: 'r3', rankKey: '2026-03-03' },
      ],
      capacity: 2,
      winners: ['r2', 'r1'],
    },
    {
      name: 'ties broken by request key',
      reqs: [
        { key: 'r9', rankKey: '2026-03-01' },
        { key: 'r1', rankKey: '2026-03-01' },
      ],
      capacity: 1,
      winners: ['r1'],
    },
    {
      name: 'no rank key ranks last',
      reqs: [
        { key: 'a', rankKey: null },
        { key: 'b', rankKey: '2026-03-05' },
      ],
      capacity: 1,
      winners: ['b'],
    },
    { name: 'fewer requests than places', reqs: [{ key: 'a', rankKey: 'x' }], capacity: 5, winners: ['a'] },
  ])('$name', ({ reqs, capacity, winners }) => {
    const r = rankAllocation(reqs, capacity);
    expect(r.winners).toEqual(winners);
    expect(rankAllocation([...reqs].reverse(), capacity)).toEqual(r);
  });
});
