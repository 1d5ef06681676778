import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  compareDates,
  daysBetween,
  endOfMonth,
  isIsoDate,
  parseIsoDate,
  startOfMonth,
  todayInShanghai,
} from './dates.ts';

describe('isIsoDate / parseIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['1999-02-30', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['20240101', false],
    ['2024-01-01T00:00', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
    if (!expected) expect(() => parseIsoDate(value)).toThrow(RangeError);
  });

  it('parses to UTC midnight', () => {
    expect(parseIsoDate('2024-03-10').toISOString()).toBe('2024-03-10T00:00:00.000Z');
  });
});

describe('arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', 365, '2025-03-01'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => expect(addDays(d, n)).toBe(expected));

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-11-15', 3, '2025-02-15'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-01-15', -13, '2022-12-15'],
  ])('addMonths(%s, %i) = %s', (d, n, expected) => expect(addMonths(d, n)).toBe(expected));

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2020-05-10', 6, '2026-05-10'],
  ])('addYears(%s, %i) = %s', (d, n, expected) => expect(addYears(d, n)).toBe(expected));

  it.each([
    ['2024-01-01', '2024-12-31', 365],
    ['2023-01-01', '2024-01-01', 365],
    ['2024-03-31', '2024-03-01', -30],
    ['2024-03-09', '2024-03-11', 2],
  ])('daysBetween(%s, %s) = %i', (a, b, expected) => expect(daysBetween(a, b)).toBe(expected));

  it.each([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-01-02', '2024-01-01', 1],
    ['2024-01-01', '2024-01-01', 0],
  ])('compareDates(%s, %s) = %i', (a, b, expected) => expect(compareDates(a, b)).toBe(expected));

  it.each([
    ['2024-02-10', '2024-02-01', '2024-02-29'],
    ['2023-02-10', '2023-02-01', '2023-02-28'],
    ['2024-12-31', '2024-12-01', '2024-12-31'],
  ])('month bounds of %s', (d, start, end) => {
    expect(startOfMonth(d)).toBe(start);
    expect(endOfMonth(d)).toBe(end);
  });
});

describe('ageOn', () => {
  it.each([
    ['1955-06-15', '2025-06-14', 69],
    ['1955-06-15', '2025-06-15', 70],
    ['2000-02-29', '2018-02-27', 17],
    ['2000-02-29', '2018-02-28', 18],
    ['2000-02-29', '2020-02-29', 20],
  ])('born %s, on %s → %i', (birth, on, expected) => expect(ageOn(birth, on)).toBe(expected));
});

describe('todayInShanghai', () => {
  it.each([
    ['2024-12-31T15:59:59Z', '2024-12-31'],
    ['2024-12-31T16:00:00Z', '2025-01-01'],
    ['2025-06-30T23:00:00Z', '2025-07-01'],
  ])('%s → %s', (instant, expected) => expect(todayInShanghai(new Date(instant))).toBe(expected));
});
