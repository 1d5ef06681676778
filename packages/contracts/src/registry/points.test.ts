import { describe, expect, it } from 'vitest';
import { isFullScore, isPointTier, pointReductionAllowance, SCORING_RULES, scoringCycle } from './points.ts';
import { ruleAt } from './rule-set.ts';

describe('scoringCycle', () => {
  it.each([
    ['2018-05-10', '2018-05-10', '2018-05-10', '2019-05-09'],
    ['2018-05-10', '2025-05-09', '2024-05-10', '2025-05-09'],
    ['2018-05-10', '2025-05-10', '2025-05-10', '2026-05-09'],
    ['2018-05-10', '2025-12-31', '2025-05-10', '2026-05-09'],
    ['2018-05-10', '2026-01-01', '2025-05-10', '2026-05-09'],
    ['2016-02-29', '2024-02-28', '2023-02-28', '2024-02-28'],
    ['2016-02-29', '2024-02-29', '2024-02-29', '2025-02-27'],
    ['2016-02-29', '2025-02-28', '2025-02-28', '2026-02-27'],
    ['2020-01-31', '2024-01-30', '2023-01-31', '2024-01-30'],
  ])('first issued %s, on %s → %s … %s', (first, today, start, end) => {
    expect(scoringCycle(first, today)).toEqual({ start, end });
  });

  it('throws before the first issue date', () => {
    expect(() => scoringCycle('2024-05-10', '2024-05-09')).toThrow(RangeError);
  });

  it('cycles are contiguous and a year long', () => {
    let { end } = scoringCycle('2019-08-31', '2022-09-01');
    for (let i = 0; i < 5; i++) {
      const next = scoringCycle(
        '2019-08-31',
        new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
      );
      expect(next.start > end).toBe(true);
      end = next.end;
    }
    expect(end).toBe('2028-08-30');
  });
});

describe('tiers and full score (令第163号)', () => {
  it('has tiers 12/9/6/3/1 from 2022-04-01 and 12/6/3/2/1 before', () => {
    expect(ruleAt(SCORING_RULES, '2022-04-01').value.tiers).toEqual([12, 9, 6, 3, 1]);
    expect(ruleAt(SCORING_RULES, '2022-03-31').value.tiers).toEqual([12, 6, 3, 2, 1]);
    expect(isPointTier(2, ruleAt(SCORING_RULES, '2020-01-01').value)).toBe(true);
  });
  it.each([
    [0, false],
    [11, false],
    [12, true],
    [15, true],
  ])('isFullScore(%i) = %s', (points, expected) => expect(isFullScore(points)).toBe(expected));
  it.each([
    [0, true],
    [1, true],
    [2, false],
    [3, true],
    [9, true],
    [10, false],
    [12, true],
  ])('isPointTier(%i) = %s', (points, expected) => expect(isPointTier(points)).toBe(expected));
});

describe('pointReductionAllowance (cap 6 per cycle)', () => {
  it.each([
    [6, 0, 6],
    [9, 0, 6],
    [3, 0, 3],
    [9, 4, 2],
    [9, 6, 0],
    [0, 0, 0],
    [11, 0, 6],
    [12, 0, 0],
    [14, 0, 0],
  ])('current %i, already reduced %i → %i', (current, reduced, expected) => {
    expect(pointReductionAllowance(current, reduced)).toBe(expected);
  });
});
