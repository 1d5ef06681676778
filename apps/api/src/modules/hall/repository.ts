import {
  HALL_CATEGORY_INFO,
  type HallCategory,
  type HallCounterDto,
  type QueueTicketDto,
} from '@opendmv/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../identity/schema.ts';
import { publishHallChange } from './live.ts';
import { hallCounters, queueEvents, queueTickets } from './schema.ts';

export type TicketRow = typeof queueTickets.$inferSelect;
export type CounterRow = typeof hallCounters.$inferSelect;
export type UserPrincipal = Extract<Principal, { kind: 'user' }>;
export type Meta = { ip: string; requestId: string };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const ticketDto = (r: TicketRow): QueueTicketDto => ({
  id: r.id,
  officeId: r.officeId,
  day: r.day,
  number: r.number,
  category: r.category as HallCategory,
  priority: r.priority,
  priorityReason: (r.priorityReason as QueueTicketDto['priorityReason']) ?? null,
  source: r.source,
  appointmentId: r.appointmentId,
  personId: r.personId,
  status: r.status as QueueTicketDto['status'],
  counterId: r.counterId,
  caseId: r.caseId,
  estimatedWaitSeconds: r.estimatedWaitSeconds,
  issuedAt: r.issuedAt.toISOString(),
  calledAt: iso(r.calledAt),
  servedAt: iso(r.servedAt),
  doneAt: iso(r.doneAt),
  recalls: r.recalls,
});

/** Counters with their officer's name and the ticket at each now. */
export async function counterDtos(db: Executor, rows: CounterRow[]): Promise<HallCounterDto[]> {
  if (rows.length === 0) return [];
  const officerIds = [...new Set(rows.map((r) => r.officerUserId).filter((x): x is string => !!x))];
  const names = officerIds.length
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, officerIds))
    : [];
  const current = await db
    .select({ id: queueTickets.id, counterId: queueTickets.counterId })
    .from(queueTickets)
    .where(
      and(
        inArray(
          queueTickets.counterId,
          rows.map((r) => r.id),
        ),
        inArray(queueTickets.status, ['called', 'serving']),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    officeId: r.officeId,
    number: r.number,
    categories: r.categories as HallCategory[],
    status: r.status,
    officerUserId: r.officerUserId,
    officerName: names.find((n) => n.id === r.officerUserId)?.name ?? null,
    currentTicketId: current.find((c) => c.counterId === r.id)?.id ?? null,
  }));
}

/** The caller's own hall: staff act in their office's hall. */
export function ownOffice(p: UserPrincipal): string {
  if (!p.officeId) throw new AppError('FORBIDDEN', undefined, 'no office');
  return p.officeId;
}

/** The next number in a class for an office and day (A001…), serialized by a transaction lock. */
export async function nextTicketNumber(tx: Tx, officeId: string, day: string, category: HallCategory) {
  const letter = HALL_CATEGORY_INFO[category].letter;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`hall:${officeId}:${day}:${letter}`}))`);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.officeId, officeId),
        eq(queueTickets.day, day),
        sql`${queueTickets.number} LIKE ${`${letter}%`}`,
      ),
    );
  return `${letter}${String((row?.n ?? 0) + 1).padStart(3, '0')}`;
}

/**
 * Every ticket change: its queue event, its audit record and the live boards' notice, in the caller's
 * transaction.
 */
export async function recordTicketChange(
  ctx: AppContext,
  tx: Tx,
  ticket: TicketRow,
  action: string,
  actor: { audit: AuditActor; name: string },
  details: Record<string, unknown> = {},
  counterId: string | null = ticket.counterId,
): Promise<void> {
  await tx.insert(queueEvents).values({
    ticketId: ticket.id,
    officeId: ticket.officeId,
    action,
    counterId,
    actor: actor.name,
    details,
    at: ctx.clock.now(),
  });
  await appendAudit(tx, actor.audit, {
    action: `hall.${action}`,
    entityType: 'queue-ticket',
    entityId: ticket.id,
    details: { number: ticket.number, category: ticket.category, ...details },
  });
  await publishHallChange(ctx, tx, {
    officeId: ticket.officeId,
    action,
    ticketId: ticket.id,
    ...(counterId ? { counterId } : {}),
  });
}

export async function lockTicket(tx: Tx, id: string): Promise<TicketRow | undefined> {
  const [row] = await tx.select().from(queueTickets).where(eq(queueTickets.id, id)).for('update');
  return row;
}

export async function lockCounter(tx: Tx, id: string): Promise<CounterRow | undefined> {
  const [row] = await tx.select().from(hallCounters).where(eq(hallCounters.id, id)).for('update');
  return row;
}
