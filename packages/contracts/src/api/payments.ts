import { z } from 'zod';
import { ORDER_KINDS, ORDER_STATUSES } from '../payments/order.ts';
import { PAYMENT_CHANNELS, PAYMENT_PROVIDERS } from '../payments/providers.ts';

export const paymentProviderSchema = z.enum(PAYMENT_PROVIDERS);
export const orderStatusSchema = z.enum(ORDER_STATUSES);

/** What to pay for: a decided fine (with the surcharge as of today) or a case's fee. */
export const createOrderSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fine'), violationId: z.uuid() }),
    z.strictObject({ kind: z.literal('fee'), caseId: z.uuid() }),
  ])
  .meta({ id: 'CreatePaymentOrder' });
export type CreateOrderInput = z.infer<typeof createOrderSchema>;

export const breakdownSchema = z.object({
  fineFen: z.number().int().optional(),
  surchargeFen: z.number().int().optional(),
  daysLate: z.number().int().optional(),
  feeFen: z.number().int().optional(),
});

export const paymentOrderSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    kind: z.enum(ORDER_KINDS),
    status: orderStatusSchema,
    channel: z.enum(PAYMENT_CHANNELS),
    amountFen: z.number().int(),
    breakdown: breakdownSchema,
    /** What is paid for, for people: the plate and place of a fine, the case number and item of a fee. */
    subjectLabel: z.string(),
    caseId: z.uuid().nullable(),
    violationId: z.uuid().nullable(),
    provider: paymentProviderSchema.nullable(),
    providerRef: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    paidAt: z.string().nullable(),
    refundedAt: z.string().nullable(),
    refundReason: z.string().nullable(),
    /** The electronic receipt, once paid. */
    receiptId: z.uuid().nullable(),
  })
  .meta({ id: 'PaymentOrder' });
export type PaymentOrderDto = z.infer<typeof paymentOrderSchema>;

export const paymentOrderListSchema = z.object({ items: z.array(paymentOrderSchema) });

/** Start paying with a provider. `returnPath` is where the provider's cashier sends the payer back. */
export const payOrderSchema = z
  .strictObject({
    provider: paymentProviderSchema,
    returnPath: z
      .string()
      .regex(/^\/[A-Za-z0-9/_\-?=&.]*$/, 'a path on this site')
      .max(200)
      .optional(),
  })
  .meta({ id: 'PayOrder' });

export const payIntentSchema = z
  .object({
    order: paymentOrderSchema,
    /** The provider's cashier page (bank card) or the QR content to scan (WeChat / Alipay). */
    payUrl: z.string(),
    qrContent: z.string().nullable(),
  })
  .meta({ id: 'PayIntent' });
export type PayIntentDto = z.infer<typeof payIntentSchema>;

/** A window officer takes the payment: cash into the till, or a card on the counter's POS. */
export const collectPaymentSchema = z
  .strictObject({
    provider: z.enum(['cash', 'pos', 'unionpay', 'wechat', 'alipay']),
    /** Cash handed over, in fen (change is given back); only for cash. */
    tenderedFen: z.number().int().min(0).max(100_000_000).optional(),
  })
  .meta({ id: 'CollectPayment' });

/** What a provider sends the platform, signed (see payments/signature.ts). */
export const providerNotificationSchema = z
  .strictObject({
    /** Unique per notification; a redelivery carries the same id. */
    notificationId: z.string().min(8).max(80),
    event: z.enum(['payment.succeeded', 'refund.succeeded']),
    orderNumber: z.string().min(4).max(40),
    providerRef: z.string().min(4).max(80),
    /** The provider's transaction (or refund) id. */
    transactionId: z.string().min(4).max(80),
    amountFen: z.number().int().min(1).max(100_000_000),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ProviderNotification' });
export type ProviderNotification = z.infer<typeof providerNotificationSchema>;

export const statementLineSchema = z.object({
  transactionId: z.string(),
  orderNumber: z.string(),
  kind: z.enum(['payment', 'refund']),
  amountFen: z.number().int(),
  at: z.string(),
});
export type StatementLine = z.infer<typeof statementLineSchema>;

export const reconciliationDiffSchema = z.object({
  kind: z.enum(['missing-in-ledger', 'missing-at-provider', 'amount-mismatch']),
  transactionId: z.string(),
  orderNumber: z.string(),
  ledgerFen: z.number().int().nullable(),
  providerFen: z.number().int().nullable(),
});

export const reconciliationSchema = z
  .object({
    id: z.uuid(),
    provider: paymentProviderSchema,
    date: z.string(),
    ledgerCount: z.number().int(),
    ledgerFen: z.number().int(),
    providerCount: z.number().int(),
    providerFen: z.number().int(),
    differences: z.array(reconciliationDiffSchema),
    ranAt: z.string(),
  })
  .meta({ id: 'Reconciliation' });
export type ReconciliationDto = z.infer<typeof reconciliationSchema>;

export const runReconciliationSchema = z.strictObject({
  date: z.iso.date(),
  provider: paymentProviderSchema.optional(),
});
export const reconciliationListSchema = z.object({ items: z.array(reconciliationSchema) });
