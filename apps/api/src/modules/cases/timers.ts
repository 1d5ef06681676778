import { findTransition } from '@opendmv/contracts';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { findVersionById } from '../catalog/index.ts';
import { systemActor } from './actors.ts';
import { transition } from './engine.ts';
import { afterDecision } from './outcomes.ts';
import { lockCase } from './repository.ts';
import { caseTimers } from './schema.ts';

/**
 * Fires due legal-clock timers, one per transaction. A timer is claimed with FOR UPDATE SKIP LOCKED and
 * marked fired in the same transaction as the escalation or deemed approval it causes, so with any number
 * of nodes each timer fires exactly once, and a crash before commit leaves it pending for the next scan.
 * Returns how many fired.
 */
export async function fireDueTimers(
  ctx: AppContext,
  nodeId: string,
  max = 50,
  onError?: (err: unknown, timerId: string) => void,
): Promise<number> {
  let fired = 0;
  for (let i = 0; i < max; i++) {
    let claimed: string | null = null;
    let done: boolean;
    try {
      done = await ctx.db.transaction(async (tx) => {
        const [timer] = await tx
          .select()
          .from(caseTimers)
          .where(and(eq(caseTimers.status, 'pending'), lte(caseTimers.dueAt, ctx.clock.now())))
          .orderBy(asc(caseTimers.dueAt))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!timer) return false;
        claimed = timer.id;
        const row = await lockCase(tx, timer.caseId);
        let outcome: 'fired' | 'cancelled' = 'cancelled';
        if (row && row.status === timer.state) {
          const def = (await findVersionById(tx, row.itemVersionId))!.definition;
          const action =
            timer.action === 'deem-approve' &&
            findTransition(def.workflow, row.status as never, 'deem-approve')
              ? 'deem-approve'
              : 'escalate';
          if (findTransition(def.workflow, row.status as never, action)) {
            const next = await transition(ctx, tx, row, def, systemActor(nodeId), action, {
              details: { timer: timer.id, dueAt: timer.dueAt.toISOString() },
            });
            await afterDecision(ctx, tx, next, def, systemActor(nodeId));
            outcome = 'fired';
          }
        }
        // The transition may have cancelled the case's pending timers; this one is settled either way.
        await tx
          .update(caseTimers)
          .set({ status: outcome, firedAt: ctx.clock.now(), firedBy: nodeId })
          .where(eq(caseTimers.id, timer.id));
        if (outcome === 'fired') fired += 1;
        return true;
      });
    } catch (err) {
      // One timer that cannot be applied (its case broken, a bug) must not hold up the others: it is
      // retried ten minutes later, and the error is reported.
      if (!claimed) throw err;
      onError?.(err, claimed);
      await ctx.db
        .update(caseTimers)
        .set({ dueAt: sql`${caseTimers.dueAt} + interval '10 minutes'` })
        .where(eq(caseTimers.id, claimed));
      continue;
    }
    if (!done) break;
  }
  return fired;
}

/** Scans for due timers every `intervalMs` until stopped. Errors are logged; the next scan retries. */
export function startTimerLoop(
  ctx: AppContext,
  log: { error(obj: unknown, msg: string): void },
  nodeId: string,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const handle = setInterval(() => {
    running = fireDueTimers(ctx, nodeId, 50, (err, timer) =>
      log.error({ err, timer }, 'timer failed; retried later'),
    ).catch((err) => log.error({ err }, 'timer scan failed'));
  }, intervalMs);
  handle.unref();
  return async () => {
    clearInterval(handle);
    await running;
  };
}
