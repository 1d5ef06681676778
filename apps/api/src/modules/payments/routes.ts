import {
  collectPaymentSchema,
  createOrderSchema,
  idParamsSchema,
  PAYMENT_PROVIDERS,
  type Permission,
  payIntentSchema,
  paymentOrderListSchema,
  paymentOrderSchema,
  payOrderSchema,
  reconciliationListSchema,
  runReconciliationSchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../platform/auth/plugin.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import {
  collectAtWindow,
  createOrderAtWindow,
  createOrderOnline,
  getOrder,
  listMyOrders,
  listOrders,
  startPayment,
} from './orders.ts';
import { handleNotification } from './settle.ts';
import { listReconciliations, reconcileDay } from './sweep.ts';

const meta = (req: FastifyRequest) => ({ ip: req.ip, requestId: req.id });
/** Where the provider sends the payer back: this site, as the browser reached it. */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** Payments: the payer's orders, the window's till, the supervisor's reconciliation, the providers' notifications. */
export async function paymentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mine = { permission: 'case:apply' } as const;
  const window = { permission: 'payment:collect' } as const;
  const reconcileCfg = { permission: 'payment:reconcile' } as const;

  r.post(
    '/api/v1/me/payment-orders',
    {
      config: mine,
      schema: {
        operationId: 'createMyPaymentOrder',
        tags: ['payments'],
        summary:
          'An order to pay a decided fine (with the late surcharge as of today) or a case fee; the pending one is returned if it still holds',
        body: createOrderSchema,
        response: { 200: paymentOrderSchema, 201: paymentOrderSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await createOrderOnline(app.ctx, userOf(req), req.body, meta(req));
      return reply.code(r.created ? 201 : 200).send(r.order);
    },
  );

  r.get(
    '/api/v1/me/payment-orders',
    {
      config: mine,
      schema: {
        operationId: 'listMyPaymentOrders',
        tags: ['payments'],
        summary: 'My payment orders, newest first',
        querystring: z.strictObject({ caseId: z.uuid().optional() }),
        response: { 200: paymentOrderListSchema, ...errors },
      },
    },
    async (req) => listMyOrders(app.ctx, userOf(req), req.query.caseId),
  );

  r.get(
    '/api/v1/me/payment-orders/:id',
    {
      config: mine,
      schema: {
        operationId: 'getMyPaymentOrder',
        tags: ['payments'],
        summary: 'One of my orders (asks the provider when a payment is under way)',
        params: idParamsSchema,
        response: { 200: paymentOrderSchema, ...errors },
      },
    },
    async (req) => getOrder(app.ctx, userOf(req), req.params.id),
  );

  r.post(
    '/api/v1/me/payment-orders/:id/pay',
    {
      config: mine,
      schema: {
        operationId: 'payMyOrder',
        tags: ['payments'],
        summary:
          "Start paying with a provider: its cashier page or QR code; the provider's notification settles",
        params: idParamsSchema,
        body: payOrderSchema,
        response: { 200: payIntentSchema, ...errors },
      },
    },
    async (req) => startPayment(app.ctx, userOf(req), req.params.id, req.body, originOf(req)),
  );

  r.post(
    '/api/v1/payment-orders',
    {
      config: window,
      schema: {
        operationId: 'createWindowPaymentOrder',
        tags: ['payments'],
        summary: 'An order for a fine or fee taken at the window (in the office scope)',
        body: createOrderSchema,
        response: { 200: paymentOrderSchema, 201: paymentOrderSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await createOrderAtWindow(app.ctx, userOf(req), req.body, meta(req));
      return reply.code(r.created ? 201 : 200).send(r.order);
    },
  );

  r.post(
    '/api/v1/payment-orders/:id/collect',
    {
      config: window,
      schema: {
        operationId: 'collectPayment',
        tags: ['payments'],
        summary:
          "Take the payment at the counter (cash till, POS, QR); settles on the provider's notification",
        params: idParamsSchema,
        body: collectPaymentSchema,
        response: {
          200: paymentOrderSchema.extend({ changeFen: z.number().int().nullable() }),
          ...errors,
        },
      },
    },
    async (req) => collectAtWindow(app.ctx, userOf(req), req.params.id, req.body),
  );

  // Staff reads: the window (by case or fine) and the supervisor (by day and status), in their scope.
  const listQuery = z.strictObject({
    caseId: z.uuid().optional(),
    violationId: z.uuid().optional(),
    status: z.enum(['pending', 'paid', 'expired', 'cancelled', 'refund-pending', 'refunded']).optional(),
    date: z.iso.date().optional(),
  });
  const staffReads: [string, { permission: Permission }, string][] = [
    ['/api/v1/payment-orders', window, 'Window'],
    ['/api/v1/payments/orders', reconcileCfg, 'Supervisor'],
  ];
  for (const [base, config, who] of staffReads) {
    r.get(
      base,
      {
        config,
        schema: {
          operationId: `list${who}PaymentOrders`,
          tags: ['payments'],
          summary: 'Orders in my office scope, by case, fine, day or status',
          querystring: listQuery,
          response: { 200: paymentOrderListSchema, ...errors },
        },
      },
      async (req) => listOrders(app.ctx, userOf(req), req.query),
    );
    r.get(
      `${base}/:id`,
      {
        config,
        schema: {
          operationId: `get${who}PaymentOrder`,
          tags: ['payments'],
          summary: 'One order in my office scope',
          params: idParamsSchema,
          response: { 200: paymentOrderSchema, ...errors },
        },
      },
      async (req) => getOrder(app.ctx, userOf(req), req.params.id),
    );
  }

  r.get(
    '/api/v1/payments/reconciliations',
    {
      config: reconcileCfg,
      schema: {
        operationId: 'listReconciliations',
        tags: ['payments'],
        summary: "A day's latest reconciliation per provider",
        querystring: z.strictObject({ date: z.iso.date() }),
        response: { 200: reconciliationListSchema, ...errors },
      },
    },
    async (req) => ({ items: await listReconciliations(app.ctx, req.query.date) }),
  );

  r.post(
    '/api/v1/payments/reconciliations',
    {
      config: reconcileCfg,
      schema: {
        operationId: 'runReconciliation',
        tags: ['payments'],
        summary: "Compare a day's ledger with each provider's statement now, listing every difference",
        body: runReconciliationSchema,
        response: { 200: reconciliationListSchema, ...errors },
      },
    },
    async (req) => ({
      items: await reconcileDay(
        app.ctx,
        req.body.date,
        userOf(req).username,
        req.body.provider ? [req.body.provider] : undefined,
      ),
    }),
  );

  // The providers' notifications: signed over the exact bytes, so this route keeps the raw body.
  await app.register(async (raw) => {
    raw.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    raw.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/payments/notify/:provider',
      {
        config: { isPublic: true, rateLimit: false },
        schema: {
          operationId: 'paymentNotification',
          tags: ['payments'],
          summary:
            "A provider's signed payment or refund notification; idempotent on its id (a redelivery changes nothing)",
          params: z.strictObject({ provider: z.enum(PAYMENT_PROVIDERS) }),
          response: { 200: z.object({ outcome: z.string() }), ...errors },
        },
      },
      async (req) =>
        handleNotification(
          app.ctx,
          req.params.provider,
          req.headers,
          typeof req.body === 'string' ? req.body : '',
        ),
    );
  });
}
