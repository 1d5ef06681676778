import {
  can,
  IllegalTransitionError,
  nextViolationStatus,
  type ViolationAction,
  type ViolationStatus,
} from '@opendmv/contracts';
import { eq, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { officeIdsUnder } from '../offices/scope.ts';
import type { ViolationRow } from './mappers.ts';
import { findViolationById, lockViolation } from './repository.ts';
import { drivingLicences, vehicles, violations } from './schema.ts';

const ACTION_PERMISSION = { decide: 'violation:decide', pay: 'violation:decide' } as const satisfies Record<
  ViolationAction,
  string
>;

/**
 * The only writer of a violation's status: checks the role, the transition table in contracts,
 * and writes the change, its side effects and the audit record in one transaction.
 *  - decide: the penalty decision — today becomes the decision date (the surcharge clock starts
 *    15 days later), the owner is the driver unless one was recorded, and the points go on the
 *    driver's licence in the current cycle.
 *  - pay: settled through the payments module (next issue); the transition exists in the table.
 */
export async function transitionViolation(
  ctx: AppContext,
  p: Principal,
  meta: { ip: string; requestId: string },
  id: string,
  action: ViolationAction,
): Promise<ViolationRow> {
  if (!can(p.role, ACTION_PERMISSION[action])) throw new AppError('FORBIDDEN');
  const scopePath = p.kind === 'user' ? p.registryScopePath : p.officePath;
  const scope = scopePath ? await officeIdsUnder(ctx.db, scopePath) : [];
  if (!(await findViolationById(ctx.db, id, scope))) throw new AppError('NOT_FOUND');
  return ctx.db.transaction((tx) =>
    applyViolationTransition(ctx, tx, id, action, auditActorOf(p, meta.ip, meta.requestId)),
  );
}

/**
 * The transition itself, inside the caller's transaction (also used by the case engine when a
 * violation-handling case is approved): row lock, transition table, side effects, audit record.
 */
export async function applyViolationTransition(
  ctx: AppContext,
  tx: Tx,
  id: string,
  action: ViolationAction,
  actor: AuditActor,
): Promise<ViolationRow> {
  const row = (await lockViolation(tx, id))!;
  let next: ViolationStatus;
  try {
    next = nextViolationStatus(row.status, action);
  } catch (err) {
    if (err instanceof IllegalTransitionError) throw new AppError('ILLEGAL_TRANSITION');
    throw err;
  }
  const today = ctx.clock.today();
  let driverId = row.driverId;
  if (action === 'decide' && !driverId && row.vehicleId) {
    driverId =
      (await tx.select({ ownerId: vehicles.ownerId }).from(vehicles).where(eq(vehicles.id, row.vehicleId)))[0]
        ?.ownerId ?? null;
  }
  const [updated] = await tx
    .update(violations)
    .set({
      status: next,
      driverId,
      ...(action === 'decide' ? { decisionDate: today } : { paidAt: ctx.clock.now().toISOString() }),
      updatedAt: ctx.clock.now(),
      updatedBy: actor.actorKind === 'user' ? actor.actorId : null,
    })
    .where(eq(violations.id, id))
    .returning();
  let pointsAdded = 0;
  if (action === 'decide' && driverId && row.points > 0) {
    const res = await tx
      .update(drivingLicences)
      .set({ points: sql`${drivingLicences.points} + ${row.points}`, updatedAt: ctx.clock.now() })
      .where(eq(drivingLicences.personId, driverId))
      .returning({ id: drivingLicences.id });
    if (res.length > 0) pointsAdded = row.points;
  }
  await appendAudit(tx, actor, {
    action: `violation.${action}`,
    entityType: 'violation',
    entityId: id,
    details: { from: row.status, to: next, plate: row.plate, code: row.code, pointsAdded },
  });
  return updated!;
}
