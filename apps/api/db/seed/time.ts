/**
 * Fast civil-date arithmetic for the generator: dates as integer epoch days (UTC midnight of the Shanghai
 * civil date), formatted through a cache. The legal rules themselves come from @opendmv/contracts; these
 * helpers only move the generator's own random dates around quickly.
 */
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const isoCache = new Map<number, string>();

export function isoToDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

export function dayToIso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO 8601 timestamp in Asia/Shanghai for a civil day and seconds since local midnight: 2025-03-14T08:23:11+08:00. */
export function shanghaiTimestamp(day: number, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const mi = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${dayToIso(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}+08:00`;
}

/** The Shanghai civil day and second of day of an instant. */
export function shanghaiDayAndSecond(instant: Date): { day: number; second: number } {
  const local = instant.getTime() + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, second: Math.floor((local - day * DAY_MS) / 1000) };
}

/** Milliseconds since the epoch of a Shanghai civil day and second. */
export function shanghaiMs(day: number, secondOfDay: number): number {
  return day * DAY_MS + secondOfDay * 1000 - SHANGHAI_OFFSET_MS;
}

/** Epoch day of 1 January of `year`. */
export const yearStartDay = (year: number): number => Date.UTC(year, 0, 1) / DAY_MS;

export const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
