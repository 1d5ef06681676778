/**
 * Appointments (预约): the booking rules as versioned data, the appointment's transition table and the
 * pure computations around them (slot times, the booking horizon, the cancellation deadline, the
 * check-in window, strikes → ban). Every value is a product setting of the demo 车管所 unless a source
 * says otherwise: they are marked `unverified` and belong to the office to confirm.
 */

import { addWorkingDays, isWorkingDay, type WorkingCalendar } from '../catalog/working-days.ts';
import type { HallCategory } from '../hall/categories.ts';
import { addDays, compareDates } from '../registry/dates.ts';
import { ruleAt, type Versioned } from '../registry/rule-set.ts';

/** Kinds of office that take appointments: the 车管所 itself and its branches (分所). */
export type BookableOfficeKind = 'office' | 'branch';
export const BOOKABLE_OFFICE_KINDS = ['office', 'branch'] as const;

/** A half-day opening period, local (Asia/Shanghai) wall-clock times "HH:MM". */
export interface OpeningPeriod {
  from: string;
  to: string;
}

export interface BookingRules {
  /** Opening hours on a working day, per kind of office. */
  openingHours: Readonly<Record<BookableOfficeKind, readonly OpeningPeriod[]>>;
  slotMinutes: number;
  /** Seats per slot, per kind of office and business category. */
  capacity: Readonly<Record<BookableOfficeKind, Readonly<Record<HallCategory, number>>>>;
  /** How long a hold lasts before it must be confirmed. */
  holdMinutes: number;
  /** Bookable from the next working day to this many working days ahead. */
  horizonWorkingDays: number;
  /** A cancellation must come at least this long before the slot starts. */
  cancelDeadlineMinutes: number;
  /** No-show strikes within the window that lead to a ban, and how long the ban lasts. */
  strikesForBan: number;
  strikeWindowDays: number;
  banDays: number;
  /** Minutes after the slot starts during which arrival still counts as the appointment. */
  lateGraceMinutes: number;
  /** Minutes before the slot starts from which check-in is accepted. */
  earlyCheckInMinutes: number;
  /** The lowest real-name level allowed to book. */
  minRealNameLevel: 'id' | 'face';
}

export const BOOKING_RULES: readonly Versioned<BookingRules>[] = [
  {
    effectiveFrom: '2026-01-01',
    source: {
      title:
        'Demo 车管所 product settings (opening hours modelled on typical 车管所 hours 8:30–12:00 / 13:30–17:00; ' +
        'one identity per category and real-name booking after 交管12123 practice) — to confirm locally',
      reliability: 'unverified',
    },
    value: {
      openingHours: {
        office: [
          { from: '08:30', to: '12:00' },
          { from: '13:30', to: '17:00' },
        ],
        branch: [
          { from: '09:00', to: '12:00' },
          { from: '13:30', to: '17:00' },
        ],
      },
      slotMinutes: 30,
      capacity: {
        office: { licence: 8, vehicle: 6, violation: 4, inspection: 4 },
        branch: { licence: 4, vehicle: 3, violation: 2, inspection: 2 },
      },
      holdMinutes: 10,
      horizonWorkingDays: 14,
      cancelDeadlineMinutes: 120,
      strikesForBan: 3,
      strikeWindowDays: 90,
      banDays: 30,
      lateGraceMinutes: 15,
      earlyCheckInMinutes: 60,
      minRealNameLevel: 'id',
    },
  },
];

/** The rules in force on a date (ISO, Asia/Shanghai). */
export const bookingRulesAt = (day: string): BookingRules => ruleAt(BOOKING_RULES, day).value;

// ─── The appointment's life ──────────────────────────────────────────────────────────────────────────

export const APPOINTMENT_STATUSES = [
  'held',
  'confirmed',
  'expired',
  'cancelled',
  'checked-in',
  'no-show',
  'late',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Statuses that hold a seat and count as the person's one active appointment in the category. */
export const ACTIVE_APPOINTMENT_STATUSES = ['held', 'confirmed'] as const satisfies AppointmentStatus[];

export const APPOINTMENT_ACTIONS = [
  'confirm',
  'expire',
  'cancel',
  'reschedule-out',
  'office-close',
  'check-in',
  'arrive-late',
  'no-show',
] as const;
export type AppointmentAction = (typeof APPOINTMENT_ACTIONS)[number];

/**
 * `reschedule-out` ends the old appointment when a new one takes its place (it is `cancelled`, with the
 * new appointment's id in its event); `office-close` cancels for a closure; `arrive-late` sends the
 * person to the walk-in queue (status `late`).
 */
export const APPOINTMENT_TRANSITIONS = {
  held: {
    confirm: 'confirmed',
    expire: 'expired',
    cancel: 'cancelled',
    'reschedule-out': 'cancelled',
    'office-close': 'cancelled',
  },
  confirmed: {
    cancel: 'cancelled',
    'reschedule-out': 'cancelled',
    'office-close': 'cancelled',
    'check-in': 'checked-in',
    'arrive-late': 'late',
    'no-show': 'no-show',
  },
  expired: {},
  cancelled: {},
  'checked-in': {},
  'no-show': {},
  late: {},
} as const satisfies Record<AppointmentStatus, Partial<Record<AppointmentAction, AppointmentStatus>>>;

export function nextAppointmentStatus(
  from: AppointmentStatus,
  action: AppointmentAction,
): AppointmentStatus | null {
  return (
    (APPOINTMENT_TRANSITIONS[from] as Partial<Record<AppointmentAction, AppointmentStatus>>)[action] ?? null
  );
}

/** Whether an action frees the seat the appointment held. */
export const releasesSeat = (action: AppointmentAction): boolean =>
  action === 'expire' || action === 'cancel' || action === 'reschedule-out' || action === 'office-close';

// ─── Slots ───────────────────────────────────────────────────────────────────────────────────────────

/** The Asia/Shanghai calendar date of an instant. */
const shanghaiDay = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The instant of a Beijing-time wall clock on a day (China has no daylight saving: always +08:00). */
export const shanghaiInstant = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+08:00`);

export interface SlotTime {
  startsAt: Date;
  endsAt: Date;
}

/** The slots of a day at an office of this kind: none on a non-working day. */
export function slotTimesOf(
  day: string,
  kind: BookableOfficeKind,
  calendar: WorkingCalendar,
  rules: BookingRules = bookingRulesAt(day),
): SlotTime[] {
  if (!isWorkingDay(day, calendar)) return [];
  const out: SlotTime[] = [];
  const step = rules.slotMinutes * 60_000;
  for (const period of rules.openingHours[kind]) {
    const end = shanghaiInstant(day, period.to).getTime();
    for (let t = shanghaiInstant(day, period.from).getTime(); t + step <= end; t += step)
      out.push({ startsAt: new Date(t), endsAt: new Date(t + step) });
  }
  return out;
}

/** The days one may book on, seen from `today`: the next working day to `horizonWorkingDays` ahead. */
export function bookingHorizon(
  today: string,
  calendar: WorkingCalendar,
  rules: BookingRules = bookingRulesAt(today),
): { first: string; last: string } {
  return {
    first: addWorkingDays(today, 1, calendar),
    last: addWorkingDays(today, rules.horizonWorkingDays, calendar),
  };
}

export function isWithinHorizon(
  day: string,
  today: string,
  calendar: WorkingCalendar,
  rules: BookingRules = bookingRulesAt(today),
): boolean {
  const h = bookingHorizon(today, calendar, rules);
  return compareDates(day, h.first) >= 0 && compareDates(day, h.last) <= 0;
}

/** When a hold made at `now` lapses. */
export const holdExpiresAt = (now: Date, rules: BookingRules): Date =>
  new Date(now.getTime() + rules.holdMinutes * 60_000);

/** The last instant a citizen may cancel (or move) an appointment for a slot starting at `startsAt`. */
export const cancelDeadline = (startsAt: Date, rules: BookingRules): Date =>
  new Date(startsAt.getTime() - rules.cancelDeadlineMinutes * 60_000);

export const canCancel = (startsAt: Date, now: Date, rules: BookingRules): boolean =>
  now.getTime() <= cancelDeadline(startsAt, rules).getTime();

const LEVEL_RANK = { phone: 0, id: 1, face: 2 } as const;
/** Whether a real-name level is enough to book. */
export const realNameAllowsBooking = (level: 'phone' | 'id' | 'face' | null, rules: BookingRules): boolean =>
  level !== null && LEVEL_RANK[level] >= LEVEL_RANK[rules.minRealNameLevel];

/**
 * Arriving for an appointment (for the hall): `early` before the window opens, `on-time` from
 * `earlyCheckInMinutes` before the start to `lateGraceMinutes` after it, `late` after that on the same
 * day (the person is served from the walk-in queue), `missed` on a later day.
 */
export type CheckInWindow = 'early' | 'on-time' | 'late' | 'missed';

export function checkInWindow(
  slot: { startsAt: Date },
  now: Date,
  rules: BookingRules = bookingRulesAt(shanghaiDay(slot.startsAt)),
): CheckInWindow {
  const t = now.getTime();
  const start = slot.startsAt.getTime();
  if (t < start - rules.earlyCheckInMinutes * 60_000) return 'early';
  if (t <= start + rules.lateGraceMinutes * 60_000) return 'on-time';
  // Late arrivals are still served the same day, from the walk-in queue.
  return shanghaiDay(slot.startsAt) === shanghaiDay(now) ? 'late' : 'missed';
}

/**
 * Strikes → ban: given the times of a person's no-show strikes (including the new one at `now`), the
 * end of the ban they earn, or null.
 */
export function banUntil(strikeTimes: readonly Date[], now: Date, rules: BookingRules): Date | null {
  const since = now.getTime() - rules.strikeWindowDays * 86_400_000;
  const recent = strikeTimes.filter((s) => s.getTime() > since && s.getTime() <= now.getTime()).length;
  return recent >= rules.strikesForBan ? new Date(now.getTime() + rules.banDays * 86_400_000) : null;
}

/** The days in [from, to] (ISO dates), both included. */
export function daysFromTo(from: string, to: string, max = 62): string[] {
  const out: string[] = [];
  for (let d = from; compareDates(d, to) <= 0 && out.length < max; d = addDays(d, 1)) out.push(d);
  return out;
}
