import { describe, expect, it } from 'vitest';
import type { WorkingCalendar } from '../catalog/working-days.ts';
import {
  APPOINTMENT_ACTIONS,
  APPOINTMENT_STATUSES,
  type AppointmentAction,
  type AppointmentStatus,
  BOOKING_RULES,
  banUntil,
  bookingHorizon,
  bookingRulesAt,
  canCancel,
  checkInWindow,
  holdExpiresAt,
  isWithinHorizon,
  nextAppointmentStatus,
  realNameAllowsBooking,
  releasesSeat,
  slotTimesOf,
} from './booking.ts';

const rules = bookingRulesAt('2026-11-21');
const none: WorkingCalendar = new Map();
// 2026-12-01 is a Tuesday; a made-up holiday and a made-up make-up workday for the table.
const calendar: WorkingCalendar = new Map([
  ['2026-12-01', 'holiday'],
  ['2026-12-05', 'workday'],
]);

describe('the rules are data with a source', () => {
  it('every version names its source and reliability', () => {
    for (const v of BOOKING_RULES) {
      expect(v.source.title.length).toBeGreaterThan(10);
      expect(['official', 'secondary', 'unverified']).toContain(v.source.reliability);
    }
    expect(rules.minRealNameLevel).toBe('id');
  });
});

describe('appointment transitions', () => {
  const allowed: [AppointmentStatus, AppointmentAction, AppointmentStatus][] = [
    ['held', 'confirm', 'confirmed'],
    ['held', 'expire', 'expired'],
    ['held', 'cancel', 'cancelled'],
    ['held', 'reschedule-out', 'cancelled'],
    ['held', 'office-close', 'cancelled'],
    ['confirmed', 'cancel', 'cancelled'],
    ['confirmed', 'reschedule-out', 'cancelled'],
    ['confirmed', 'office-close', 'cancelled'],
    ['confirmed', 'check-in', 'checked-in'],
    ['confirmed', 'arrive-late', 'late'],
    ['confirmed', 'no-show', 'no-show'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) =>
    expect(nextAppointmentStatus(from, action)).toBe(to),
  );
  const refused = APPOINTMENT_STATUSES.flatMap((from) =>
    APPOINTMENT_ACTIONS.filter((a) => !allowed.some(([f, x]) => f === from && x === a)).map(
      (a) => [from, a] as [AppointmentStatus, AppointmentAction],
    ),
  );
  it.each(refused)('%s refuses %s', (from, action) => expect(nextAppointmentStatus(from, action)).toBeNull());
  it.each([
    ['expire', true],
    ['cancel', true],
    ['reschedule-out', true],
    ['office-close', true],
    ['confirm', false],
    ['check-in', false],
    ['no-show', false],
    ['arrive-late', false],
  ] as [AppointmentAction, boolean][])('%s frees the seat: %s', (a, frees) =>
    expect(releasesSeat(a)).toBe(frees),
  );
});

describe('slots from opening hours and the calendar', () => {
  it.each([
    // day, kind, calendar, slots, first start (UTC), last end (UTC)
    ['2026-11-23', 'office', none, 14, '2026-11-23T00:30:00.000Z', '2026-11-23T09:00:00.000Z'],
    ['2026-11-23', 'branch', none, 13, '2026-11-23T01:00:00.000Z', '2026-11-23T09:00:00.000Z'],
    ['2026-11-22', 'office', none, 0, null, null], // Sunday
    ['2026-12-01', 'office', calendar, 0, null, null], // holiday
    ['2026-12-05', 'office', calendar, 14, '2026-12-05T00:30:00.000Z', '2026-12-05T09:00:00.000Z'], // make-up Saturday
  ] as const)('%s at a %s → %i slots', (day, kind, cal, n, first, last) => {
    const slots = slotTimesOf(day, kind, cal, rules);
    expect(slots).toHaveLength(n);
    if (first) expect(slots[0]!.startsAt.toISOString()).toBe(first);
    if (last) expect(slots.at(-1)!.endsAt.toISOString()).toBe(last);
    // Nothing over the lunch break (12:00–13:30 Beijing = 04:00–05:30 UTC).
    for (const s of slots)
      expect(s.startsAt.getUTCHours() === 4 || s.startsAt.toISOString().endsWith('T05:00:00.000Z')).toBe(
        false,
      );
  });
});

describe('the booking horizon: next working day to +14 working days', () => {
  it('from Saturday 2026-11-21', () => {
    expect(bookingHorizon('2026-11-21', none, rules)).toEqual({ first: '2026-11-23', last: '2026-12-10' });
  });
  it.each([
    ['2026-11-21', false], // today
    ['2026-11-22', false], // Sunday before the first working day
    ['2026-11-23', true],
    ['2026-12-10', true],
    ['2026-12-11', false],
  ])('%s bookable: %s', (day, ok) => expect(isWithinHorizon(day, '2026-11-21', none, rules)).toBe(ok));
  it('a holiday pushes the horizon out by a day', () => {
    expect(bookingHorizon('2026-11-21', new Map([['2026-11-23', 'holiday']]), rules)).toEqual({
      first: '2026-11-24',
      last: '2026-12-11',
    });
  });
});

describe('holds, cancellation deadline, real name', () => {
  const start = new Date('2026-11-23T01:00:00.000Z');
  it('a hold lasts 10 minutes', () =>
    expect(holdExpiresAt(new Date('2026-11-21T02:00:00.000Z'), rules).toISOString()).toBe(
      '2026-11-21T02:10:00.000Z',
    ));
  it.each([
    ['2026-11-22T23:00:00.000Z', true], // exactly 2 h before
    ['2026-11-22T23:00:00.001Z', false],
    ['2026-11-21T02:00:00.000Z', true],
  ])('cancel at %s: %s', (now, ok) => expect(canCancel(start, new Date(now), rules)).toBe(ok));
  it.each([
    ['phone', false],
    [null, false],
    ['id', true],
    ['face', true],
  ] as const)('real-name level %s may book: %s', (level, ok) =>
    expect(realNameAllowsBooking(level, rules)).toBe(ok),
  );
});

describe('check-in window: early, on time (15 min grace), late → walk-in, missed', () => {
  const slot = { startsAt: new Date('2026-11-23T01:00:00.000Z') }; // 09:00 Beijing
  it.each([
    ['2026-11-23T23:59:00.000Z', 'missed'],
    ['2026-11-22T23:59:59.000Z', 'early'], // 07:59:59 Beijing
    ['2026-11-23T00:00:00.000Z', 'on-time'], // 08:00 (an hour early)
    ['2026-11-23T01:15:00.000Z', 'on-time'], // 09:15
    ['2026-11-23T01:15:00.001Z', 'late'],
    ['2026-11-23T08:00:00.000Z', 'late'], // 16:00 same day
    ['2026-11-23T16:00:00.000Z', 'missed'], // the next day in Beijing
  ])('at %s: %s', (now, w) => expect(checkInWindow(slot, new Date(now), rules)).toBe(w));
});

describe('strikes → ban: 3 no-shows within 90 days → 30 days', () => {
  const now = new Date('2026-11-21T02:00:00.000Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  it.each([
    [[0], null],
    [[0, 10], null],
    [[0, 10, 89], '2026-12-21T02:00:00.000Z'],
    [[0, 10, 91], null], // the oldest fell out of the window
    [[0, 1, 2, 3], '2026-12-21T02:00:00.000Z'],
  ])('strikes %j days ago → %s', (ago, until) =>
    expect(banUntil(ago.map(daysAgo), now, rules)?.toISOString() ?? null).toBe(until),
  );
});
