import {
  type AvailabilityDto,
  type AvailabilityQuery,
  BOOKABLE_OFFICE_KINDS,
  type BookableOfficeKind,
  bookingHorizon,
  bookingRulesAt,
  compareDates,
  daysFromTo,
  HALL_CATEGORIES,
  slotTimesOf,
} from '@opendmv/contracts';
import { and, asc, between, eq, inArray } from 'drizzle-orm';
import { workingCalendar } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findOfficeById } from '../offices/repository.ts';
import { offices } from '../offices/schema.ts';
import { appointmentSlots } from './schema.ts';

/** An office that takes appointments (the 车管所 or a branch), or a 404/422 field error. */
export async function bookableOffice(db: Executor, officeId: string, field = 'query.officeId') {
  const office = await findOfficeById(db, officeId);
  if (!office) throw new AppError('NOT_FOUND', [{ field, message: 'no such office' }]);
  if (!(BOOKABLE_OFFICE_KINDS as readonly string[]).includes(office.kind))
    throw new AppError('NOT_ELIGIBLE', [{ field, message: 'this office does not take appointments' }]);
  return { ...office, kind: office.kind as BookableOfficeKind };
}

/**
 * The slots of an office for the days in [fromDay, toDay], from the opening hours and capacities in the
 * rules and the working-day calendar, for every business category. Idempotent: a slot that exists
 * (unique office + category + start) is left as it is, booked seats and all; safe on any number of nodes
 * at once. Returns how many slots were created.
 */
export async function ensureSlots(
  ctx: AppContext,
  officeId: string,
  fromDay: string,
  toDay: string,
  db: Executor = ctx.db,
): Promise<number> {
  const office = await bookableOffice(db, officeId);
  const calendar = await workingCalendar(db);
  const rows: (typeof appointmentSlots.$inferInsert)[] = [];
  for (const day of daysFromTo(fromDay, toDay)) {
    const rules = bookingRulesAt(day);
    for (const t of slotTimesOf(day, office.kind, calendar, rules))
      for (const category of HALL_CATEGORIES)
        rows.push({
          officeId,
          category,
          day,
          startsAt: t.startsAt,
          endsAt: t.endsAt,
          capacity: rules.capacity[office.kind][category],
        });
  }
  if (rows.length === 0) return 0;
  const created = await db
    .insert(appointmentSlots)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: appointmentSlots.id });
  return created.length;
}

/** Days and slots with their remaining seats, within the booking horizon (the range is clipped to it). */
export async function availability(ctx: AppContext, q: AvailabilityQuery): Promise<AvailabilityDto> {
  if (compareDates(q.from, q.to) > 0)
    throw new AppError('VALIDATION_FAILED', [{ field: 'query.to', message: 'must not be before from' }]);
  await bookableOffice(ctx.db, q.officeId);
  const calendar = await workingCalendar(ctx.db);
  const horizon = bookingHorizon(ctx.clock.today(), calendar);
  const from = compareDates(q.from, horizon.first) < 0 ? horizon.first : q.from;
  const to = compareDates(q.to, horizon.last) > 0 ? horizon.last : q.to;
  if (compareDates(from, to) > 0) return { officeId: q.officeId, category: q.category, horizon, days: [] };
  await ensureSlots(ctx, q.officeId, from, to);
  const rows = await ctx.db
    .select()
    .from(appointmentSlots)
    .where(
      and(
        eq(appointmentSlots.officeId, q.officeId),
        eq(appointmentSlots.category, q.category),
        eq(appointmentSlots.status, 'open'),
        between(appointmentSlots.day, from, to),
      ),
    )
    .orderBy(asc(appointmentSlots.startsAt));
  const days = new Map<string, AvailabilityDto['days'][number]['slots']>();
  for (const r of rows) {
    const list = days.get(r.day) ?? [];
    list.push({
      id: r.id,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      capacity: r.capacity,
      remaining: r.capacity - r.booked,
      allocation: r.allocation,
    });
    days.set(r.day, list);
  }
  return {
    officeId: q.officeId,
    category: q.category,
    horizon,
    days: [...days].map(([day, slots]) => ({ day, slots })),
  };
}

/** The offices that take appointments, by code. */
export async function listBookableOffices(db: Executor) {
  const rows = await db
    .select({
      id: offices.id,
      code: offices.code,
      kind: offices.kind,
      nameZh: offices.nameZh,
      nameEn: offices.nameEn,
      address: offices.address,
    })
    .from(offices)
    .where(inArray(offices.kind, [...BOOKABLE_OFFICE_KINDS]))
    .orderBy(asc(offices.code));
  return { items: rows.map((r) => ({ ...r, kind: r.kind as BookableOfficeKind })) };
}
