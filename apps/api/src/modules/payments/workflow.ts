import { nextOrderStatus, type OrderAction, type OrderStatus } from '@opendmv/contracts';
import { eq, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { OrderRow } from './repository.ts';
import { paymentOrderEvents, paymentOrders } from './schema.ts';

/**
 * The only writer of an order's status, in the caller's transaction with the order row locked: checks
 * the transition table in contracts, appends the order's event and writes the audit record.
 */
export async function transitionOrder(
  ctx: AppContext,
  tx: Tx,
  order: OrderRow,
  action: OrderAction,
  actor: { audit: AuditActor; name: string },
  opts: { details?: Record<string, unknown>; patch?: Partial<typeof paymentOrders.$inferInsert> } = {},
): Promise<OrderRow> {
  const from = order.status as OrderStatus;
  const to = nextOrderStatus(from, action);
  if (!to) throw new AppError('ILLEGAL_TRANSITION', undefined, `${action} from ${from}`);
  const now = ctx.clock.now();
  const [updated] = await tx
    .update(paymentOrders)
    .set({ status: to, updatedAt: now, ...opts.patch })
    .where(eq(paymentOrders.id, order.id))
    .returning();
  await recordOrderEvent(tx, order.id, action, from, to, actor.name, opts.details ?? {}, now);
  await appendAudit(tx, actor.audit, {
    action: `payment.${action}`,
    entityType: 'payment-order',
    entityId: order.id,
    details: { number: order.number, from, to, amountFen: order.amountFen, ...opts.details },
  });
  return updated!;
}

export async function recordOrderEvent(
  tx: Tx,
  orderId: string,
  action: string,
  from: string | null,
  to: string,
  actor: string,
  details: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await tx.insert(paymentOrderEvents).values({
    orderId,
    seq: sql`(SELECT coalesce(max(seq), 0) + 1 FROM payment_order_events WHERE order_id = ${orderId})`,
    action,
    fromStatus: from,
    toStatus: to,
    actor,
    details,
    at,
  });
}
