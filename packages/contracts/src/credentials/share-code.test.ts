import { describe, expect, it } from 'vitest';
import { ruleAt } from '../registry/rule-set.ts';
import {
  formatShareCode,
  generateShareCode,
  normaliseShareCode,
  QR_TOKEN_RULES,
  SHARE_CODE_ALPHABET,
  SHARE_CODE_RULES,
  shareCodeExpiresAt,
  shareCodeRulesAt,
  shareCodeState,
} from './share-code.ts';
import { eLicenceVerifyUrl } from './token.ts';

describe('share-code alphabet', () => {
  it('has 31 distinct symbols and no look-alikes', () => {
    expect(new Set(SHARE_CODE_ALPHABET).size).toBe(31);
    for (const c of '01ILO') expect(SHARE_CODE_ALPHABET).not.toContain(c);
  });
});

describe('normaliseShareCode', () => {
  it.each<[string, string | null]>([
    ['K7M2Q9XA', 'K7M2Q9XA'],
    ['K7M2-Q9XA', 'K7M2Q9XA'],
    ['k7m2-q9xa', 'K7M2Q9XA'],
    ['  k7m2 q9xa ', 'K7M2Q9XA'],
    ['K7 M2 Q9 XA', 'K7M2Q9XA'],
    ['Ｋ７Ｍ２－Ｑ９ＸＡ', 'K7M2Q9XA'], // full-width, from a Chinese IME
    ['K7M2—Q9XA', 'K7M2Q9XA'], // em dash
    ['K7M2Q9X', null], // too short
    ['K7M2Q9XAB', null], // too long
    ['K7M2Q9X0', null], // 0 is not in the alphabet
    ['K7M2Q9XO', null], // nor O
    ['K7M2Q9X1', null],
    ['K7M2Q9XI', null],
    ['K7M2Q9XL', null],
    ['K7M2_Q9XA', null],
    ['', null],
    ['张三丰张三丰张三', null],
  ])('%j → %j', (input, expected) => expect(normaliseShareCode(input)).toBe(expected));
});

describe('formatShareCode', () => {
  it.each([
    ['K7M2Q9XA', 'K7M2-Q9XA'],
    ['k7m2q9xa', 'K7M2-Q9XA'],
    ['K7M2-Q9XA', 'K7M2-Q9XA'],
  ])('%s → %s', (input, expected) => expect(formatShareCode(input)).toBe(expected));
});

describe('generateShareCode', () => {
  it('makes 8 symbols of the alphabet that survive formatting and normalisation', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateShareCode((n) =>
        Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256)),
      );
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      expect(normaliseShareCode(formatShareCode(code).toLowerCase())).toBe(code);
    }
  });

  it('drops bytes ≥ 248 so every symbol is equally likely', () => {
    let calls = 0;
    const bytes = (n: number) => {
      calls += 1;
      // first batch: all rejected; second: 0..n-1
      return calls === 1 ? new Uint8Array(n).fill(250) : Uint8Array.from({ length: n }, (_, i) => i);
    };
    expect(generateShareCode(bytes)).toBe(SHARE_CODE_ALPHABET.slice(0, 8));
    expect(generateShareCode(() => new Uint8Array(16).fill(247))).toBe(
      SHARE_CODE_ALPHABET[247 % 31]!.repeat(8),
    );
  });
});

describe('share-code TTL (versioned data with its source)', () => {
  it('is 21 days, single use, and says it is our choice modelled on DVLA', () => {
    const v = ruleAt(SHARE_CODE_RULES, '2026-12-01');
    expect(v.value).toEqual({ ttlDays: 21, singleUse: true });
    expect(v.source.url).toContain('gov.uk');
    expect(v.source.title).toMatch(/our own choice/i);
    expect(v.source.reliability).toBe('unverified');
  });

  it.each([
    ['2026-12-01T00:00:00.000Z', '2026-12-22T00:00:00.000Z'],
    ['2026-12-31T23:59:59.000Z', '2027-01-21T23:59:59.000Z'],
  ])('made %s → expires %s', (made, expires) => {
    expect(shareCodeExpiresAt(new Date(made), shareCodeRulesAt('2026-12-01')).toISOString()).toBe(expires);
  });

  it('the QR token lives minutes, not days', () => {
    const q = ruleAt(QR_TOKEN_RULES, '2026-12-01').value;
    expect(q.ttlSeconds).toBeLessThanOrEqual(300);
    expect(q.refreshBeforeSeconds).toBeLessThan(q.ttlSeconds);
  });
});

describe('shareCodeState', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const later = new Date('2026-12-10T00:00:00Z');
  const earlier = new Date('2026-11-30T00:00:00Z');
  it.each([
    ['active', null, null, later],
    ['used', now, null, later],
    ['used', earlier, null, earlier], // used, then the date passed: still "used"
    ['revoked', null, earlier, later],
    ['expired', null, null, earlier],
    ['expired', null, null, now], // expiresAt is exclusive
  ] as const)('→ %s', (state, usedAt, revokedAt, expiresAt) => {
    expect(shareCodeState({ usedAt, revokedAt, expiresAt }, now)).toBe(state);
  });
});

describe('eLicenceVerifyUrl', () => {
  it.each([
    ['https://dmv.example.cn', 'a.b', 'https://dmv.example.cn/verify/licence?t=a.b'],
    ['http://127.0.0.1:3000/', 'x_-y.z', 'http://127.0.0.1:3000/verify/licence?t=x_-y.z'],
  ])('%s + %s', (origin, token, url) => expect(eLicenceVerifyUrl(origin, token)).toBe(url));
});
