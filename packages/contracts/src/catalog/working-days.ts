/**
 * Working days (工作日) for the legal clocks: Monday–Friday, minus public holidays, plus the make-up
 * workdays (调休上班) that fall on a weekend. The calendar is data (one row per exceptional date, from the
 * State Council's yearly notice); a year without rows counts as plain Monday–Friday.
 */
import { addDays, compareDates, parseIsoDate } from '../registry/dates.ts';

export type CalendarDayKind = 'holiday' | 'workday';

/** Exceptional dates only: ISO date → holiday (a weekday off) or workday (a weekend day worked). */
export type WorkingCalendar = ReadonlyMap<string, CalendarDayKind>;

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const override = calendar.get(date);
  if (override) return override === 'workday';
  const dow = parseIsoDate(date).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date `n` working days after `from` (`from` itself is not counted, as a time limit starts the day
 * after acceptance). n = 0 gives `from` itself. Throws on a negative n.
 */
export function addWorkingDays(from: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`working days must be a non-negative integer: ${n}`);
  let date = from;
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) left -= 1;
  }
  return date;
}

/** Working days in (from, to]: the days a clock counted between two dates. 0 when to ≤ from. */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  let count = 0;
  let date = from;
  while (compareDates(date, to) < 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) count += 1;
  }
  return count;
}

/** Whether the calendar holds any exceptional date in `year` (an unseeded year counts as Mon–Fri only). */
export function calendarCoversYear(year: number, calendar: WorkingCalendar): boolean {
  const prefix = `${year}-`;
  for (const day of calendar.keys()) if (day.startsWith(prefix)) return true;
  return false;
}
