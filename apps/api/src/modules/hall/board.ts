import {
  estimateWait,
  HALL_CATEGORIES,
  HALL_CATEGORY_INFO,
  HALL_RULES,
  type HallBoardDto,
  type HallCategory,
  type HallStatsDto,
  percentile,
  type TicketPositionDto,
} from '@opendmv/contracts';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../identity/schema.ts';
import { officeIdsUnder } from '../offices/scope.ts';
import type { UserPrincipal } from './repository.ts';
import { hallCounters, queueEvents, queueTickets } from './schema.ts';
import { openCountersFor, peopleAhead, recentServiceSeconds } from './tickets.ts';

/**
 * What a hall's public board shows: each counter and the ticket at it, how many wait per class, the last
 * calls. Ticket numbers and counters only: never a name, an ID number or a priority reason.
 */
export async function hallBoard(ctx: AppContext, officeId: string): Promise<HallBoardDto> {
  const day = ctx.clock.today();
  const counters = await ctx.db
    .select()
    .from(hallCounters)
    .where(eq(hallCounters.officeId, officeId))
    .orderBy(asc(hallCounters.number));
  const atCounters = counters.length
    ? await ctx.db
        .select({
          counterId: queueTickets.counterId,
          number: queueTickets.number,
          status: queueTickets.status,
          calledAt: queueTickets.calledAt,
        })
        .from(queueTickets)
        .where(
          and(
            inArray(
              queueTickets.counterId,
              counters.map((c) => c.id),
            ),
            inArray(queueTickets.status, ['called', 'serving']),
          ),
        )
    : [];
  const waiting = await ctx.db
    .select({ category: queueTickets.category, n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(
      and(eq(queueTickets.officeId, officeId), eq(queueTickets.day, day), eq(queueTickets.status, 'waiting')),
    )
    .groupBy(queueTickets.category);
  const calls = await ctx.db
    .select({ number: queueTickets.number, counterNumber: hallCounters.number, at: queueEvents.at })
    .from(queueEvents)
    .innerJoin(queueTickets, eq(queueTickets.id, queueEvents.ticketId))
    .innerJoin(hallCounters, eq(hallCounters.id, queueEvents.counterId))
    .where(
      and(
        eq(queueEvents.officeId, officeId),
        inArray(queueEvents.action, ['call', 'recall']),
        eq(queueTickets.day, day),
      ),
    )
    .orderBy(desc(queueEvents.at))
    .limit(HALL_RULES.boardRecentCalls);
  return {
    officeId,
    at: ctx.clock.now().toISOString(),
    counters: counters.map((c) => {
      const cur = atCounters.find((t) => t.counterId === c.id);
      return {
        counterId: c.id,
        number: c.number,
        status: c.status,
        categories: c.categories as HallCategory[],
        current: cur
          ? {
              number: cur.number,
              status: cur.status as 'called' | 'serving',
              calledAt: cur.calledAt?.toISOString() ?? null,
            }
          : null,
      };
    }),
    waiting: HALL_CATEGORIES.map((category) => ({
      category,
      letter: HALL_CATEGORY_INFO[category].letter,
      count: waiting.find((w) => w.category === category)?.n ?? 0,
    })),
    recentCalls: calls.map((c) => ({
      number: c.number,
      counterNumber: c.counterNumber,
      at: c.at.toISOString(),
    })),
  };
}

/** Where a ticket stands now (people ahead, estimated wait, the counter once called). */
export async function ticketPosition(ctx: AppContext, ticketId: string): Promise<TicketPositionDto> {
  const [t] = await ctx.db.select().from(queueTickets).where(eq(queueTickets.id, ticketId));
  if (!t) throw new AppError('NOT_FOUND');
  const waiting = t.status === 'waiting';
  const ahead = waiting ? await peopleAhead(ctx.db, t) : 0;
  const estimate = waiting
    ? estimateWait(
        ahead,
        await recentServiceSeconds(ctx.db, t.officeId, t.category),
        await openCountersFor(ctx.db, t.officeId, t.category),
      )
    : null;
  const [counter] = t.counterId
    ? await ctx.db
        .select({ number: hallCounters.number })
        .from(hallCounters)
        .where(eq(hallCounters.id, t.counterId))
    : [];
  return {
    ticketId: t.id,
    number: t.number,
    category: t.category as HallCategory,
    status: t.status as TicketPositionDto['status'],
    ahead,
    estimatedWaitSeconds: estimate,
    counterNumber: t.status === 'waiting' ? null : (counter?.number ?? null),
  };
}

const dist = (values: number[]) => ({
  count: values.length,
  p50: percentile(values, 50),
  p90: percentile(values, 90),
});
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const secs = (a: Date, b: Date) => (a.getTime() - b.getTime()) / 1000;

function groupBy<T>(items: T[], key: (x: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k === null) continue;
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  return m;
}

/**
 * A hall's statistics over days: waiting-time distribution per category, service time per category,
 * counter and officer, no-show rate, appointment vs walk-in share, and the wait estimate's error.
 */
export async function hallStats(
  ctx: AppContext,
  p: UserPrincipal,
  q: { officeId?: string | undefined; from: string; to: string },
): Promise<HallStatsDto> {
  const officeId = q.officeId ?? p.officeId;
  if (!officeId)
    throw new AppError('VALIDATION_FAILED', [{ field: 'querystring.officeId', message: 'required' }]);
  if (officeId !== p.officeId) {
    const scope = p.officePath ? await officeIdsUnder(ctx.db, p.officePath) : [];
    if (!scope.includes(officeId)) throw new AppError('OUT_OF_SCOPE');
  }
  if (q.from > q.to)
    throw new AppError('VALIDATION_FAILED', [{ field: 'querystring.from', message: 'after to' }]);
  const tickets = await ctx.db
    .select()
    .from(queueTickets)
    .where(
      and(eq(queueTickets.officeId, officeId), gte(queueTickets.day, q.from), lte(queueTickets.day, q.to)),
    );
  const finishes = tickets.length
    ? await ctx.db
        .select({ ticketId: queueEvents.ticketId, details: queueEvents.details })
        .from(queueEvents)
        .where(
          and(
            eq(queueEvents.officeId, officeId),
            eq(queueEvents.action, 'finish'),
            inArray(
              queueEvents.ticketId,
              tickets.map((t) => t.id),
            ),
          ),
        )
    : [];
  const officerOf = new Map(
    finishes.map((f) => [f.ticketId, (f.details as { officerUserId?: string }).officerUserId ?? null]),
  );
  const counters = await ctx.db
    .select({ id: hallCounters.id, number: hallCounters.number })
    .from(hallCounters)
    .where(eq(hallCounters.officeId, officeId));
  const officerIds = [...new Set([...officerOf.values()].filter((x): x is string => !!x))];
  const names = officerIds.length
    ? await ctx.db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, officerIds))
    : [];

  const called = tickets.filter((t) => t.calledAt);
  const done = tickets
    .filter((t) => t.status === 'done' && t.doneAt)
    .map((t) => ({ t, s: secs(t.doneAt!, t.servedAt ?? t.calledAt ?? t.doneAt!) }));
  const errors = called
    .filter((t) => t.estimatedWaitSeconds !== null)
    .map((t) => secs(t.calledAt!, t.issuedAt) - t.estimatedWaitSeconds!);
  const abs = errors.map(Math.abs);
  const count = (source: string) => tickets.filter((t) => t.source === source).length;
  const noShows = tickets.filter((t) => t.status === 'no-show').length;

  return {
    officeId,
    from: q.from,
    to: q.to,
    tickets: tickets.length,
    waitByCategory: HALL_CATEGORIES.map((category) => ({
      category,
      ...dist(called.filter((t) => t.category === category).map((t) => secs(t.calledAt!, t.issuedAt))),
    })),
    serviceByCategory: HALL_CATEGORIES.map((category) => ({
      category,
      ...dist(done.filter((d) => d.t.category === category).map((d) => d.s)),
    })),
    serviceByCounter: [...groupBy(done, (d) => d.t.counterId)].map(([counterId, list]) => ({
      counterId,
      counterNumber: counters.find((c) => c.id === counterId)?.number ?? '?',
      ...dist(list.map((d) => d.s)),
    })),
    serviceByOfficer: [...groupBy(done, (d) => officerOf.get(d.t.id) ?? null)].map(
      ([officerUserId, list]) => ({
        officerUserId,
        officerName: names.find((n) => n.id === officerUserId)?.name ?? '?',
        ...dist(list.map((d) => d.s)),
      }),
    ),
    noShow: { called: called.length, noShows, rate: called.length ? noShows / called.length : null },
    sources: {
      appointment: count('appointment'),
      walkIn: count('walk-in'),
      lateAppointment: count('late-appointment'),
      appointmentShare: tickets.length
        ? (count('appointment') + count('late-appointment')) / tickets.length
        : null,
    },
    estimateError: {
      count: errors.length,
      meanAbsolute: mean(abs),
      p90Absolute: percentile(abs, 90),
      meanSigned: mean(errors),
    },
  };
}
