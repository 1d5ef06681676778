import type { CalendarDayKind, WorkingCalendar } from '@opendmv/contracts';
import { calendarDays } from './db/calendar-schema.ts';
import type { Executor } from './db/client.ts';

const TTL_MS = 60_000;
let cached: { at: number; calendar: WorkingCalendar } | null = null;

/**
 * The working-day calendar (holidays and make-up workdays) from `calendar_days`, cached for a minute per
 * node: an administrator adding next year's rows is seen by every node within that minute.
 */
export async function workingCalendar(db: Executor): Promise<WorkingCalendar> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.calendar;
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
  const calendar = new Map<string, CalendarDayKind>(rows.map((r) => [r.day, r.kind]));
  cached = { at: Date.now(), calendar };
  return calendar;
}

export const clearCalendarCache = (): void => {
  cached = null;
};

/** The instant a working-day limit ending on `date` passes: midnight after it, Beijing time. */
export const endOfDayShanghai = (date: string): Date => new Date(`${date}T23:59:59.999+08:00`);
