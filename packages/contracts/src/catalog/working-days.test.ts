import { describe, expect, it } from 'vitest';
import { addDays, compareDates } from '../registry/dates.ts';
import {
  addWorkingDays,
  type CalendarDayKind,
  calendarCoversYear,
  isWorkingDay,
  type WorkingCalendar,
  workingDaysBetween,
} from './working-days.ts';

/**
 * 2026 schedule (State Council notice of 2025-11-04, /work/shared/reference/calendar.md):
 * holiday ranges (inclusive) and make-up workdays on weekends.
 */
const HOLIDAYS_2026: readonly [string, string][] = [
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];
const MAKE_UP_WORKDAYS_2026 = [
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
];

function buildCalendar(): WorkingCalendar {
  const map = new Map<string, CalendarDayKind>();
  for (const [from, to] of HOLIDAYS_2026) {
    for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) map.set(d, 'holiday');
  }
  for (const d of MAKE_UP_WORKDAYS_2026) map.set(d, 'workday');
  return map;
}
const CAL = buildCalendar();
const EMPTY: WorkingCalendar = new Map();

describe('isWorkingDay — 2026', () => {
  it.each([
    ['2026-01-01', false, 'New Year (Thu)'],
    ['2026-01-02', false, 'New Year (Fri)'],
    ['2026-01-04', true, 'make-up Sunday'],
    ['2026-01-05', true, 'ordinary Monday'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-16', false, 'Spring Festival Monday'],
    ['2026-02-23', false, 'Spring Festival ends on a Monday'],
    ['2026-02-24', true, 'first day back'],
    ['2026-02-28', true, 'make-up Saturday after Spring Festival'],
    ['2026-03-01', false, 'ordinary Sunday'],
    ['2026-04-06', false, 'Qingming Monday'],
    ['2026-05-05', false, 'Labour Day Tuesday'],
    ['2026-05-09', true, 'make-up Saturday'],
    ['2026-06-19', false, 'Dragon Boat Friday'],
    ['2026-09-20', true, 'make-up Sunday before National Day'],
    ['2026-09-25', false, 'Mid-Autumn Friday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'last day of National Day'],
    ['2026-10-08', true, 'first day back'],
    ['2026-10-10', true, 'make-up Saturday after National Day'],
    ['2026-10-11', false, 'ordinary Sunday'],
  ])('%s → %s (%s)', (day, working) => expect(isWorkingDay(day, CAL)).toBe(working));

  it('without a calendar, Monday–Friday only', () => {
    expect(isWorkingDay('2026-10-01', EMPTY)).toBe(true);
    expect(isWorkingDay('2026-10-10', EMPTY)).toBe(false);
  });
});

describe('addWorkingDays — the start day is not counted', () => {
  it.each([
    ['2026-09-30', 0, '2026-09-30'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-24', 1, '2026-09-28'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'],
    ['2026-04-30', 1, '2026-05-06'],
    ['2025-12-31', 1, '2026-01-04'],
    ['2026-10-01', 1, '2026-10-08'],
    ['2026-03-16', 5, '2026-03-23'],
    ['2026-03-16', 20, '2026-04-14'],
  ])('%s + %i working days = %s', (from, n, expected) => expect(addWorkingDays(from, n, CAL)).toBe(expected));

  it('an unseeded year counts plain weekdays', () => {
    expect(addWorkingDays('2027-01-01', 1, CAL)).toBe('2027-01-04');
    expect(calendarCoversYear(2026, CAL)).toBe(true);
    expect(calendarCoversYear(2027, CAL)).toBe(false);
  });

  it.each([-1, 1.5, Number.NaN])('rejects n = %s', (n) => {
    expect(() => addWorkingDays('2026-03-16', n, CAL)).toThrow(RangeError);
  });
});

describe('workingDaysBetween counts (from, to]', () => {
  it.each([
    ['2026-09-30', '2026-10-10', 3],
    ['2026-09-30', '2026-10-07', 0],
    ['2026-02-13', '2026-02-28', 6],
    ['2026-03-16', '2026-03-16', 0],
    ['2026-03-20', '2026-03-16', 0],
  ])('%s → %s = %i', (from, to, n) => expect(workingDaysBetween(from, to, CAL)).toBe(n));

  it('is the inverse of addWorkingDays', () => {
    for (const from of ['2025-12-29', '2026-02-10', '2026-04-30', '2026-09-18', '2026-09-30', '2026-10-03']) {
      for (let n = 0; n <= 25; n += 1) {
        expect(workingDaysBetween(from, addWorkingDays(from, n, CAL), CAL), `${from}+${n}`).toBe(n);
      }
    }
  });
});
