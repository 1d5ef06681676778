import { HALL_CATEGORIES, type HallCounterDto } from '@opendmv/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { offices } from '../offices/schema.ts';
import { officeIdsUnder } from '../offices/scope.ts';
import { publishHallChange } from './live.ts';
import { counterDtos, lockCounter, type Meta, ownOffice, type UserPrincipal } from './repository.ts';
import { hallCounters, queueTickets } from './schema.ts';

/** The office a manager acts on: the one named (in their scope) or their own. */
async function managedOffice(ctx: AppContext, p: UserPrincipal, officeId?: string): Promise<string> {
  const id = officeId ?? p.officeId;
  if (!id) throw new AppError('VALIDATION_FAILED', [{ field: 'officeId', message: 'required' }]);
  if (id === p.officeId) return id;
  const scope = p.officePath ? await officeIdsUnder(ctx.db, p.officePath) : [];
  if (!scope.includes(id)) throw new AppError('OUT_OF_SCOPE');
  return id;
}

/** The hall's counters: a manager's (any office in scope) or an officer's own hall. */
export async function listCounters(
  ctx: AppContext,
  p: UserPrincipal,
  officeId?: string,
): Promise<{ items: HallCounterDto[] }> {
  const id = p.role === 'officer' ? ownOffice(p) : await managedOffice(ctx, p, officeId);
  const rows = await ctx.db
    .select()
    .from(hallCounters)
    .where(eq(hallCounters.officeId, id))
    .orderBy(asc(hallCounters.number));
  return { items: await counterDtos(ctx.db, rows) };
}

export async function createCounter(
  ctx: AppContext,
  p: UserPrincipal,
  input: { officeId?: string; number: string; categories: string[] },
  meta: Meta,
): Promise<HallCounterDto> {
  const officeId = await managedOffice(ctx, p, input.officeId);
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(hallCounters)
      .values({
        officeId,
        number: input.number,
        categories: [...new Set(input.categories)],
        updatedAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('CONFLICT', [{ field: 'body.number', message: 'this counter exists' }]);
    await appendAudit(tx, auditActorOf(p, meta.ip, meta.requestId), {
      action: 'hall.counter-create',
      entityType: 'hall-counter',
      entityId: row.id,
      details: { number: row.number, categories: row.categories },
    });
    await publishHallChange(ctx, tx, { officeId, action: 'counter-create', counterId: row.id });
    return row;
  });
  return (await counterDtos(ctx.db, [row]))[0]!;
}

/**
 * An officer opens a counter of their hall (it becomes theirs) or closes it. A counter someone else
 * staffs cannot be taken over; one with a ticket at it cannot close.
 */
export async function setCounterOpen(
  ctx: AppContext,
  p: UserPrincipal,
  counterId: string,
  open: boolean,
  meta: Meta,
): Promise<HallCounterDto> {
  const officeId = ownOffice(p);
  const row = await ctx.db.transaction(async (tx) => {
    const c = await lockCounter(tx, counterId);
    if (!c || c.officeId !== officeId) throw new AppError('NOT_FOUND');
    if (c.status === 'open' && c.officerUserId && c.officerUserId !== p.userId)
      throw new AppError('CONFLICT', [
        { field: 'counterId', message: 'another officer staffs this counter' },
      ]);
    if (!open) {
      const busy = await tx
        .select({ id: queueTickets.id })
        .from(queueTickets)
        .where(and(eq(queueTickets.counterId, c.id), inArray(queueTickets.status, ['called', 'serving'])))
        .limit(1);
      if (busy.length > 0)
        throw new AppError('CONFLICT', [
          { field: 'counterId', message: 'finish or transfer the ticket first' },
        ]);
    }
    if (open && c.status !== 'open') {
      const mine = await tx
        .select({ id: hallCounters.id })
        .from(hallCounters)
        .where(and(eq(hallCounters.officerUserId, p.userId), eq(hallCounters.status, 'open')));
      if (mine.some((m) => m.id !== c.id))
        throw new AppError('CONFLICT', [
          { field: 'counterId', message: 'you already staff another counter' },
        ]);
    }
    const [row] = await tx
      .update(hallCounters)
      .set({
        status: open ? 'open' : 'closed',
        officerUserId: open ? p.userId : null,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(hallCounters.id, c.id))
      .returning();
    await appendAudit(tx, auditActorOf(p, meta.ip, meta.requestId), {
      action: open ? 'hall.counter-open' : 'hall.counter-close',
      entityType: 'hall-counter',
      entityId: c.id,
      details: { number: c.number },
    });
    await publishHallChange(ctx, tx, {
      officeId,
      action: open ? 'counter-open' : 'counter-close',
      counterId: c.id,
    });
    return row!;
  });
  return (await counterDtos(ctx.db, [row]))[0]!;
}

/**
 * Demo halls: four counters (licences, vehicles, violations and inspection, one mixed) in every office
 * and branch that has none yet. Idempotent.
 */
export async function seedDemoCounters(ctx: AppContext): Promise<number> {
  const halls = await ctx.db
    .select({ id: offices.id })
    .from(offices)
    .where(inArray(offices.kind, ['office', 'branch']));
  const layout: [string, string[]][] = [
    ['1', ['licence']],
    ['2', ['vehicle', 'inspection']],
    ['3', ['violation']],
    ['4', [...HALL_CATEGORIES]],
  ];
  let added = 0;
  for (const h of halls) {
    const rows = await ctx.db
      .insert(hallCounters)
      .values(
        layout.map(([number, categories]) => ({
          officeId: h.id,
          number,
          categories,
          updatedAt: ctx.clock.now(),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: hallCounters.id });
    added += rows.length;
  }
  return added;
}
