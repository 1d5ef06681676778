import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidPk } from '../../platform/db/columns.ts';
import { cases } from '../cases/schema.ts';
import { offices } from '../offices/schema.ts';
import { persons, violations } from '../registry/schema.ts';

/**
 * A payment order (缴款单) in integer fen: a fine with its surcharge as of the day it was made, or a case's
 * fee. At most one pending order per fine and per case fee, enforced by partial unique indexes (money
 * that still arrives twice is recorded and refunded, never refused). `status` is changed only by the payments workflow (settle, expire, cancel, refund).
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: uuidPk(),
    number: text('number').notNull().unique(),
    kind: text('kind', { enum: ['fine', 'fee'] }).notNull(),
    status: text('status').notNull().default('pending'),
    channel: text('channel', { enum: ['online', 'window', 'kiosk'] }).notNull(),
    payerPersonId: uuid('payer_person_id')
      .notNull()
      .references(() => persons.id),
    caseId: uuid('case_id').references(() => cases.id),
    violationId: uuid('violation_id').references(() => violations.id),
    amountFen: integer('amount_fen').notNull(),
    breakdown: jsonb('breakdown').notNull(),
    subjectLabel: text('subject_label').notNull(),
    provider: text('provider'),
    providerRef: text('provider_ref'),
    /** The outlet (window office or kiosk's office) where it was paid, when not online. */
    outletId: uuid('outlet_id').references(() => offices.id),
    createdById: uuid('created_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'date' }),
    transactionId: text('transaction_id'),
    refundedAt: timestamp('refunded_at', { withTimezone: true, mode: 'date' }),
    refundReason: text('refund_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_orders_open_fine')
      .on(t.violationId)
      .where(sql`${t.status} = 'pending' and ${t.violationId} is not null`),
    uniqueIndex('payment_orders_open_fee')
      .on(t.caseId)
      .where(sql`${t.status} = 'pending' and ${t.kind} = 'fee'`),
    index('payment_orders_payer_idx').on(t.payerPersonId, t.createdAt.desc()),
    index('payment_orders_status_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/** Every order event (created, settled, expired, refunded…): the order's history, append-only. */
export const paymentOrderEvents = pgTable(
  'payment_order_events',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => paymentOrders.id),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actor: text('actor').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.seq] })],
);

/**
 * Provider notifications received, keyed by the provider's notification id: inserted in the transaction
 * that settles, so a redelivery (even a concurrent one) finds its row and changes nothing.
 */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    provider: text('provider').notNull(),
    notificationId: text('notification_id').notNull(),
    orderNumber: text('order_number').notNull(),
    event: text('event').notNull(),
    outcome: text('outcome').notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.notificationId] })],
);

/**
 * The ledger: one row per money movement, never changed. A payment and its refund are each unique per
 * order, so an order can be counted as paid at most once whatever the provider sends.
 */
export const paymentLedger = pgTable(
  'payment_ledger',
  {
    id: uuidPk(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => paymentOrders.id),
    entry: text('entry', { enum: ['payment', 'refund'] }).notNull(),
    provider: text('provider').notNull(),
    transactionId: text('transaction_id').notNull(),
    /** Positive for a payment, negative for a refund. */
    amountFen: integer('amount_fen').notNull(),
    /** The Asia/Shanghai business date the movement belongs to (reconciliation day). */
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    unique('payment_ledger_order_entry').on(t.orderId, t.entry),
    unique('payment_ledger_provider_txn').on(t.provider, t.transactionId),
    index('payment_ledger_day_idx').on(t.provider, t.businessDate),
  ],
);

/** Refunds asked of a provider; sent by a worker after the commit, retried until the provider confirms. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: uuidPk(),
    orderId: uuid('order_id')
      .notNull()
      .unique()
      .references(() => paymentOrders.id),
    amountFen: integer('amount_fen').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['requested', 'sent', 'settled'] })
      .notNull()
      .default('requested'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('payment_refunds_due_idx').on(t.status, t.nextAttemptAt)],
);

/** A day's comparison of the ledger with one provider's statement, with every difference listed. */
export const paymentReconciliations = pgTable(
  'payment_reconciliations',
  {
    id: uuidPk(),
    provider: text('provider').notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    ledgerCount: integer('ledger_count').notNull(),
    ledgerFen: integer('ledger_fen').notNull(),
    providerCount: integer('provider_count').notNull(),
    providerFen: integer('provider_fen').notNull(),
    differences: jsonb('differences').notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true, mode: 'date' }).notNull(),
    ranBy: text('ran_by').notNull(),
  },
  (t) => [index('payment_reconciliations_day_idx').on(t.businessDate, t.provider)],
);
