import crypto from 'node:crypto';
import {
  type AllocationResult,
  drawLottery,
  maskName,
  rankAllocation,
  seedCommitment,
  seedMatches,
} from '@opendmv/contracts';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { type AppContext, shanghaiDate } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { enqueueNotification } from '../notifications/index.ts';
import { offices } from '../offices/schema.ts';
import { persons } from '../registry/schema.ts';
import {
  allocationDraws,
  allocationRequests,
  appointmentEvents,
  appointmentSlots,
  appointments,
} from './schema.ts';

/**
 * Scarce releases (on-site inspection at the start of a month, plate-number candidates): not first-click.
 * A supervisor publishes a release — one slot with `allocation` lottery or rank and a request window —
 * and, at once, the SHA-256 of its lottery seed (commit). Citizens file one request each while the window
 * is open. After `requestsCloseAt` the draw (a supervisor's click or the sweep) reveals the seed, runs
 * the published algorithm of `@opendmv/contracts` (`drawLottery` / `rankAllocation`), confirms an
 * appointment for each winner, tells winners and losers, and publishes seed, request ids, winners and
 * the result hash so anyone can re-run it.
 *
 * The seed is HMAC-SHA256(HKDF(master key, 'opendmv/allocation-seed'), slot id): fixed the moment the
 * slot exists, before any request, with nothing to store; its commitment goes into the hash-chained audit
 * record of the release, and the draw refuses a seed that does not match that record. (Rotating the
 * master key between release and draw therefore stops the draw rather than change the seed.)
 */

type User = Extract<Principal, { kind: 'user' }>;
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

const actorOf = (u: User, meta: RequestMeta): AuditActor => ({
  actorId: u.userId,
  actorRole: u.role,
  actorKind: 'user',
  officeId: u.officeId,
  ip: meta.ip,
  requestId: meta.requestId,
});

export function allocationSeed(ctx: AppContext, slotId: string): string {
  return crypto
    .createHmac('sha256', ctx.pii.deriveKey('opendmv/allocation-seed'))
    .update(slotId)
    .digest('hex');
}

export interface ReleaseInput {
  officeId: string;
  category: 'licence' | 'vehicle' | 'violation' | 'inspection';
  startsAt: string;
  endsAt?: string | undefined;
  capacity: number;
  method: 'lottery' | 'rank';
  requestsCloseAt: string;
}

export interface ReleaseDto {
  slotId: string;
  officeId: string;
  category: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  method: 'lottery' | 'rank';
  requestsCloseAt: string;
  seedCommitment: string;
}

/** A supervisor publishes a scarce release: one slot allocated after its request window, with the seed commitment. */
export async function createRelease(
  ctx: AppContext,
  user: User,
  input: ReleaseInput,
  meta: RequestMeta,
): Promise<ReleaseDto> {
  const now = ctx.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(startsAt.getTime() + 30 * 60_000);
  const closeAt = new Date(input.requestsCloseAt);
  const fields: { field: string; message: string }[] = [];
  if (closeAt <= now) fields.push({ field: 'body.requestsCloseAt', message: 'must be in the future' });
  if (startsAt <= closeAt) fields.push({ field: 'body.startsAt', message: 'must be after requestsCloseAt' });
  if (endsAt <= startsAt) fields.push({ field: 'body.endsAt', message: 'must be after startsAt' });
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', fields);

  return ctx.db.transaction(async (tx) => {
    const [office] = await tx.select({ id: offices.id }).from(offices).where(eq(offices.id, input.officeId));
    if (!office) throw notFound('office');
    const [slot] = await tx
      .insert(appointmentSlots)
      .values({
        officeId: input.officeId,
        category: input.category,
        day: shanghaiDate(startsAt),
        startsAt,
        endsAt,
        capacity: input.capacity,
        allocation: input.method,
        requestsCloseAt: closeAt,
      })
      .onConflictDoNothing()
      .returning();
    if (!slot) throw new AppError('CONFLICT', undefined, 'a slot of this office and category starts then');
    const commitment = seedCommitment(allocationSeed(ctx, slot.id));
    await appendAudit(tx, actorOf(user, meta), {
      action: 'allocation.release',
      entityType: 'appointment-slot',
      entityId: slot.id,
      details: {
        method: input.method,
        capacity: input.capacity,
        category: input.category,
        startsAt: startsAt.toISOString(),
        requestsCloseAt: closeAt.toISOString(),
        seedCommitment: commitment,
      },
    });
    return {
      slotId: slot.id,
      officeId: slot.officeId,
      category: slot.category,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      capacity: slot.capacity,
      method: input.method,
      requestsCloseAt: closeAt.toISOString(),
      seedCommitment: commitment,
    };
  });
}

export interface AllocationRequestDto {
  id: string;
  slotId: string;
  status: 'requested' | 'won' | 'lost' | 'withdrawn';
  appointmentId: string | null;
  createdAt: string;
  requestsCloseAt: string | null;
  method: 'lottery' | 'rank';
}

const requestDto = (
  r: typeof allocationRequests.$inferSelect,
  slot: { requestsCloseAt: Date | null; allocation: string },
): AllocationRequestDto => ({
  id: r.id,
  slotId: r.slotId,
  status: r.status,
  appointmentId: r.appointmentId,
  createdAt: r.createdAt.toISOString(),
  requestsCloseAt: slot.requestsCloseAt?.toISOString() ?? null,
  method: slot.allocation as 'lottery' | 'rank',
});

/** A citizen's request for a scarce slot: real-name (ID or face), one per slot, only while the window is open. */
export async function requestAllocation(
  ctx: AppContext,
  user: User,
  slotId: string,
  meta: RequestMeta,
): Promise<AllocationRequestDto> {
  if (!user.personId || (user.realNameLevel !== 'id' && user.realNameLevel !== 'face'))
    throw new AppError('NOT_ELIGIBLE', undefined, 'real-name verification (ID or face) is required');
  const personId = user.personId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [slot] = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.id, slotId));
    if (!slot || slot.allocation === 'first-come') throw notFound('release');
    if (slot.status !== 'open' || !slot.requestsCloseAt || slot.requestsCloseAt <= now)
      throw new AppError('ILLEGAL_TRANSITION', undefined, 'the request window is closed');
    const [row] = await tx
      .insert(allocationRequests)
      .values({ slotId, personId, rankKey: now.toISOString(), createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('CONFLICT', undefined, 'you already requested this release');
    await appendAudit(tx, actorOf(user, meta), {
      action: 'allocation.request',
      entityType: 'allocation-request',
      entityId: row.id,
      details: { slotId },
    });
    return requestDto(row, slot);
  });
}

export async function listMyRequests(
  ctx: AppContext,
  user: User,
): Promise<{ items: AllocationRequestDto[] }> {
  if (!user.personId) return { items: [] };
  const rows = await ctx.db
    .select({ r: allocationRequests, s: appointmentSlots })
    .from(allocationRequests)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, allocationRequests.slotId))
    .where(eq(allocationRequests.personId, user.personId))
    .orderBy(sql`${allocationRequests.createdAt} desc`);
  return { items: rows.map(({ r, s }) => requestDto(r, s)) };
}

export interface PublicAllocationDto {
  slotId: string;
  officeId: string;
  category: string;
  startsAt: string;
  capacity: number;
  method: 'lottery' | 'rank';
  requestsCloseAt: string | null;
  /** sha256(seed), published from the release on. */
  seedCommitment: string;
  requestCount: number;
  drawn: boolean;
  /** After the draw: what anyone needs to re-run it with `drawLottery` / `rankAllocation`. */
  seed: string | null;
  /** Request ids in canonical order (lottery: sorted; rank: rank order, with their rank keys). */
  requests: { id: string; rankKey: string | null }[] | null;
  winners: string[] | null;
  resultSha256: string | null;
  drawnAt: string | null;
}

/** The public record of a release: before the draw, the seed commitment; after, seed, requests and winners. */
export async function publicAllocation(ctx: AppContext, slotId: string): Promise<PublicAllocationDto> {
  const [slot] = await ctx.db.select().from(appointmentSlots).where(eq(appointmentSlots.id, slotId));
  if (!slot || slot.allocation === 'first-come') throw notFound('release');
  const [draw] = await ctx.db.select().from(allocationDraws).where(eq(allocationDraws.slotId, slotId));
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(allocationRequests)
    .where(eq(allocationRequests.slotId, slotId));
  let requests: { id: string; rankKey: string | null }[] | null = null;
  if (draw) {
    const rows = await ctx.db
      .select({ id: allocationRequests.id, rankKey: allocationRequests.rankKey })
      .from(allocationRequests)
      .where(and(eq(allocationRequests.slotId, slotId), inArray(allocationRequests.status, ['won', 'lost'])));
    requests =
      draw.method === 'lottery'
        ? rows
            .map((r) => ({ id: r.id, rankKey: null }))
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        : rankAllocation(
            rows.map((r) => ({ key: r.id, rankKey: r.rankKey })),
            slot.capacity,
          ).order.map((id) => ({ id, rankKey: rows.find((r) => r.id === id)!.rankKey }));
  }
  return {
    slotId: slot.id,
    officeId: slot.officeId,
    category: slot.category,
    startsAt: slot.startsAt.toISOString(),
    capacity: slot.capacity,
    method: slot.allocation as 'lottery' | 'rank',
    requestsCloseAt: slot.requestsCloseAt?.toISOString() ?? null,
    seedCommitment: seedCommitment(allocationSeed(ctx, slot.id)),
    requestCount: count?.n ?? 0,
    drawn: draw !== undefined,
    seed: draw?.seed ?? null,
    requests,
    winners: draw ? (draw.winners as string[]) : null,
    resultSha256: draw?.resultSha256 ?? null,
    drawnAt: draw?.drawnAt.toISOString() ?? null,
  };
}

/** The commitment written in the (hash-chained) audit record of the release, if any. */
async function committedSeedHash(tx: Tx, slotId: string): Promise<string | null> {
  const [rec] = await tx
    .select({ details: auditLog.details })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, 'appointment-slot'),
        eq(auditLog.entityId, slotId),
        eq(auditLog.action, 'allocation.release'),
      ),
    )
    .limit(1);
  const c = (rec?.details as { seedCommitment?: unknown } | undefined)?.seedCommitment;
  return typeof c === 'string' ? c : null;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newCode = () =>
  Array.from(crypto.randomBytes(10), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');

export interface DrawSummary {
  slotId: string;
  method: 'lottery' | 'rank';
  requestCount: number;
  winners: number;
  excluded: number;
  resultSha256: string;
}

/**
 * Draws one release whose window has closed. In one transaction, with the slot row locked: the seed is
 * re-derived and checked against the commitment on record; requests of persons who already hold an
 * active appointment of the category are withdrawn (one per person and category); the algorithm runs;
 * winners get a confirmed appointment, requests become won/lost, the draw is published, audited and
 * winners and losers are notified through the outbox.
 */
export async function drawSlot(ctx: AppContext, slotId: string, actor: AuditActor): Promise<DrawSummary> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [slot] = await tx
      .select()
      .from(appointmentSlots)
      .where(eq(appointmentSlots.id, slotId))
      .for('update');
    if (!slot || slot.allocation === 'first-come') throw notFound('release');
    const method = slot.allocation as 'lottery' | 'rank';
    const [done] = await tx
      .select({ slotId: allocationDraws.slotId })
      .from(allocationDraws)
      .where(eq(allocationDraws.slotId, slotId));
    if (done) throw new AppError('ILLEGAL_TRANSITION', undefined, 'already drawn');
    if (!slot.requestsCloseAt || slot.requestsCloseAt > now)
      throw new AppError('ILLEGAL_TRANSITION', undefined, 'the request window is still open');
    if (slot.status !== 'open') throw new AppError('ILLEGAL_TRANSITION', undefined, 'the slot is not open');

    const seed = method === 'lottery' ? allocationSeed(ctx, slot.id) : '';
    const committed = await committedSeedHash(tx, slot.id);
    if (method === 'lottery' && (committed === null || !seedMatches(seed, committed)))
      throw new AppError('CONFLICT', undefined, 'the seed does not match the published commitment');

    const reqs = await tx
      .select()
      .from(allocationRequests)
      .where(and(eq(allocationRequests.slotId, slot.id), eq(allocationRequests.status, 'requested')))
      .orderBy(asc(allocationRequests.id));
    // One active appointment per person and category: such a request cannot be served.
    const busy = new Set<string>();
    if (reqs.length > 0) {
      const active = await tx
        .select({ personId: appointments.personId })
        .from(appointments)
        .where(
          and(
            inArray(
              appointments.personId,
              reqs.map((r) => r.personId),
            ),
            eq(appointments.category, slot.category),
            inArray(appointments.status, ['held', 'confirmed']),
          ),
        );
      for (const a of active) busy.add(a.personId);
    }
    const eligible = reqs.filter((r) => !busy.has(r.personId));
    const excluded = reqs.filter((r) => busy.has(r.personId));
    const free = slot.capacity - slot.booked;
    const result: AllocationResult =
      method === 'lottery'
        ? drawLottery(
            seed,
            eligible.map((r) => r.id),
            free,
          )
        : rankAllocation(
            eligible.map((r) => ({ key: r.id, rankKey: r.rankKey })),
            free,
          );
    const won = new Set(result.winners);
    const byId = new Map(eligible.map((r) => [r.id, r]));

    const winnerRows = result.winners.map((id) => byId.get(id)!);
    const created =
      winnerRows.length === 0
        ? []
        : await tx
            .insert(appointments)
            .values(
              winnerRows.map((r) => ({
                slotId: slot.id,
                personId: r.personId,
                category: slot.category,
                status: 'confirmed',
                bookedById: null,
                channel: 'allocation',
                code: newCode(),
                createdAt: now,
                updatedAt: now,
              })),
            )
            .returning({ id: appointments.id, personId: appointments.personId, code: appointments.code });
    const apptOf = new Map(created.map((a) => [a.personId, a]));
    if (created.length > 0) {
      await tx.insert(appointmentEvents).values(
        created.map((a) => ({
          appointmentId: a.id,
          action: 'allocate',
          fromStatus: null,
          toStatus: 'confirmed',
          actor: actor.actorId ?? 'system',
          details: { slotId: slot.id, method, resultSha256: result.resultSha256 },
          at: now,
        })),
      );
      await tx
        .update(appointmentSlots)
        .set({ booked: sql`${appointmentSlots.booked} + ${created.length}` })
        .where(eq(appointmentSlots.id, slot.id));
    }
    for (const r of winnerRows)
      await tx
        .update(allocationRequests)
        .set({ status: 'won', appointmentId: apptOf.get(r.personId)!.id })
        .where(eq(allocationRequests.id, r.id));
    const losers = eligible.filter((r) => !won.has(r.id));
    if (losers.length > 0)
      await tx
        .update(allocationRequests)
        .set({ status: 'lost' })
        .where(
          inArray(
            allocationRequests.id,
            losers.map((r) => r.id),
          ),
        );
    if (excluded.length > 0)
      await tx
        .update(allocationRequests)
        .set({ status: 'withdrawn' })
        .where(
          inArray(
            allocationRequests.id,
            excluded.map((r) => r.id),
          ),
        );
    await tx.insert(allocationDraws).values({
      slotId: slot.id,
      method,
      seed,
      requestCount: eligible.length,
      winners: result.winners,
      resultSha256: result.resultSha256,
      drawnAt: now,
    });
    await appendAudit(tx, actor, {
      action: 'allocation.draw',
      entityType: 'appointment-slot',
      entityId: slot.id,
      details: {
        method,
        seed,
        seedCommitment: committed,
        requestCount: eligible.length,
        winners: result.winners.length,
        excluded: excluded.length,
        resultSha256: result.resultSha256,
      },
    });

    const startsAt = slot.startsAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    const startsAtEn = slot.startsAt.toLocaleString('en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
    const link = `/public/allocations/${slot.id}`;
    for (const r of winnerRows) {
      const appt = apptOf.get(r.personId)!;
      await enqueueNotification(ctx, tx, {
        personId: r.personId,
        template: 'allocation.won',
        params: { startsAt, startsAtEn, code: appt.code, requestId: r.id },
        link,
        dedupeKey: `allocation:${r.id}`,
      });
    }
    for (const r of losers)
      await enqueueNotification(ctx, tx, {
        personId: r.personId,
        template: 'allocation.lost',
        params: { startsAt, startsAtEn, requestId: r.id, requests: eligible.length, places: free },
        link,
        dedupeKey: `allocation:${r.id}`,
      });
    return {
      slotId: slot.id,
      method,
      requestCount: eligible.length,
      winners: created.length,
      excluded: excluded.length,
      resultSha256: result.resultSha256,
    };
  });
}

/** A supervisor draws a release by hand (once its window has closed). */
export const drawBySupervisor = (ctx: AppContext, user: User, slotId: string, meta: RequestMeta) =>
  drawSlot(ctx, slotId, actorOf(user, meta));

/** The sweep: draws every release whose window has closed and that has no draw yet. */
export async function drawDueAllocations(ctx: AppContext): Promise<DrawSummary[]> {
  const due = await ctx.db
    .select({ id: appointmentSlots.id })
    .from(appointmentSlots)
    .leftJoin(allocationDraws, eq(allocationDraws.slotId, appointmentSlots.id))
    .where(
      and(
        inArray(appointmentSlots.allocation, ['lottery', 'rank']),
        eq(appointmentSlots.status, 'open'),
        lte(appointmentSlots.requestsCloseAt, ctx.clock.now()),
        isNull(allocationDraws.slotId),
      ),
    );
  const out: DrawSummary[] = [];
  for (const { id } of due) {
    try {
      out.push(await drawSlot(ctx, id, SYSTEM_ACTOR));
    } catch (err) {
      // Another node drew it meanwhile, or its commitment does not match: left for a supervisor.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return out;
}

/** Masked names of persons, for evidence shown to supervisors. */
export async function maskedNames(tx: Pick<Tx, 'select'>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: persons.id, name: persons.name })
    .from(persons)
    .where(inArray(persons.id, ids));
  return new Map(rows.map((r) => [r.id, maskName(r.name)]));
}
