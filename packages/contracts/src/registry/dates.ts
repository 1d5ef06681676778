/**
 * Civil-date helpers. A date is an ISO string `YYYY-MM-DD`, a calendar day in Asia/Shanghai. Arithmetic is
 * done on Date objects at UTC midnight, so no local time zone or DST can shift a day.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** China has used UTC+8 all year since 1992 (no DST). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** UTC-midnight Date of an ISO date; throws a RangeError on an invalid or impossible date (e.g. 02-30). */
export function parseIsoDate(value: string): Date {
  if (!isIsoDate(value)) throw new RangeError(`not a valid ISO date: ${value}`);
  const [y, mo, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date;
}

export function formatIsoDate(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const mo = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${mo}-${d}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month, `month` 1–12. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function addDays(date: string, days: number): string {
  return formatIsoDate(new Date(parseIsoDate(date).getTime() + days * DAY_MS));
}

/** Adds calendar months; a day that does not exist in the target month is clamped to its last day
 * (01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  parseIsoDate(date);
  const index = y * 12 + (mo - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const result = new Date(0);
  result.setUTCFullYear(ty, tm - 1, Math.min(d, daysInMonth(ty, tm)));
  return formatIsoDate(result);
}

/** Adds calendar years; 02-29 becomes 02-28 in a non-leap target year. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / DAY_MS);
}

/** -1, 0 or 1, like a sort comparator. Both dates are validated. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const diff = parseIsoDate(a).getTime() - parseIsoDate(b).getTime();
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** First and last day of the month a date falls in. */
export function startOfMonth(date: string): string {
  parseIsoDate(date);
  return `${date.slice(0, 7)}-01`;
}
export function endOfMonth(date: string): string {
  const [y, mo] = date.split('-').map(Number) as [number, number];
  parseIsoDate(date);
  return `${date.slice(0, 7)}-${String(daysInMonth(y, mo)).padStart(2, '0')}`;
}

/** Age in completed years on `onDate` (the birthday counts; a 02-29 birthday counts on 02-28 in
 * non-leap years, per addYears). */
export function ageOn(birthDate: string, onDate: string): number {
  let age = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (compareDates(addYears(birthDate, age), onDate) > 0) age -= 1;
  return age;
}

/** Today's civil date in Asia/Shanghai (the only impure helper; rule functions take `today` as input). */
export function todayInShanghai(now: Date = new Date()): string {
  return formatIsoDate(new Date(now.getTime() + SHANGHAI_OFFSET_MS));
}
