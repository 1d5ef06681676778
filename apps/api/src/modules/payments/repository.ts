import type { PaymentOrderDto } from '@opendmv/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { issuedDocuments } from '../issuance/schema.ts';
import { paymentOrders } from './schema.ts';

export type OrderRow = typeof paymentOrders.$inferSelect;

export async function lockOrder(tx: Tx, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(paymentOrders).where(eq(paymentOrders.id, id)).for('update');
  return row;
}

export async function lockOrderByNumber(tx: Tx, number: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(paymentOrders).where(eq(paymentOrders.number, number)).for('update');
  return row;
}

export async function findOrder(db: Executor, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(paymentOrders).where(eq(paymentOrders.id, id));
  return row;
}

/** P + the day + a running number from a database sequence. */
export async function nextOrderNumber(tx: Tx, today: string): Promise<string> {
  const res = (await tx.execute(sql`SELECT nextval('payment_order_seq') AS n`)) as unknown as {
    rows: { n: string | number }[];
  };
  return `P${today.replaceAll('-', '')}${String(Number(res.rows[0]!.n) % 1_000_000).padStart(6, '0')}`;
}

/** The receipts issued for these orders, by order id. */
async function receiptsOf(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: issuedDocuments.id, sourceId: issuedDocuments.sourceId })
    .from(issuedDocuments)
    .where(
      and(
        eq(issuedDocuments.kind, 'receipt'),
        eq(issuedDocuments.sourceKind, 'payment-order'),
        inArray(issuedDocuments.sourceId, ids),
      ),
    );
  return new Map(rows.map((r) => [r.sourceId, r.id]));
}

export async function toDtos(db: Executor, rows: OrderRow[]): Promise<PaymentOrderDto[]> {
  const receipts = await receiptsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    status: r.status as PaymentOrderDto['status'],
    channel: r.channel,
    amountFen: r.amountFen,
    breakdown: r.breakdown as PaymentOrderDto['breakdown'],
    subjectLabel: r.subjectLabel,
    caseId: r.caseId,
    violationId: r.violationId,
    provider: (r.provider ?? null) as PaymentOrderDto['provider'],
    providerRef: r.providerRef,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    paidAt: r.paidAt?.toISOString() ?? null,
    refundedAt: r.refundedAt?.toISOString() ?? null,
    refundReason: r.refundReason,
    receiptId: receipts.get(r.id) ?? null,
  }));
}

export async function toDto(db: Executor, row: OrderRow): Promise<PaymentOrderDto> {
  return (await toDtos(db, [row]))[0]!;
}
