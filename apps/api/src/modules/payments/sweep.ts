import {
  addDays,
  PAYMENT_PROVIDERS,
  type PaymentProvider,
  type ReconciliationDto,
  type StatementLine,
} from '@opendmv/contracts';
import { and, asc, desc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import { type AuditActor, appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { gatewayAdapter } from './adapter.ts';
import { findOrder, lockOrder, type OrderRow } from './repository.ts';
import { paymentLedger, paymentOrders, paymentReconciliations, paymentRefunds } from './schema.ts';
import { requestRefund, settleByQuery } from './settle.ts';
import { transitionOrder } from './workflow.ts';

const sweeper = (name = 'payments'): { audit: AuditActor; name: string } => ({ audit: SYSTEM_ACTOR, name });

/** Asks the provider about a pending order; settles it when the provider says it was paid. */
export async function settleFromProvider(ctx: AppContext, order: OrderRow): Promise<OrderRow | null> {
  if (!order.provider || !order.providerRef) return null;
  const p = await gatewayAdapter(ctx).query(order.provider as PaymentProvider, order.providerRef);
  if (p.status !== 'paid' || !p.transactionId || !p.paidAt) return null;
  // A provider reporting another amount is not settled by a query: the notification (audited as a
  // mismatch) and the reconciliation show it.
  if (p.amountFen !== undefined && p.amountFen !== order.amountFen) return null;
  return settleByQuery(ctx, order, {
    transactionId: p.transactionId,
    paidAt: p.paidAt,
    amountFen: order.amountFen,
  });
}

/**
 * Expires an unpaid order. One with a payment started is first closed at its provider: if the provider
 * says it was paid after all, it settles instead. When the provider cannot be reached, nothing changes
 * (the next sweep tries again): an order is never expired while its money may be on the way.
 */
export async function expireOrder(ctx: AppContext, id: string, reason: string): Promise<OrderRow | null> {
  const order = await findOrder(ctx.db, id);
  if (order?.status !== 'pending') return order ?? null;
  if (order.provider && order.providerRef) {
    let closed: Awaited<ReturnType<ReturnType<typeof gatewayAdapter>['close']>> | null = null;
    try {
      closed = await gatewayAdapter(ctx).close(order.provider as PaymentProvider, order.providerRef);
    } catch (err) {
      // The provider does not know the payment: nothing was paid on it.
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    }
    if (closed?.status === 'paid' && closed.transactionId && closed.paidAt)
      return settleByQuery(ctx, order, {
        transactionId: closed.transactionId,
        paidAt: closed.paidAt,
        amountFen: order.amountFen,
      });
  }
  return ctx.db.transaction(async (tx) => {
    const locked = await lockOrder(tx, id);
    if (locked?.status !== 'pending') return locked ?? null;
    return transitionOrder(ctx, tx, locked, 'expire', sweeper(), { details: { reason } });
  });
}

/** Orders past their time: expired (after asking their provider). Returns how many changed. */
type OnError = (err: unknown, what: string) => void;

export async function expireDueOrders(ctx: AppContext, max = 50, onError?: OnError): Promise<number> {
  const due = await ctx.db
    .select({ id: paymentOrders.id })
    .from(paymentOrders)
    .where(and(eq(paymentOrders.status, 'pending'), lte(paymentOrders.expiresAt, ctx.clock.now())))
    .orderBy(asc(paymentOrders.expiresAt))
    .limit(max);
  let n = 0;
  for (const o of due) {
    try {
      const r = await expireOrder(ctx, o.id, 'expired');
      if (r && r.status !== 'pending') n += 1;
    } catch (err) {
      // One order the provider cannot answer for must not hold up the others (nor refunds).
      onError?.(err, `expire ${o.id}`);
    }
  }
  return n;
}

/**
 * Pending orders with a payment started more than a minute ago: the provider is asked, so a payment whose
 * notification was lost (the server down when it was sent) settles without waiting for the provider.
 */
export async function recoverPendingPayments(ctx: AppContext, max = 50, onError?: OnError): Promise<number> {
  const rows = await ctx.db
    .select()
    .from(paymentOrders)
    .where(
      and(
        eq(paymentOrders.status, 'pending'),
        isNotNull(paymentOrders.providerRef),
        lte(paymentOrders.updatedAt, new Date(ctx.clock.now().getTime() - 60_000)),
      ),
    )
    .orderBy(asc(paymentOrders.updatedAt))
    .limit(max);
  let n = 0;
  for (const o of rows) {
    try {
      if (await settleFromProvider(ctx, o)) n += 1;
    } catch (err) {
      onError?.(err, `query ${o.id}`);
    }
  }
  return n;
}

/** Refunds asked for and not yet accepted by the provider: sent (idempotent on the refund id), with backoff. */
export async function sendDueRefunds(ctx: AppContext, max = 50): Promise<number> {
  const due = await ctx.db
    .select({ r: paymentRefunds, o: paymentOrders })
    .from(paymentRefunds)
    .innerJoin(paymentOrders, eq(paymentOrders.id, paymentRefunds.orderId))
    .where(and(eq(paymentRefunds.status, 'requested'), lte(paymentRefunds.nextAttemptAt, ctx.clock.now())))
    .limit(max);
  let sent = 0;
  for (const { r, o } of due) {
    try {
      await gatewayAdapter(ctx).refund(o.provider as PaymentProvider, {
        providerRef: o.providerRef!,
        refundId: r.id,
        amountFen: r.amountFen,
      });
      await ctx.db
        .update(paymentRefunds)
        .set({ status: 'sent', attempts: r.attempts + 1, lastError: null })
        .where(and(eq(paymentRefunds.id, r.id), eq(paymentRefunds.status, 'requested')));
      sent += 1;
    } catch (err) {
      const wait = Math.min(60_000 * 2 ** r.attempts, 3_600_000);
      await ctx.db
        .update(paymentRefunds)
        .set({
          attempts: r.attempts + 1,
          lastError: (err as Error).message.slice(0, 300),
          nextAttemptAt: new Date(ctx.clock.now().getTime() + wait),
        })
        .where(eq(paymentRefunds.id, r.id));
    }
  }
  return sent;
}

/**
 * A rejected or withdrawn case gets its fee back: paid fee orders are refunded and pending ones cancelled,
 * in the caller's transaction (the case's own).
 */
export async function refundCaseFee(
  ctx: AppContext,
  tx: Tx,
  caseId: string,
  reason: string,
  audit: AuditActor,
): Promise<number> {
  const rows = await tx
    .select()
    .from(paymentOrders)
    .where(
      and(
        eq(paymentOrders.caseId, caseId),
        eq(paymentOrders.kind, 'fee'),
        inArray(paymentOrders.status, ['pending', 'paid']),
      ),
    )
    .for('update');
  for (const o of rows) {
    if (o.status === 'paid') await requestRefund(ctx, tx, o, reason, { audit, name: 'case' });
    else await transitionOrder(ctx, tx, o, 'cancel', { audit, name: 'case' }, { details: { reason } });
  }
  return rows.filter((o) => o.status === 'paid').length;
}

/**
 * The day's reconciliation with one provider: its statement against the ledger, matched on the
 * provider's transaction id; every difference is listed (money the provider took that the ledger lacks,
 * ledger rows the provider does not know, different amounts).
 */
export async function reconcile(
  ctx: AppContext,
  provider: PaymentProvider,
  date: string,
  ranBy: string,
): Promise<ReconciliationDto> {
  const statement: StatementLine[] = await gatewayAdapter(ctx).statement(provider, date);
  const ledger = await ctx.db
    .select({
      transactionId: paymentLedger.transactionId,
      amountFen: paymentLedger.amountFen,
      orderNumber: paymentOrders.number,
    })
    .from(paymentLedger)
    .innerJoin(paymentOrders, eq(paymentOrders.id, paymentLedger.orderId))
    .where(and(eq(paymentLedger.provider, provider), eq(paymentLedger.businessDate, date)));
  const byTxn = new Map(ledger.map((l) => [l.transactionId, l]));
  const seen = new Set<string>();
  const differences: ReconciliationDto['differences'] = [];
  for (const line of statement) {
    const l = byTxn.get(line.transactionId);
    seen.add(line.transactionId);
    if (!l)
      differences.push({
        kind: 'missing-in-ledger',
        transactionId: line.transactionId,
        orderNumber: line.orderNumber,
        ledgerFen: null,
        providerFen: line.amountFen,
      });
    else if (l.amountFen !== line.amountFen)
      differences.push({
        kind: 'amount-mismatch',
        transactionId: line.transactionId,
        orderNumber: line.orderNumber,
        ledgerFen: l.amountFen,
        providerFen: line.amountFen,
      });
  }
  for (const l of ledger)
    if (!seen.has(l.transactionId))
      differences.push({
        kind: 'missing-at-provider',
        transactionId: l.transactionId,
        orderNumber: l.orderNumber,
        ledgerFen: l.amountFen,
        providerFen: null,
      });
  const sum = (xs: { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0);
  const [row] = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(paymentReconciliations)
      .values({
        provider,
        businessDate: date,
        ledgerCount: ledger.length,
        ledgerFen: sum(ledger),
        providerCount: statement.length,
        providerFen: sum(statement),
        differences,
        ranAt: ctx.clock.now(),
        ranBy,
      })
      .returning();
    await appendAudit(tx, SYSTEM_ACTOR, {
      action: 'payment.reconcile',
      entityType: 'payment-reconciliation',
      entityId: inserted[0]!.id,
      outcome: differences.length === 0 ? 'success' : 'failure',
      details: { provider, date, differences: differences.length, ranBy },
    });
    return inserted;
  });
  return toReconciliationDto(row!);
}

export const toReconciliationDto = (r: typeof paymentReconciliations.$inferSelect): ReconciliationDto => ({
  id: r.id,
  provider: r.provider as PaymentProvider,
  date: r.businessDate,
  ledgerCount: r.ledgerCount,
  ledgerFen: r.ledgerFen,
  providerCount: r.providerCount,
  providerFen: r.providerFen,
  differences: r.differences as ReconciliationDto['differences'],
  ranAt: r.ranAt.toISOString(),
});

export async function reconcileDay(
  ctx: AppContext,
  date: string,
  ranBy: string,
  providers: readonly PaymentProvider[] = PAYMENT_PROVIDERS,
): Promise<ReconciliationDto[]> {
  const out: ReconciliationDto[] = [];
  for (const p of providers) out.push(await reconcile(ctx, p, date, ranBy));
  return out;
}

export async function listReconciliations(ctx: AppContext, date: string): Promise<ReconciliationDto[]> {
  const rows = await ctx.db
    .select()
    .from(paymentReconciliations)
    .where(eq(paymentReconciliations.businessDate, date))
    .orderBy(desc(paymentReconciliations.ranAt));
  // The latest run per provider.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.provider)) latest.set(r.provider, r);
  return [...latest.values()].map(toReconciliationDto);
}

/** Yesterday's reconciliation, once: the first sweep after midnight runs it. */
async function reconcileYesterdayOnce(ctx: AppContext, nodeId: string): Promise<void> {
  const yesterday = addDays(ctx.clock.today(), -1);
  const [done] = await ctx.db
    .select({ id: paymentReconciliations.id })
    .from(paymentReconciliations)
    .where(and(eq(paymentReconciliations.businessDate, yesterday), eq(paymentReconciliations.ranBy, 'daily')))
    .limit(1);
  if (done) return;
  await reconcileDay(ctx, yesterday, 'daily');
  void nodeId;
}

/** One sweep: expiry, lost notifications, refunds, and yesterday's reconciliation. */
export async function sweepPayments(ctx: AppContext, nodeId: string, onError?: OnError) {
  const expired = await expireDueOrders(ctx, 50, onError);
  const recovered = await recoverPendingPayments(ctx, 50, onError);
  const refunds = await sendDueRefunds(ctx);
  await reconcileYesterdayOnce(ctx, nodeId).catch((err) => onError?.(err, 'daily reconciliation'));
  return { expired, recovered, refunds };
}

export function startPaymentLoop(
  ctx: AppContext,
  log: { error(obj: unknown, msg: string): void },
  nodeId: string,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    // A sweep still under way (slow provider) is not doubled by the next tick.
    if (busy) return;
    busy = true;
    running = sweepPayments(ctx, nodeId, (err, what) => log.error({ err, what }, 'payment sweep step failed'))
      .catch((err) => log.error({ err }, 'payment sweep failed'))
      .finally(() => {
        busy = false;
      });
  };
  // First sweep right after start: payments made while this node was down settle now.
  const first = setTimeout(tick, 1_000);
  first.unref();
  const handle = setInterval(tick, intervalMs);
  handle.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(handle);
    await running;
  };
}
