import {
  type CallDecision,
  type CheckInInput,
  DEFAULT_CALLING_POLICY,
  estimateWait,
  HALL_RULES,
  type HallCategory,
  isLateArrival,
  nextTicket,
  nextTicketStatus,
  type QueueTicketDto,
  type TicketAction,
  type WaitingTicket,
  type WalkInInput,
} from '@opendmv/contracts';
import { and, desc, eq, gte, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { auditActorOf } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { transitionAppointment } from '../appointments/index.ts';
import { appointmentSlots, appointments } from '../appointments/schema.ts';
import { cases } from '../cases/schema.ts';
import { persons } from '../registry/schema.ts';
import { publishHallChange } from './live.ts';
import {
  lockCounter,
  lockTicket,
  type Meta,
  nextTicketNumber,
  ownOffice,
  recordTicketChange,
  type TicketRow,
  ticketDto,
  type UserPrincipal,
} from './repository.ts';
import { hallCounters, queueEvents, queueTickets } from './schema.ts';

const actorOf = (p: UserPrincipal, meta: Meta) => ({
  audit: auditActorOf(p, meta.ip, meta.requestId),
  name: p.username,
});

/** Recent service times (seconds, call or start to done) of a category in an office. */
export async function recentServiceSeconds(
  db: Executor,
  officeId: string,
  category: string,
): Promise<number[]> {
  const rows = await db
    .select({
      s: sql<number>`extract(epoch from (${queueTickets.doneAt} - coalesce(${queueTickets.servedAt}, ${queueTickets.calledAt})))::float`,
    })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.officeId, officeId),
        eq(queueTickets.category, category),
        eq(queueTickets.status, 'done'),
      ),
    )
    .orderBy(desc(queueTickets.doneAt))
    .limit(HALL_RULES.recentServices);
  return rows.map((r) => Number(r.s)).filter((s) => Number.isFinite(s) && s >= 0);
}

export async function openCountersFor(db: Executor, officeId: string, category: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(hallCounters)
    .where(
      and(
        eq(hallCounters.officeId, officeId),
        eq(hallCounters.status, 'open'),
        sql`${category} = ANY(${hallCounters.categories})`,
      ),
    );
  return row?.n ?? 0;
}

/**
 * People ahead of a ticket in its class: the priority lane ahead of a priority ticket; for a normal
 * ticket, earlier normal tickets and every waiting priority ticket (an upper bound: the lane is weighted).
 */
export async function peopleAhead(
  db: Executor,
  t: { officeId: string; day: string; category: string; priority: boolean; issuedAt: Date; id?: string },
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.officeId, t.officeId),
        eq(queueTickets.day, t.day),
        eq(queueTickets.category, t.category),
        eq(queueTickets.status, 'waiting'),
        t.id ? sql`${queueTickets.id} <> ${t.id}` : undefined,
        t.priority
          ? and(eq(queueTickets.priority, true), sql`${queueTickets.issuedAt} < ${t.issuedAt}`)
          : or(eq(queueTickets.priority, true), sql`${queueTickets.issuedAt} < ${t.issuedAt}`),
      ),
    );
  return row?.n ?? 0;
}

async function issueTicket(
  ctx: AppContext,
  tx: Tx,
  p: UserPrincipal,
  meta: Meta,
  t: {
    officeId: string;
    category: HallCategory;
    priorityReason?: string | undefined;
    source: 'appointment' | 'walk-in' | 'late-appointment';
    appointmentId?: string;
    personId?: string | null;
  },
  action: 'issue' | 'check-in',
): Promise<TicketRow> {
  const now = ctx.clock.now();
  const day = ctx.clock.today();
  const priority = !!t.priorityReason;
  const ahead = await peopleAhead(tx, {
    officeId: t.officeId,
    day,
    category: t.category,
    priority,
    issuedAt: now,
  });
  const estimate = estimateWait(
    ahead,
    await recentServiceSeconds(tx, t.officeId, t.category),
    await openCountersFor(tx, t.officeId, t.category),
  );
  const [row] = await tx
    .insert(queueTickets)
    .values({
      officeId: t.officeId,
      day,
      number: await nextTicketNumber(tx, t.officeId, day, t.category),
      category: t.category,
      priority,
      priorityReason: t.priorityReason ?? null,
      source: t.source,
      appointmentId: t.appointmentId ?? null,
      personId: t.personId ?? null,
      status: 'waiting',
      estimatedWaitSeconds: estimate,
      issuedAt: now,
    })
    .returning();
  await recordTicketChange(
    ctx,
    tx,
    row!,
    action,
    actorOf(p, meta),
    { source: t.source, priority, ahead, estimatedWaitSeconds: estimate },
    null,
  );
  return row!;
}

async function personByIdNumber(ctx: AppContext, db: Executor, idNumber: string) {
  const [row] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.idNumberHash, ctx.pii.lookupHash(idNumber)));
  return row;
}

/** A walk-in ticket in a class, possibly in the priority lane (reception or an officer). */
export async function issueWalkIn(
  ctx: AppContext,
  p: UserPrincipal,
  input: WalkInInput,
  meta: Meta,
): Promise<QueueTicketDto> {
  const officeId = ownOffice(p);
  const person = input.idNumber ? await personByIdNumber(ctx, ctx.db, input.idNumber) : undefined;
  if (input.idNumber && !person)
    throw new AppError('NOT_FOUND', [{ field: 'body.idNumber', message: 'no person with this ID number' }]);
  const row = await ctx.db.transaction((tx) =>
    issueTicket(
      ctx,
      tx,
      p,
      meta,
      {
        officeId,
        category: input.category,
        priorityReason: input.priorityReason,
        source: 'walk-in',
        personId: person?.id ?? null,
      },
      'issue',
    ),
  );
  return ticketDto(row);
}

/**
 * Check-in by appointment (its code from the QR, or the person's ID number and today's appointment in
 * this hall): a ticket in the appointment's class. More than the late limit after the slot start, it
 * queues as a walk-in (late-appointment).
 */
export async function checkIn(
  ctx: AppContext,
  p: UserPrincipal,
  input: CheckInInput,
  meta: Meta,
): Promise<QueueTicketDto> {
  const officeId = ownOffice(p);
  const today = ctx.clock.today();
  const row = await ctx.db.transaction(async (tx) => {
    let appointmentId: string | undefined;
    if ('appointmentCode' in input) {
      const [a] = await tx
        .select({ id: appointments.id })
        .from(appointments)
        .where(eq(appointments.code, input.appointmentCode.toUpperCase()));
      if (!a)
        throw new AppError('NOT_FOUND', [{ field: 'body.appointmentCode', message: 'no such appointment' }]);
      appointmentId = a.id;
    } else {
      const person = await personByIdNumber(ctx, tx, input.idNumber);
      if (!person)
        throw new AppError('NOT_FOUND', [
          { field: 'body.idNumber', message: 'no person with this ID number' },
        ]);
      const [a] = await tx
        .select({ id: appointments.id })
        .from(appointments)
        .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
        .where(
          and(
            eq(appointments.personId, person.id),
            eq(appointments.status, 'confirmed'),
            eq(appointmentSlots.officeId, officeId),
            eq(appointmentSlots.day, today),
          ),
        )
        .orderBy(appointmentSlots.startsAt)
        .limit(1);
      if (!a)
        throw new AppError('NOT_ELIGIBLE', [
          { field: 'body.idNumber', message: 'no appointment here today' },
        ]);
      appointmentId = a.id;
    }
    const [a] = await tx
      .select({ appt: appointments, slot: appointmentSlots })
      .from(appointments)
      .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
      .where(eq(appointments.id, appointmentId))
      .for('update', { of: appointments });
    if (!a || a.slot.officeId !== officeId) throw new AppError('NOT_FOUND');
    if (a.slot.day !== today)
      throw new AppError('NOT_ELIGIBLE', [
        { field: 'body', message: `the appointment is for ${a.slot.day}` },
      ]);
    if (a.appt.status !== 'confirmed')
      throw new AppError('NOT_ELIGIBLE', [{ field: 'body', message: `the appointment is ${a.appt.status}` }]);
    const now = ctx.clock.now();
    const late = isLateArrival(a.slot.startsAt, now);
    // The appointments module writes the appointment's side: checked in, or late (queued as a walk-in).
    await transitionAppointment(ctx, tx, a.appt, late ? 'arrive-late' : 'check-in', actorOf(p, meta), {
      patch: { checkedInAt: now },
    });
    return issueTicket(
      ctx,
      tx,
      p,
      meta,
      {
        officeId,
        category: a.appt.category as HallCategory,
        priorityReason: input.priorityReason,
        source: late ? 'late-appointment' : 'appointment',
        appointmentId: a.appt.id,
        personId: a.appt.personId,
      },
      'check-in',
    );
  });
  return ticketDto(row);
}

/** Priority tickets this counter called since its last normal call today (its run in the lane). */
async function priorityStreak(tx: Tx, counterId: string, since: Date): Promise<number> {
  const rows = await tx
    .select({ details: queueEvents.details })
    .from(queueEvents)
    .where(
      and(eq(queueEvents.counterId, counterId), eq(queueEvents.action, 'call'), gte(queueEvents.at, since)),
    )
    .orderBy(desc(queueEvents.at))
    .limit(DEFAULT_CALLING_POLICY.priorityRun + 1);
  let n = 0;
  for (const r of rows) {
    if ((r.details as { priority?: boolean }).priority !== true) break;
    n += 1;
  }
  return n;
}

/** The staffed counter of the caller (theirs, open, in their hall). */
async function myCounter(tx: Tx, p: UserPrincipal, counterId: string) {
  const c = await lockCounter(tx, counterId);
  if (!c || c.officeId !== ownOffice(p)) throw new AppError('NOT_FOUND');
  if (c.status !== 'open' || c.officerUserId !== p.userId)
    throw new AppError('CONFLICT', [{ field: 'counterId', message: 'open this counter first' }]);
  return c;
}

/** The waiting tickets as the calling rules see them. */
async function candidatesOf(
  tx: Tx,
  c: { id: string; categories: string[] },
  waiting: TicketRow[],
): Promise<(WaitingTicket & { row: TicketRow })[]> {
  // On-time appointments keep their booked place: they queue at their slot's start.
  const apptIds = waiting
    .filter((w) => w.source === 'appointment' && w.appointmentId)
    .map((w) => w.appointmentId!);
  const starts = apptIds.length
    ? await tx
        .select({ id: appointments.id, startsAt: appointmentSlots.startsAt })
        .from(appointments)
        .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
        .where(inArray(appointments.id, apptIds))
    : [];
  // A ticket transferred here is served whatever its class: it takes one of the counter's categories.
  return waiting.map((w) => ({
    id: w.id,
    category: w.counterId === c.id ? c.categories[0]! : w.category,
    priority: w.priority,
    queuedAt: (starts.find((s) => s.id === w.appointmentId)?.startsAt ?? w.issuedAt).getTime(),
    transferredHere: w.counterId === c.id,
    row: w,
  }));
}

/**
 * Calls the next ticket to a counter: a ticket transferred here first, else the calling rules in
 * contracts (weighted priority lane, anti-starvation) over the waiting tickets of its categories. The
 * chosen row is taken with SKIP LOCKED, so two counters calling at once never get the same ticket.
 * Null when nobody waits for it.
 */
export async function callNext(
  ctx: AppContext,
  p: UserPrincipal,
  counterId: string,
  meta: Meta,
): Promise<QueueTicketDto | null> {
  const row = await ctx.db.transaction(async (tx) => {
    const c = await myCounter(tx, p, counterId);
    const busy = await tx
      .select({ id: queueTickets.id })
      .from(queueTickets)
      .where(and(eq(queueTickets.counterId, c.id), inArray(queueTickets.status, ['called', 'serving'])))
      .limit(1);
    if (busy.length > 0)
      throw new AppError('CONFLICT', [
        { field: 'counterId', message: 'finish, skip or transfer the current ticket first' },
      ]);
    const now = ctx.clock.now();
    const dayStart = new Date(`${ctx.clock.today()}T00:00:00+08:00`);
    const state = { priorityStreak: await priorityStreak(tx, c.id, dayStart) };
    // Decide over the waiting tickets, then take the chosen one with FOR UPDATE SKIP LOCKED: a ticket
    // another counter is taking right now is skipped and the choice made again without it, so two
    // counters calling at once never get the same ticket and neither waits for the other. A row can also
    // be locked briefly by other work (the phone's "three ahead" text): when every choice was skipped,
    // wait for the first one and take it if it still waits.
    const skipped: CallDecision<WaitingTicket & { row: TicketRow }>[] = [];
    const take = async (d: CallDecision<WaitingTicket & { row: TicketRow }>, wait: boolean) => {
      const q = tx
        .select()
        .from(queueTickets)
        .where(and(eq(queueTickets.id, d.ticket.id), eq(queueTickets.status, 'waiting')));
      const [t] = await (wait ? q.for('update') : q.for('update', { skipLocked: true }));
      if (!t) return null;
      const [updated] = await tx
        .update(queueTickets)
        .set({ status: 'called', counterId: c.id, calledAt: t.calledAt ?? now })
        .where(eq(queueTickets.id, t.id))
        .returning();
      await recordTicketChange(
        ctx,
        tx,
        updated!,
        'call',
        actorOf(p, meta),
        { priority: t.priority, reason: d.reason, counterNumber: c.number, officerUserId: p.userId },
        c.id,
      );
      return updated!;
    };
    for (let attempt = 0; attempt < 8; attempt++) {
      const waiting = await tx
        .select()
        .from(queueTickets)
        .where(
          and(
            eq(queueTickets.officeId, c.officeId),
            eq(queueTickets.day, ctx.clock.today()),
            eq(queueTickets.status, 'waiting'),
            skipped.length
              ? notInArray(
                  queueTickets.id,
                  skipped.map((d) => d.ticket.id),
                )
              : undefined,
            or(
              eq(queueTickets.counterId, c.id),
              and(isNull(queueTickets.counterId), inArray(queueTickets.category, c.categories)),
            ),
          ),
        );
      const decision = nextTicket(
        await candidatesOf(tx, c, waiting),
        c.categories,
        state,
        DEFAULT_CALLING_POLICY,
        now.getTime(),
      );
      if (!decision) break;
      const got = await take(decision, false);
      if (got) return got;
      skipped.push(decision);
    }
    for (const d of skipped) {
      const got = await take(d, true);
      if (got) return got;
    }
    return null;
  });
  return row ? ticketDto(row) : null;
}

/**
 * The officer's actions on a ticket at their counter: recall, skip (no-show), transfer to another
 * counter of the hall (it waits at the head of that counter's queue), start serving, finish (with the
 * case it became).
 */
export async function actOnTicket(
  ctx: AppContext,
  p: UserPrincipal,
  ticketId: string,
  action: Exclude<TicketAction, 'call'>,
  meta: Meta,
  body: { counterId?: string; caseId?: string } = {},
): Promise<QueueTicketDto> {
  const officeId = ownOffice(p);
  const row = await ctx.db.transaction(async (tx) => {
    const t = await lockTicket(tx, ticketId);
    if (!t || t.officeId !== officeId) throw new AppError('NOT_FOUND');
    const to = nextTicketStatus(t.status, action);
    if (!to) throw new AppError('ILLEGAL_TRANSITION', undefined, `${action} from ${t.status}`);
    const now = ctx.clock.now();
    const patch: Partial<typeof queueTickets.$inferInsert> = { status: to };
    const details: Record<string, unknown> = { from: t.status, officerUserId: p.userId };
    if (action === 'recall') patch.recalls = t.recalls + 1;
    if (action === 'serve') patch.servedAt = now;
    if (action === 'finish') {
      patch.doneAt = now;
      if (body.caseId) {
        const [k] = await tx
          .select({ id: cases.id, office: cases.handlingOfficeId })
          .from(cases)
          .where(eq(cases.id, body.caseId));
        if (!k) throw new AppError('NOT_FOUND', [{ field: 'body.caseId', message: 'no such case' }]);
        patch.caseId = k.id;
        details.caseId = k.id;
      }
    }
    if (action === 'transfer') {
      const target = body.counterId ? await lockCounter(tx, body.counterId) : undefined;
      if (!target || target.officeId !== officeId)
        throw new AppError('NOT_FOUND', [
          { field: 'body.counterId', message: 'no such counter in this hall' },
        ]);
      if (target.id === t.counterId)
        throw new AppError('VALIDATION_FAILED', [
          { field: 'body.counterId', message: 'already at this counter' },
        ]);
      patch.counterId = target.id;
      details.fromCounterId = t.counterId;
      details.toCounterId = target.id;
    }
    // A skipped ticket is not an appointment no-show: the person checked in (the appointments module
    // counts the ones who never came).
    const [updated] = await tx.update(queueTickets).set(patch).where(eq(queueTickets.id, t.id)).returning();
    // A transfer is recorded at the counter it goes to (and the one it left is told too).
    await recordTicketChange(ctx, tx, updated!, action, actorOf(p, meta), details, updated!.counterId);
    if (action === 'transfer' && t.counterId)
      await publishHallChange(ctx, tx, {
        officeId,
        action: 'transfer-out',
        ticketId: t.id,
        counterId: t.counterId,
      });
    return updated!;
  });
  return ticketDto(row);
}

export async function getTicket(ctx: AppContext, p: UserPrincipal, id: string): Promise<QueueTicketDto> {
  const [row] = await ctx.db.select().from(queueTickets).where(eq(queueTickets.id, id));
  if (!row || row.officeId !== ownOffice(p)) throw new AppError('NOT_FOUND');
  return ticketDto(row);
}

/** Today's tickets of the caller's hall, by status (the officer's console). */
export async function listTickets(
  ctx: AppContext,
  p: UserPrincipal,
  status?: string,
): Promise<{ items: QueueTicketDto[] }> {
  const rows = await ctx.db
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.officeId, ownOffice(p)),
        eq(queueTickets.day, ctx.clock.today()),
        status ? eq(queueTickets.status, status) : undefined,
      ),
    )
    .orderBy(queueTickets.issuedAt);
  return { items: rows.map(ticketDto) };
}
