import crypto from 'node:crypto';
import {
  type AppointmentDto,
  banUntil,
  bookingRulesAt,
  canCancel,
  cancelDeadline,
  HALL_CATEGORY_INFO,
  type HallCategory,
  holdExpiresAt,
  isWithinHorizon,
  maskName,
  realNameAllowsBooking,
} from '@opendmv/contracts';
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { type AuditActor, appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { auditActorOf, type Principal } from '../../platform/auth/principal.ts';
import { workingCalendar } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { agentAuthorizations } from '../cases/schema.ts';
import { enqueueNotification } from '../notifications/index.ts';
import { offices } from '../offices/schema.ts';
import { officeIdsUnder } from '../offices/scope.ts';
import { persons } from '../registry/index.ts';
import { drawDueAllocations } from './allocation.ts';
import { appointmentSlots, appointments, bookingBans, bookingStrikes } from './schema.ts';
import { bookableOffice, ensureSlots } from './slots.ts';
import {
  type AppointmentActor,
  type AppointmentRow,
  recordAppointmentEvent,
  transitionAppointment,
} from './workflow.ts';

export type Meta = { ip: string; requestId: string };
type User = Extract<Principal, { kind: 'user' }>;
type SlotRow = typeof appointmentSlots.$inferSelect;

/** Who books, for whom: a citizen for themself, or an agent under the citizen's authorization. */
export interface Booker {
  personId: string;
  realNameLevel: 'phone' | 'id' | 'face' | null;
  channel: 'online' | 'agency';
  bookedById: string | null;
  agentUserId: string | null;
  actor: AppointmentActor;
}

const fieldError = (code: 'CONFLICT' | 'NOT_ELIGIBLE' | 'FORBIDDEN', field: string, message: string) =>
  new AppError(code, [{ field, message }], message);

export const SLOT_FULL = 'slot full';
export const ALREADY_ACTIVE = 'you already hold an appointment for this category';

/** A short, unguessable check-in code (shown as QR): 10 characters of Crockford base32. */
function newCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => alphabet[b & 31]).join('');
}

const isUniqueViolation = (err: unknown): boolean => {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    e = e.cause as typeof e, i++
  )
    if (e.code === '23505') return true;
  return false;
};

const citizenActor = (p: User, meta: Meta): AppointmentActor => ({
  audit: auditActorOf(p, meta.ip, meta.requestId),
  name: p.role,
});

async function findSlot(db: Executor, slotId: string, field = 'body.slotId'): Promise<SlotRow> {
  const [slot] = await db.select().from(appointmentSlots).where(eq(appointmentSlots.id, slotId));
  if (!slot) throw new AppError('NOT_FOUND', [{ field, message: 'no such slot' }]);
  return slot;
}

/** Checks a slot can be booked now (before any write): open, first-come, within the horizon. */
async function checkBookable(ctx: AppContext, slot: SlotRow, category?: string): Promise<void> {
  if (slot.status !== 'open') throw fieldError('CONFLICT', 'body.slotId', 'this slot is closed');
  if (slot.allocation !== 'first-come')
    throw fieldError(
      'NOT_ELIGIBLE',
      'body.slotId',
      'this slot is allocated after its request window, request it instead',
    );
  if (category && slot.category !== category)
    throw fieldError('NOT_ELIGIBLE', 'body.slotId', 'the new slot must be for the same business category');
  const today = ctx.clock.today();
  if (!isWithinHorizon(slot.day, today, await workingCalendar(ctx.db)))
    throw fieldError('NOT_ELIGIBLE', 'body.slotId', 'this day is outside the booking horizon');
}

/** The ban in force for a person, if any. */
export async function activeBan(db: Executor, personId: string, now: Date) {
  const [ban] = await db
    .select()
    .from(bookingBans)
    .where(and(eq(bookingBans.personId, personId), gt(bookingBans.until, now)))
    .orderBy(desc(bookingBans.until))
    .limit(1);
  return ban ?? null;
}

/** Takes one seat of a slot if one is left: the database decides (`booked < capacity`), never a read. */
async function takeSeat(tx: Tx, slotId: string): Promise<boolean> {
  const taken = await tx
    .update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} + 1` })
    .where(
      and(
        eq(appointmentSlots.id, slotId),
        lt(appointmentSlots.booked, appointmentSlots.capacity),
        eq(appointmentSlots.status, 'open'),
      ),
    )
    .returning({ id: appointmentSlots.id });
  return taken.length === 1;
}

/**
 * Holds a seat for a person: ONE transaction that takes the seat with a conditional UPDATE (none left →
 * 409 slot full) and inserts the held appointment (the partial unique index on person + category refuses
 * a second active one → the whole transaction rolls back, seat included → 409). Concurrent requests on
 * any number of nodes can never overbook a slot nor give one person two active appointments.
 */
export async function holdSlot(
  ctx: AppContext,
  booker: Booker,
  slotId: string,
  opts: { confirmAtOnce?: boolean } = {},
): Promise<AppointmentRow> {
  const rules = bookingRulesAt(ctx.clock.today());
  if (!realNameAllowsBooking(booker.realNameLevel, rules))
    throw fieldError(
      'FORBIDDEN',
      'realNameLevel',
      'real-name verification against an ID card is needed to book',
    );
  const now = ctx.clock.now();
  const ban = await activeBan(ctx.db, booker.personId, now);
  if (ban)
    throw fieldError(
      'FORBIDDEN',
      'person',
      `booking is suspended until ${ban.until.toISOString()} after repeated no-shows`,
    );
  const slot = await findSlot(ctx.db, slotId);
  await checkBookable(ctx, slot);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (!(await takeSeat(tx, slot.id))) throw fieldError('CONFLICT', 'body.slotId', SLOT_FULL);
      const [row] = await tx
        .insert(appointments)
        .values({
          slotId: slot.id,
          personId: booker.personId,
          category: slot.category,
          status: 'held',
          bookedById: booker.bookedById,
          agentUserId: booker.agentUserId,
          channel: booker.channel,
          code: newCode(),
          holdExpiresAt: holdExpiresAt(now, rules),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAppointmentEvent(tx, row!.id, 'hold', null, 'held', booker.actor.name, { slotId }, now);
      await appendAudit(tx, booker.actor.audit, {
        action: 'appointment.hold',
        entityType: 'appointment',
        entityId: row!.id,
        details: { code: row!.code, category: slot.category, slotId, channel: booker.channel },
      });
      return opts.confirmAtOnce ? confirmInTx(ctx, tx, row!, booker.actor) : row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('CONFLICT', 'body.slotId', ALREADY_ACTIVE);
    throw err;
  }
}

async function confirmInTx(ctx: AppContext, tx: Tx, appt: AppointmentRow, actor: AppointmentActor) {
  const confirmed = await transitionAppointment(ctx, tx, appt, 'confirm', actor, {
    patch: { holdExpiresAt: null },
  });
  const view = await describe(tx, confirmed);
  await enqueueNotification(ctx, tx, {
    personId: confirmed.personId,
    template: 'appointment.confirmed',
    params: view.params,
    link: '/citizen/appointments',
    dedupeKey: `appointment:${confirmed.id}:confirmed`,
  });
  return confirmed;
}

/** Office, category and time of an appointment, for messages. */
async function describe(db: Executor, appt: AppointmentRow) {
  const [row] = await db
    .select({ startsAt: appointmentSlots.startsAt, nameZh: offices.nameZh, nameEn: offices.nameEn })
    .from(appointmentSlots)
    .innerJoin(offices, eq(offices.id, appointmentSlots.officeId))
    .where(eq(appointmentSlots.id, appt.slotId));
  const info = HALL_CATEGORY_INFO[appt.category as HallCategory];
  const time = new Date(row!.startsAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return {
    startsAt: row!.startsAt,
    params: {
      office: row!.nameZh,
      officeEn: row!.nameEn,
      category: info?.name.zh ?? appt.category,
      categoryEn: info?.name.en ?? appt.category,
      time,
      code: appt.code,
    },
  };
}

// ─── Citizen and agent use cases ────────────────────────────────────────────────────────────────────

export function citizenBooker(p: User, meta: Meta): Booker {
  if (!p.personId) throw new AppError('FORBIDDEN', undefined, 'account not bound to a person');
  return {
    personId: p.personId,
    realNameLevel: p.realNameLevel,
    channel: 'online',
    bookedById: p.userId,
    agentUserId: null,
    actor: citizenActor(p, meta),
  };
}

export async function bookForCitizen(ctx: AppContext, p: User, slotId: string, meta: Meta) {
  const row = await holdSlot(ctx, citizenBooker(p, meta), slotId);
  return toDto(ctx.db, row);
}

/**
 * An agent books for a citizen under an active authorization (电子委托书) from that citizen to this agent.
 * Any active authorization is enough whatever its item codes (an appointment is not a case item); the
 * citizen proved their identity (ID or face) when granting it. An agent's booking is confirmed at once.
 */
export async function bookForAgent(
  ctx: AppContext,
  p: User,
  body: { slotId: string; authorizationId: string },
  meta: Meta,
) {
  const [auth] = await ctx.db
    .select()
    .from(agentAuthorizations)
    .where(
      and(
        eq(agentAuthorizations.id, body.authorizationId),
        eq(agentAuthorizations.agentUserId, p.userId),
        isNull(agentAuthorizations.revokedAt),
      ),
    );
  if (!auth || auth.validUntil < ctx.clock.today())
    throw fieldError('FORBIDDEN', 'body.authorizationId', 'no active authorization from this citizen');
  const row = await holdSlot(
    ctx,
    {
      personId: auth.personId,
      realNameLevel: 'id',
      channel: 'agency',
      bookedById: p.userId,
      agentUserId: p.userId,
      actor: { audit: auditActorOf(p, meta.ip, meta.requestId), name: 'agent' },
    },
    body.slotId,
    { confirmAtOnce: true },
  );
  return toDto(ctx.db, row);
}

async function ownAppointment(db: Executor, p: User, id: string): Promise<AppointmentRow> {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
  if (!row || !p.personId || row.personId !== p.personId) throw new AppError('NOT_FOUND');
  return row;
}

export async function confirmForCitizen(ctx: AppContext, p: User, id: string, meta: Meta) {
  const appt = await ownAppointment(ctx.db, p, id);
  if (appt.status !== 'held') throw fieldError('CONFLICT', 'id', `the appointment is ${appt.status}`);
  if (appt.holdExpiresAt && appt.holdExpiresAt <= ctx.clock.now())
    throw fieldError('CONFLICT', 'id', 'the hold has expired, book again');
  const row = await ctx.db.transaction((tx) => confirmInTx(ctx, tx, appt, citizenActor(p, meta)));
  return toDto(ctx.db, row);
}

async function checkDeadline(ctx: AppContext, appt: AppointmentRow, what: string) {
  const slot = await findSlot(ctx.db, appt.slotId, 'id');
  if (!canCancel(slot.startsAt, ctx.clock.now(), bookingRulesAt(slot.day)))
    throw fieldError(
      'NOT_ELIGIBLE',
      'id',
      `too late to ${what}: the deadline was ${cancelDeadline(slot.startsAt, bookingRulesAt(slot.day)).toISOString()}`,
    );
}

export async function cancelForCitizen(ctx: AppContext, p: User, id: string, meta: Meta) {
  const appt = await ownAppointment(ctx.db, p, id);
  if (appt.status !== 'held' && appt.status !== 'confirmed')
    throw fieldError('CONFLICT', 'id', `the appointment is ${appt.status}`);
  await checkDeadline(ctx, appt, 'cancel');
  const row = await ctx.db.transaction((tx) =>
    transitionAppointment(ctx, tx, appt, 'cancel', citizenActor(p, meta), {
      patch: { cancelledAt: ctx.clock.now(), cancelReason: 'cancelled by the citizen' },
    }),
  );
  return toDto(ctx.db, row);
}

/**
 * Moves an appointment to another slot of the same category atomically: the new seat is taken (or 409
 * slot full and nothing changes), the old appointment ends (`reschedule-out`, its seat given back) and a
 * new one with a new code takes its place, keeping its status (a confirmed appointment stays confirmed).
 */
export async function rescheduleForCitizen(ctx: AppContext, p: User, id: string, slotId: string, meta: Meta) {
  const appt = await ownAppointment(ctx.db, p, id);
  if (appt.status !== 'held' && appt.status !== 'confirmed')
    throw fieldError('CONFLICT', 'id', `the appointment is ${appt.status}`);
  if (appt.slotId === slotId) throw fieldError('NOT_ELIGIBLE', 'body.slotId', 'this is already your slot');
  await checkDeadline(ctx, appt, 'reschedule');
  const slot = await findSlot(ctx.db, slotId);
  await checkBookable(ctx, slot, appt.category);
  const actor = citizenActor(p, meta);
  const now = ctx.clock.now();
  const newId = crypto.randomUUID();
  const row = await ctx.db.transaction(async (tx) => {
    // Both slots locked in one order (by id), so two people swapping slots never deadlock.
    await tx
      .select({ id: appointmentSlots.id })
      .from(appointmentSlots)
      .where(inArray(appointmentSlots.id, [appt.slotId, slot.id].sort()))
      .orderBy(asc(appointmentSlots.id))
      .for('update');
    if (!(await takeSeat(tx, slot.id))) throw fieldError('CONFLICT', 'body.slotId', SLOT_FULL);
    // The old one leaves the active statuses first (its seat given back), then the new one takes its place.
    await transitionAppointment(ctx, tx, appt, 'reschedule-out', actor, {
      details: { toAppointmentId: newId, toSlotId: slot.id },
      patch: { cancelledAt: now, cancelReason: 'moved to another slot' },
    });
    const [created] = await tx
      .insert(appointments)
      .values({
        ...appt,
        id: newId,
        slotId: slot.id,
        code: newCode(),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAppointmentEvent(
      tx,
      newId,
      'reschedule-in',
      null,
      appt.status,
      actor.name,
      { fromAppointmentId: appt.id, fromSlotId: appt.slotId },
      now,
    );
    return created!;
  });
  return toDto(ctx.db, row);
}

/** The check-in QR of one of my appointments: the code, as SVG. */
export async function qrForCitizen(ctx: AppContext, p: User, id: string) {
  const appt = await ownAppointment(ctx.db, p, id);
  const qrSvg = await QRCode.toString(appt.code, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { code: appt.code, qrSvg };
}

export async function listMine(ctx: AppContext, p: User) {
  if (!p.personId) return { items: [] };
  const rows = await ctx.db
    .select()
    .from(appointments)
    .where(eq(appointments.personId, p.personId))
    .orderBy(desc(appointments.createdAt));
  return { items: await Promise.all(rows.map((r) => toDto(ctx.db, r))) };
}

// ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────

async function checkScope(ctx: AppContext, p: User, officeId: string, field: string) {
  const scope = p.registryScopePath ? await officeIdsUnder(ctx.db, p.registryScopePath) : [];
  if (!scope.includes(officeId))
    throw new AppError('OUT_OF_SCOPE', [{ field, message: 'office outside your scope' }]);
}

export async function listDay(ctx: AppContext, p: User, officeId: string, day: string) {
  await checkScope(ctx, p, officeId, 'query.officeId');
  const rows = await ctx.db
    .select({ a: appointments, name: persons.name })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .where(and(eq(appointmentSlots.officeId, officeId), eq(appointmentSlots.day, day)))
    .orderBy(asc(appointmentSlots.startsAt), asc(appointments.createdAt));
  return {
    items: await Promise.all(
      rows.map(async (r) => ({ ...(await toDto(ctx.db, r.a)), personName: maskName(r.name) })),
    ),
  };
}

/**
 * A supervisor closes an office for a day (power cut, system outage): in ONE transaction every slot of
 * that office and day is closed (generated first, so nobody books it afterwards), every held or confirmed
 * appointment is cancelled with the reason (no strike), and each person gets one message via the outbox.
 */
export async function closeOfficeDay(
  ctx: AppContext,
  p: User,
  body: { officeId: string; day: string; reason: string },
  meta: Meta,
) {
  await bookableOffice(ctx.db, body.officeId, 'body.officeId');
  await checkScope(ctx, p, body.officeId, 'body.officeId');
  const audit = auditActorOf(p, meta.ip, meta.requestId);
  const actor: AppointmentActor = { audit, name: 'supervisor' };
  return ctx.db.transaction(async (tx) => {
    await ensureSlots(ctx, body.officeId, body.day, body.day, tx);
    const closed = await tx
      .update(appointmentSlots)
      .set({ status: 'closed' })
      .where(and(eq(appointmentSlots.officeId, body.officeId), eq(appointmentSlots.day, body.day)))
      .returning({ id: appointmentSlots.id });
    const ids = closed.map((s) => s.id);
    const active =
      ids.length === 0
        ? []
        : await tx
            .select()
            .from(appointments)
            .where(
              and(inArray(appointments.slotId, ids), inArray(appointments.status, ['held', 'confirmed'])),
            )
            .for('update');
    const now = ctx.clock.now();
    for (const appt of active) {
      const done = await transitionAppointment(ctx, tx, appt, 'office-close', actor, {
        details: { reason: body.reason },
        patch: { cancelledAt: now, cancelReason: body.reason },
      });
      const view = await describe(tx, done);
      await enqueueNotification(ctx, tx, {
        personId: done.personId,
        template: 'appointment.cancelled',
        params: { ...view.params, reason: body.reason },
        link: '/citizen/appointments',
        dedupeKey: `appointment:${done.id}:office-closed`,
      });
    }
    await appendAudit(tx, audit, {
      action: 'appointment.close-day',
      entityType: 'office',
      entityId: body.officeId,
      details: { day: body.day, reason: body.reason, slots: ids.length, cancelled: active.length },
    });
    return { officeId: body.officeId, day: body.day, slotsClosed: ids.length, cancelled: active.length };
  });
}

// ─── System: hold expiry, no-shows ──────────────────────────────────────────────────────────────────

const SYSTEM: AppointmentActor = { audit: SYSTEM_ACTOR, name: 'system' };

/** Expires the holds past their time and gives their seats back. Safe on several nodes: a hold already
 * moved by another node is skipped. Returns how many expired. */
export async function expireHolds(ctx: AppContext, limit = 500): Promise<number> {
  const due = await ctx.db
    .select()
    .from(appointments)
    .where(and(eq(appointments.status, 'held'), lte(appointments.holdExpiresAt, ctx.clock.now())))
    .limit(limit);
  let n = 0;
  for (const appt of due) {
    try {
      await ctx.db.transaction((tx) => transitionAppointment(ctx, tx, appt, 'expire', SYSTEM));
      n += 1;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    }
  }
  return n;
}

export function startAppointmentLoop(
  ctx: AppContext,
  log: { error(obj: unknown, msg: string): void },
  nodeId: string,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    // Holds past their time give their seats back; scarce releases whose window closed are drawn.
    running = expireHolds(ctx)
      .catch((err) => log.error({ err, nodeId }, 'appointment hold sweep failed'))
      .then(() => drawDueAllocations(ctx))
      .catch((err) => log.error({ err, nodeId }, 'scarce-release draw failed'))
      .finally(() => {
        busy = false;
      });
  };
  const handle = setInterval(tick, intervalMs);
  handle.unref();
  return async () => {
    clearInterval(handle);
    await running;
  };
}

/**
 * For the hall: the person did not come. The appointment becomes `no-show` (in the caller's
 * transaction), a strike is recorded (once per appointment), and enough strikes in the window earn a
 * temporary booking ban. Returns the ban's end, if one was imposed.
 */
export async function recordNoShow(
  ctx: AppContext,
  tx: Tx,
  appointmentId: string,
  actor: AppointmentActor = SYSTEM,
): Promise<{ bannedUntil: Date | null }> {
  const [appt] = await tx.select().from(appointments).where(eq(appointments.id, appointmentId)).for('update');
  if (!appt) throw new AppError('NOT_FOUND');
  await transitionAppointment(ctx, tx, appt, 'no-show', actor);
  const now = ctx.clock.now();
  await tx
    .insert(bookingStrikes)
    .values({ personId: appt.personId, appointmentId, at: now })
    .onConflictDoNothing();
  const rules = bookingRulesAt(ctx.clock.today());
  const strikes = await tx
    .select({ at: bookingStrikes.at })
    .from(bookingStrikes)
    .where(eq(bookingStrikes.personId, appt.personId));
  const until = banUntil(
    strikes.map((s) => s.at),
    now,
    rules,
  );
  if (!until || (await activeBan(tx, appt.personId, now))) return { bannedUntil: null };
  const [ban] = await tx
    .insert(bookingBans)
    .values({
      personId: appt.personId,
      until,
      reason: `${rules.strikesForBan} no-shows within ${rules.strikeWindowDays} days`,
      createdAt: now,
    })
    .returning();
  await appendAudit(tx, actor.audit, {
    action: 'appointment.ban',
    entityType: 'person',
    entityId: appt.personId,
    details: { until: until.toISOString(), banId: ban!.id, lastAppointmentId: appointmentId },
  });
  return { bannedUntil: until };
}

// ─── DTO ────────────────────────────────────────────────────────────────────────────────────────────

export async function toDto(db: Executor, a: AppointmentRow): Promise<AppointmentDto> {
  const [row] = await db
    .select({ slot: appointmentSlots, nameZh: offices.nameZh })
    .from(appointmentSlots)
    .innerJoin(offices, eq(offices.id, appointmentSlots.officeId))
    .where(eq(appointmentSlots.id, a.slotId));
  const slot = row!.slot;
  return {
    id: a.id,
    code: a.code,
    status: a.status as AppointmentDto['status'],
    category: a.category as HallCategory,
    officeId: slot.officeId,
    officeName: row!.nameZh,
    day: slot.day,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    channel: a.channel as AppointmentDto['channel'],
    holdExpiresAt: a.holdExpiresAt?.toISOString() ?? null,
    cancelDeadline: cancelDeadline(slot.startsAt, bookingRulesAt(slot.day)).toISOString(),
    createdAt: a.createdAt.toISOString(),
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    cancelReason: a.cancelReason,
  };
}

export type { AuditActor };
