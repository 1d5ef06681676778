import { describe, expect, it } from 'vitest';
import { isInForce, ruleAt, type Versioned } from './rule-set.ts';

const src = { title: 't', reliability: 'official' } as const;
const versions: Versioned<string>[] = [
  { effectiveFrom: '2020-01-01', effectiveTo: '2021-12-31', source: src, value: 'v1' },
  { effectiveFrom: '2022-01-01', source: src, value: 'v2' },
  { effectiveFrom: '2023-06-01', effectiveTo: '2023-06-30', source: src, value: 'june-override' },
];

describe('ruleAt', () => {
  it.each([
    ['2020-01-01', 'v1'],
    ['2021-12-31', 'v1'],
    ['2022-01-01', 'v2'],
    ['2023-05-31', 'v2'],
    ['2023-06-01', 'june-override'],
    ['2023-06-30', 'june-override'],
    ['2023-07-01', 'v2'],
  ])('on %s picks %s', (date, expected) => {
    expect(ruleAt(versions, date).value).toBe(expected);
  });

  it.each([['2019-12-31'], ['1999-01-01']])('throws when nothing is in force on %s', (date) => {
    expect(() => ruleAt(versions, date)).toThrow(RangeError);
  });

  it('throws on an empty list and on an invalid date', () => {
    expect(() => ruleAt([], '2024-01-01')).toThrow(RangeError);
    expect(() => ruleAt(versions, '2024-02-30')).toThrow(RangeError);
  });
});

describe('isInForce', () => {
  it.each([
    ['2021-12-31', true],
    ['2022-01-01', false],
    ['2019-12-31', false],
  ])('v1 on %s → %s (effectiveTo inclusive)', (date, expected) => {
    expect(isInForce(versions[0]!, date)).toBe(expected);
  });
});
