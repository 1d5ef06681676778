import { describe, expect, it } from 'vitest';
import { isPointTier } from './points.ts';
import {
  findViolationCode,
  VIOLATION_CODE_TABLE,
  VIOLATION_CODES,
  violationCodesAt,
} from './violation-codes.ts';

describe('VIOLATION_CODES', () => {
  it('has at least 25 unique codes', () => {
    expect(VIOLATION_CODES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(VIOLATION_CODES.map((c) => c.code)).size).toBe(VIOLATION_CODES.length);
  });

  it.each(VIOLATION_CODES.map((c) => [c.code, c] as const))('%s is well-formed', (_code, entry) => {
    expect(entry.code).toMatch(/^\d{4,5}$/);
    expect(isPointTier(entry.points)).toBe(true);
    expect(Number.isInteger(entry.fineFen) && entry.fineFen >= 0).toBe(true);
    expect(entry.nameZh.length > 0 && entry.nameEn.length > 0).toBe(true);
    if (entry.fineRangeFen) {
      expect(entry.fineFen).toBeGreaterThanOrEqual(entry.fineRangeFen[0]);
      expect(entry.fineFen).toBeLessThanOrEqual(entry.fineRangeFen[1]);
    }
    expect(entry.pointsBasis === undefined).toBe(entry.points === 0);
  });

  it('is marked unverified (codes and fines are representative)', () => {
    expect(VIOLATION_CODE_TABLE[0]!.source.reliability).toBe('unverified');
  });
});

describe('findViolationCode', () => {
  it.each([
    ['1625', 6, 20_000, 'signal'],
    ['1039', 0, 20_000, 'parking'],
    ['1352', 0, 10_000, 'speeding'],
    ['1711', 12, 150_000, 'alcohol'],
    ['1715', 9, 50_000, 'licence'],
    [' 1357 ', 3, 20_000, 'behaviour'],
  ])('%s → %i points, %i fen, %s', (code, points, fineFen, category) => {
    expect(findViolationCode(code)).toMatchObject({ points, fineFen, category });
  });

  it.each([['9999'], [''], ['162']])('unknown %j → undefined', (code) =>
    expect(findViolationCode(code)).toBeUndefined(),
  );

  it('has no table before 令第163号 (2022-04-01)', () => {
    expect(() => violationCodesAt('2022-03-31')).toThrow(RangeError);
    expect(violationCodesAt('2022-04-01')).toBe(VIOLATION_CODES);
  });
});
