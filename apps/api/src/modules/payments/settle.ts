import {
  formatYuan,
  maskName,
  type PaymentProvider,
  type ProviderNotification,
  providerNotificationSchema,
  todayInShanghai,
} from '@opendmv/contracts';
import { and, eq, ne } from 'drizzle-orm';
import { type AuditActor, appendAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { cases } from '../cases/schema.ts';
import { issueDocument, voidDocument } from '../issuance/index.ts';
import { enqueueNotification } from '../notifications/index.ts';
import { applyViolationTransition, persons } from '../registry/index.ts';
import { violations } from '../registry/schema.ts';
import { gatewayAdapter } from './adapter.ts';
import { lockOrderByNumber, type OrderRow } from './repository.ts';
import { paymentLedger, paymentNotifications, paymentOrders, paymentRefunds } from './schema.ts';
import { transitionOrder } from './workflow.ts';

export type SettleOutcome =
  | 'settled'
  | 'settled-and-refunding'
  | 'refund-settled'
  | 'duplicate'
  | 'already-settled'
  | 'unknown-order'
  | 'second-payment'
  | 'mismatch';

const providerActor = (provider: string): { audit: AuditActor; name: string } => ({
  audit: { ...SYSTEM_ACTOR, actorRole: 'payment-provider' },
  name: `provider:${provider}`,
});

/** Whether the thing an order pays for can still take this payment (not paid by another order, not closed). */
async function stillPayable(tx: Tx, order: OrderRow): Promise<boolean> {
  const [other] = await tx
    .select({ id: paymentOrders.id })
    .from(paymentOrders)
    .where(
      and(
        ne(paymentOrders.id, order.id),
        eq(paymentOrders.status, 'paid'),
        order.violationId
          ? eq(paymentOrders.violationId, order.violationId)
          : and(eq(paymentOrders.kind, 'fee'), eq(paymentOrders.caseId, order.caseId!)),
      ),
    )
    .limit(1);
  if (other) return false;
  if (order.violationId) {
    const [v] = await tx
      .select({ status: violations.status })
      .from(violations)
      .where(eq(violations.id, order.violationId));
    return v?.status === 'decided';
  }
  const [c] = await tx.select({ status: cases.status }).from(cases).where(eq(cases.id, order.caseId!));
  return !!c && !['rejected', 'withdrawn'].includes(c.status);
}

/** Asks the provider to give the money back (sent after commit by the sweep, retried until it answers). */
export async function requestRefund(
  ctx: AppContext,
  tx: Tx,
  order: OrderRow,
  reason: string,
  actor: { audit: AuditActor; name: string },
): Promise<OrderRow> {
  const next = await transitionOrder(ctx, tx, order, 'refund', actor, {
    details: { reason },
    patch: { refundReason: reason },
  });
  await tx
    .insert(paymentRefunds)
    .values({
      orderId: order.id,
      amountFen: order.amountFen,
      reason,
      createdAt: ctx.clock.now(),
      nextAttemptAt: ctx.clock.now(),
    })
    .onConflictDoNothing();
  return next;
}

async function receiptContent(
  tx: Tx,
  order: OrderRow,
  n: Pick<ProviderNotification, 'transactionId' | 'at'>,
) {
  const [payer] = await tx
    .select({ name: persons.name })
    .from(persons)
    .where(eq(persons.id, order.payerPersonId));
  let caseNumber: string | undefined;
  if (order.caseId)
    caseNumber = (await tx.select({ n: cases.number }).from(cases).where(eq(cases.id, order.caseId)))[0]?.n;
  return {
    orderNumber: order.number,
    orderKind: order.kind,
    subjectLabel: order.subjectLabel,
    payerName: maskName(payer?.name ?? ''),
    amountFen: order.amountFen,
    breakdown: order.breakdown as Record<string, number>,
    provider: order.provider,
    transactionId: n.transactionId,
    paidAt: n.at,
    channel: order.channel,
    ...(caseNumber ? { caseNumber } : {}),
  };
}

/**
 * Money received for an order: the order is paid, the ledger gets its one payment row, the fine is
 * marked paid, a receipt is issued and the payer told — all in the caller's transaction. Money for
 * something already paid (or no longer payable) is recorded and refunded.
 */
async function applyPayment(
  ctx: AppContext,
  tx: Tx,
  order: OrderRow,
  provider: PaymentProvider,
  n: Pick<ProviderNotification, 'transactionId' | 'at' | 'amountFen'> & { providerRef?: string },
  via: string,
): Promise<SettleOutcome> {
  const [ledger] = await tx
    .select({ id: paymentLedger.id, transactionId: paymentLedger.transactionId })
    .from(paymentLedger)
    .where(and(eq(paymentLedger.orderId, order.id), eq(paymentLedger.entry, 'payment')));
  if (ledger?.transactionId === n.transactionId) return 'already-settled';
  if (ledger) {
    // Money for this order a second time (two payments started at once): not counted twice; the
    // supervisor sees it here and in the day's reconciliation (missing in the ledger) to refund by hand.
    await appendAudit(tx, providerActor(provider).audit, {
      action: 'payment.notification-unmatched',
      entityType: 'payment-order',
      entityId: order.id,
      outcome: 'failure',
      details: { reason: 'second payment for a settled order', transactionId: n.transactionId, provider },
    });
    return 'second-payment';
  }
  const actor = providerActor(provider);
  const payable =
    order.status === 'pending' || order.status === 'expired' ? await stillPayable(tx, order) : false;
  // A cancelled order that is paid all the same is settled, then refunded.
  let row = await transitionOrder(ctx, tx, order, 'settle', actor, {
    details: { via, transactionId: n.transactionId, provider },
    patch: {
      paidAt: new Date(n.at),
      transactionId: n.transactionId,
      provider,
      ...(n.providerRef ? { providerRef: n.providerRef } : {}),
    },
  });
  await tx.insert(paymentLedger).values({
    orderId: order.id,
    entry: 'payment',
    provider,
    transactionId: n.transactionId,
    amountFen: n.amountFen,
    businessDate: todayInShanghai(new Date(n.at)),
    at: ctx.clock.now(),
  });
  const receipt = await issueDocument(ctx, tx, {
    kind: 'receipt',
    sourceKind: 'payment-order',
    sourceId: order.id,
    personId: order.payerPersonId,
    content: await receiptContent(tx, row, n),
  });
  if (!payable) {
    row = await requestRefund(ctx, tx, row, 'paid twice or no longer payable', actor);
    await voidDocument(ctx, tx, 'receipt', 'payment-order', order.id, 'refunded');
    return 'settled-and-refunding';
  }
  if (order.violationId) await applyViolationTransition(ctx, tx, order.violationId, 'pay', actor.audit);
  // Any other order still pending for the same thing can no longer be paid.
  const siblings = await tx
    .select()
    .from(paymentOrders)
    .where(
      and(
        ne(paymentOrders.id, order.id),
        eq(paymentOrders.status, 'pending'),
        order.violationId
          ? eq(paymentOrders.violationId, order.violationId)
          : and(eq(paymentOrders.kind, 'fee'), eq(paymentOrders.caseId, order.caseId!)),
      ),
    )
    .for('update');
  for (const s of siblings)
    await transitionOrder(ctx, tx, s, 'cancel', actor, { details: { paidBy: order.number } });
  await enqueueNotification(ctx, tx, {
    personId: order.payerPersonId,
    template: 'payment.settled',
    params: {
      orderNumber: order.number,
      amountYuan: formatYuan(order.amountFen),
      subject: order.subjectLabel,
    },
    link: `/citizen/payments/${order.id}`,
    dedupeKey: `payment:${order.id}:settled`,
  });
  void receipt;
  return 'settled';
}

async function applyRefund(
  ctx: AppContext,
  tx: Tx,
  order: OrderRow,
  provider: PaymentProvider,
  n: ProviderNotification,
): Promise<SettleOutcome> {
  if (order.status !== 'refund-pending') {
    if (order.status === 'refunded') return 'already-settled';
    // A refund we did not ask for (made at the provider's console, a chargeback): flagged for a person.
    await appendAudit(tx, providerActor(provider).audit, {
      action: 'payment.notification-unmatched',
      entityType: 'payment-order',
      entityId: order.id,
      outcome: 'failure',
      details: { reason: 'refund not requested', transactionId: n.transactionId, status: order.status },
    });
    return 'mismatch';
  }
  await transitionOrder(ctx, tx, order, 'refund-settle', providerActor(provider), {
    details: { transactionId: n.transactionId },
    patch: { refundedAt: new Date(n.at) },
  });
  await tx.insert(paymentLedger).values({
    orderId: order.id,
    entry: 'refund',
    provider,
    transactionId: n.transactionId,
    amountFen: -n.amountFen,
    businessDate: todayInShanghai(new Date(n.at)),
    at: ctx.clock.now(),
  });
  await tx.update(paymentRefunds).set({ status: 'settled' }).where(eq(paymentRefunds.orderId, order.id));
  await voidDocument(ctx, tx, 'receipt', 'payment-order', order.id, 'refunded');
  await enqueueNotification(ctx, tx, {
    personId: order.payerPersonId,
    template: 'payment.refunded',
    params: {
      orderNumber: order.number,
      amountYuan: formatYuan(order.amountFen),
      reason: order.refundReason ?? '',
    },
    link: `/citizen/payments/${order.id}`,
    dedupeKey: `payment:${order.id}:refunded`,
  });
  return 'refund-settled';
}

/**
 * A provider's notification: verified on the raw bytes, then recorded under its id in the same
 * transaction as what it causes, so a redelivery — concurrent, late or out of order — changes nothing.
 */
export async function handleNotification(
  ctx: AppContext,
  provider: PaymentProvider,
  headers: Record<string, string | string[] | undefined>,
  raw: string,
): Promise<{ outcome: SettleOutcome }> {
  const check = gatewayAdapter(ctx).verify(provider, headers, raw);
  if (!check.ok) throw new AppError('UNAUTHENTICATED', undefined, `notification signature: ${check.reason}`);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', [{ field: 'body', message: 'not JSON' }]);
  }
  const parsed = providerNotificationSchema.safeParse(body);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ field: ['body', ...i.path].join('.'), message: i.message })),
    );
  const n = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(paymentNotifications)
      .values({
        provider,
        notificationId: n.notificationId,
        orderNumber: n.orderNumber,
        event: n.event,
        outcome: 'received',
        payload: n,
        receivedAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: paymentNotifications.notificationId });
    if (!fresh) return { outcome: 'duplicate' as const };
    const order = await lockOrderByNumber(tx, n.orderNumber);
    let outcome: SettleOutcome;
    if (!order) outcome = 'unknown-order';
    else if (
      n.amountFen !== order.amountFen ||
      (order.providerRef !== null && order.providerRef !== n.providerRef && n.event === 'refund.succeeded')
    )
      outcome = 'mismatch';
    else if (n.event === 'payment.succeeded')
      outcome = await applyPayment(ctx, tx, order, provider, n, `notification:${n.notificationId}`);
    else outcome = await applyRefund(ctx, tx, order, provider, n);
    await tx
      .update(paymentNotifications)
      .set({ outcome })
      .where(
        and(
          eq(paymentNotifications.provider, provider),
          eq(paymentNotifications.notificationId, n.notificationId),
        ),
      );
    if (outcome === 'unknown-order' || outcome === 'mismatch')
      await appendAudit(tx, providerActor(provider).audit, {
        action: 'payment.notification-unmatched',
        entityType: 'payment-order',
        outcome: 'failure',
        details: { provider, orderNumber: n.orderNumber, outcome, amountFen: n.amountFen },
      });
    return { outcome };
  });
}

/**
 * Settles an order from the provider's own answer (the payer came back before the notification, the
 * server was down when it was sent, or the order is about to expire). Exactly once with the notification:
 * whichever comes second finds the ledger row.
 */
export async function settleByQuery(
  ctx: AppContext,
  order: OrderRow,
  p: { transactionId: string; paidAt: string; amountFen: number },
): Promise<OrderRow> {
  return ctx.db.transaction(async (tx) => {
    const locked = (await lockOrderByNumber(tx, order.number))!;
    await applyPayment(
      ctx,
      tx,
      locked,
      locked.provider as PaymentProvider,
      {
        transactionId: p.transactionId,
        at: p.paidAt,
        amountFen: p.amountFen,
      },
      'query',
    );
    return (await lockOrderByNumber(tx, order.number))!;
  });
}
