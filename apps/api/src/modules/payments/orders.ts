import {
  amountDue,
  type CreateOrderInput,
  orderExpiresAt,
  type PayIntentDto,
  type PaymentChannel,
  type PaymentOrderDto,
  type PaymentProvider,
  PROVIDER_INFO,
} from '@opendmv/contracts';
import { and, desc, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import { endOfDayShanghai } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { cases } from '../cases/schema.ts';
import { officeIdsUnder } from '../offices/scope.ts';
import { findVehicleById, findViolationById, listViolationsOfPerson } from '../registry/index.ts';
import { violations } from '../registry/schema.ts';
import { gatewayAdapter } from './adapter.ts';
import { findOrder, nextOrderNumber, type OrderRow, toDto, toDtos } from './repository.ts';
import { paymentOrders } from './schema.ts';
import { expireOrder, settleFromProvider } from './sweep.ts';
import { recordOrderEvent } from './workflow.ts';

export type Meta = { ip: string; requestId: string };
type UserPrincipal = Extract<Principal, { kind: 'user' }>;

interface Target {
  kind: 'fine' | 'fee';
  payerPersonId: string;
  caseId: string | null;
  violationId: string | null;
  amountFen: number;
  breakdown: Record<string, number>;
  subjectLabel: string;
}

const field = (name: string, message: string) => new AppError('NOT_ELIGIBLE', [{ field: name, message }]);

/** What a fine costs today (fine + late surcharge as of today), for a decided, unpaid fine. */
function fineTarget(
  ctx: AppContext,
  v: {
    id: string;
    status: string;
    fineFen: number;
    decisionDate: string | null;
    plate: string;
    place: string;
  },
  payer: string,
): Target {
  if (v.status === 'paid') throw field('body.violationId', 'this fine is already paid');
  if (v.status !== 'decided' || !v.decisionDate)
    throw field('body.violationId', 'only a decided fine can be paid (handle the violation first)');
  const due = amountDue(v.fineFen, v.decisionDate, ctx.clock.today());
  return {
    kind: 'fine',
    payerPersonId: payer,
    caseId: null,
    violationId: v.id,
    amountFen: due.totalFen,
    breakdown: { fineFen: due.fineFen, surchargeFen: due.surchargeFen, daysLate: due.daysLate },
    subjectLabel: `${v.plate} · ${v.place}`,
  };
}

function feeTarget(row: typeof cases.$inferSelect): Target {
  if (row.feeFen <= 0) throw field('body.caseId', 'this case has no fee');
  if (['rejected', 'withdrawn'].includes(row.status))
    throw field('body.caseId', 'a rejected or withdrawn case is not paid for');
  return {
    kind: 'fee',
    payerPersonId: row.applicantPersonId,
    caseId: row.id,
    violationId: null,
    amountFen: row.feeFen,
    breakdown: { feeFen: row.feeFen },
    subjectLabel: `${row.number} · ${row.itemCode}`,
  };
}

async function targetForCitizen(ctx: AppContext, p: UserPrincipal, input: CreateOrderInput): Promise<Target> {
  if (!p.personId) throw new AppError('FORBIDDEN');
  if (input.kind === 'fine') {
    const v = (await listViolationsOfPerson(ctx.db, p.personId)).find((x) => x.id === input.violationId);
    if (!v) throw new AppError('NOT_FOUND');
    return fineTarget(ctx, v, p.personId);
  }
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, input.caseId));
  if (!row || row.applicantPersonId !== p.personId) throw new AppError('NOT_FOUND');
  return feeTarget(row);
}

async function scopeOf(ctx: AppContext, p: UserPrincipal): Promise<string[]> {
  return p.registryScopePath ? officeIdsUnder(ctx.db, p.registryScopePath) : [];
}

async function targetForOfficer(ctx: AppContext, p: UserPrincipal, input: CreateOrderInput): Promise<Target> {
  const scope = await scopeOf(ctx, p);
  if (input.kind === 'fine') {
    const v = await findViolationById(ctx.db, input.violationId, scope);
    if (!v) throw new AppError('NOT_FOUND');
    const payer =
      v.driverId ??
      (v.vehicleId ? (await findVehicleById(ctx.db, v.vehicleId, null))?.vehicle.ownerId : null);
    if (!payer) throw field('body.violationId', 'the fine has no driver or owner on record to pay it');
    return fineTarget(ctx, v, payer);
  }
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, input.caseId));
  if (!row || !scope.includes(row.handlingOfficeId)) throw new AppError('NOT_FOUND');
  return feeTarget(row);
}

/** The pending order for the same fine or fee, if any. */
async function pendingFor(tx: Tx | AppContext['db'], t: Target): Promise<OrderRow | undefined> {
  const [row] = await tx
    .select()
    .from(paymentOrders)
    .where(
      and(
        eq(paymentOrders.status, 'pending'),
        t.kind === 'fine'
          ? eq(paymentOrders.violationId, t.violationId!)
          : and(eq(paymentOrders.kind, 'fee'), eq(paymentOrders.caseId, t.caseId!)),
      ),
    );
  return row;
}

async function alreadyPaid(tx: Tx, t: Target): Promise<boolean> {
  const rows = await tx
    .select({ id: paymentOrders.id })
    .from(paymentOrders)
    .where(
      and(
        inArray(paymentOrders.status, ['paid']),
        t.kind === 'fine'
          ? eq(paymentOrders.violationId, t.violationId!)
          : and(eq(paymentOrders.kind, 'fee'), eq(paymentOrders.caseId, t.caseId!)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Makes the order for a fine or fee, or returns the pending one for the same thing when it still holds
 * (same amount, not expired). An expired one is closed at its provider first, so a payment made on it
 * at the last second is found and settled instead of lost.
 */
async function openOrder(
  ctx: AppContext,
  p: UserPrincipal,
  t: Target,
  channel: PaymentChannel,
  meta: Meta,
): Promise<{ order: PaymentOrderDto; created: boolean }> {
  const stale = await pendingFor(ctx.db, t);
  if (stale && (stale.expiresAt <= ctx.clock.now() || stale.amountFen !== t.amountFen))
    await expireOrder(ctx, stale.id, stale.amountFen !== t.amountFen ? 'amount-changed' : 'expired');
  const result = await ctx.db.transaction(async (tx) => {
    const existing = await pendingFor(tx, t);
    if (existing) return { row: existing, created: false };
    if (await alreadyPaid(tx, t))
      throw new AppError('CONFLICT', [
        { field: t.kind === 'fine' ? 'body.violationId' : 'body.caseId', message: 'already paid' },
      ]);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(paymentOrders)
      .values({
        number: await nextOrderNumber(tx, ctx.clock.today()),
        kind: t.kind,
        status: 'pending',
        channel,
        payerPersonId: t.payerPersonId,
        caseId: t.caseId,
        violationId: t.violationId,
        amountFen: t.amountFen,
        breakdown: t.breakdown,
        subjectLabel: t.subjectLabel,
        outletId: channel === 'online' ? null : p.officeId,
        createdById: p.userId,
        createdAt: now,
        expiresAt: orderExpiresAt(now, endOfDayShanghai(ctx.clock.today())),
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      // Another request made the pending order for the same thing meanwhile: that one is the order.
      const other = await pendingFor(tx, t);
      if (!other) throw new AppError('CONFLICT');
      return { row: other, created: false };
    }
    await recordOrderEvent(tx, row.id, 'create', null, 'pending', p.displayName, { channel }, now);
    await appendAudit(tx, auditActorOf(p, meta.ip, meta.requestId), {
      action: 'payment.create',
      entityType: 'payment-order',
      entityId: row.id,
      details: { number: row.number, kind: row.kind, amountFen: row.amountFen, channel },
    });
    return { row, created: true };
  });
  return { order: await toDto(ctx.db, result.row), created: result.created };
}

export async function createOrderOnline(
  ctx: AppContext,
  p: UserPrincipal,
  input: CreateOrderInput,
  meta: Meta,
) {
  return openOrder(ctx, p, await targetForCitizen(ctx, p, input), 'online', meta);
}

export async function createOrderAtWindow(
  ctx: AppContext,
  p: UserPrincipal,
  input: CreateOrderInput,
  meta: Meta,
) {
  return openOrder(ctx, p, await targetForOfficer(ctx, p, input), 'window', meta);
}

/** An order the caller may see: their own (citizen), or one in their office scope (staff). */
export async function orderForCaller(ctx: AppContext, p: Principal, id: string): Promise<OrderRow> {
  const row = await findOrder(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (p.kind !== 'user') throw new AppError('NOT_FOUND');
  if (p.role === 'citizen') {
    if (row.payerPersonId !== p.personId) throw new AppError('NOT_FOUND');
    return row;
  }
  const scope = await scopeOf(ctx, p);
  if (row.caseId) {
    const [c] = await ctx.db
      .select({ office: cases.handlingOfficeId })
      .from(cases)
      .where(eq(cases.id, row.caseId));
    if (c && scope.includes(c.office)) return row;
  }
  if (row.violationId && (await findViolationById(ctx.db, row.violationId, scope))) return row;
  if (row.outletId && scope.includes(row.outletId)) return row;
  throw new AppError('NOT_FOUND');
}

export async function getOrder(ctx: AppContext, p: Principal, id: string): Promise<PaymentOrderDto> {
  let row = await orderForCaller(ctx, p, id);
  // A payer back from the provider before its notification: ask the provider once, so the page is right.
  if (row.status === 'pending' && row.provider && row.providerRef) {
    const settled = await settleFromProvider(ctx, row).catch(() => null);
    if (settled) row = settled;
  }
  return toDto(ctx.db, row);
}

export async function listMyOrders(ctx: AppContext, p: UserPrincipal, caseId?: string) {
  if (!p.personId) return { items: [] };
  const rows = await ctx.db
    .select()
    .from(paymentOrders)
    .where(
      and(eq(paymentOrders.payerPersonId, p.personId), caseId ? eq(paymentOrders.caseId, caseId) : undefined),
    )
    .orderBy(desc(paymentOrders.createdAt))
    .limit(200);
  return { items: await toDtos(ctx.db, rows) };
}

/**
 * Staff list: by case or fine (window), or by day and status (supervisor), within the office scope (the
 * case's handling office, the fine's office, or the outlet that took the money), newest first.
 */
export async function listOrders(
  ctx: AppContext,
  p: UserPrincipal,
  q: { caseId?: string; violationId?: string; status?: string; date?: string },
) {
  const scope = await scopeOf(ctx, p);
  if (scope.length === 0) return { items: [] };
  const from = q.date ? new Date(`${q.date}T00:00:00+08:00`) : undefined;
  const rows = await ctx.db
    .select({ o: paymentOrders })
    .from(paymentOrders)
    .leftJoin(cases, eq(cases.id, paymentOrders.caseId))
    .leftJoin(violations, eq(violations.id, paymentOrders.violationId))
    .where(
      and(
        q.caseId ? eq(paymentOrders.caseId, q.caseId) : undefined,
        q.violationId ? eq(paymentOrders.violationId, q.violationId) : undefined,
        q.status ? eq(paymentOrders.status, q.status) : undefined,
        from ? gte(paymentOrders.createdAt, from) : undefined,
        from ? lt(paymentOrders.createdAt, new Date(from.getTime() + 86_400_000)) : undefined,
        or(
          inArray(cases.handlingOfficeId, scope),
          inArray(violations.officeId, scope),
          inArray(paymentOrders.outletId, scope),
        ),
      ),
    )
    .orderBy(desc(paymentOrders.createdAt))
    .limit(500);
  return {
    items: await toDtos(
      ctx.db,
      rows.map((r) => r.o),
    ),
  };
}

async function attachIntent(
  ctx: AppContext,
  order: OrderRow,
  provider: PaymentProvider,
  returnUrl: string | null,
  actorName: string,
): Promise<{ row: OrderRow; payUrl: string; qrContent: string | null }> {
  const adapter = gatewayAdapter(ctx);
  if (order.provider && order.providerRef && order.provider !== provider) {
    // Switching provider: the old payment is closed first; if it was paid meanwhile, that settles it.
    const closed = await adapter.close(order.provider as PaymentProvider, order.providerRef);
    if (closed.status === 'paid') {
      await settleFromProvider(ctx, order);
      throw new AppError('CONFLICT', [{ field: 'params.id', message: 'already paid' }]);
    }
  }
  const intent = await adapter.createPayment(provider, {
    orderNumber: order.number,
    amountFen: order.amountFen,
    description: order.kind === 'fine' ? `交通违法罚款 ${order.subjectLabel}` : `规费 ${order.subjectLabel}`,
    returnUrl,
  });
  const row = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx
      .select()
      .from(paymentOrders)
      .where(eq(paymentOrders.id, order.id))
      .for('update');
    if (locked!.status !== 'pending') throw new AppError('ILLEGAL_TRANSITION', undefined, locked!.status);
    // Another payment was started on this order meanwhile (a second tab): only one may stay open.
    if (locked!.providerRef !== order.providerRef) return null;
    const [updated] = await tx
      .update(paymentOrders)
      .set({ provider, providerRef: intent.providerRef, updatedAt: ctx.clock.now() })
      .where(eq(paymentOrders.id, order.id))
      .returning();
    await recordOrderEvent(
      tx,
      order.id,
      'intent',
      'pending',
      'pending',
      actorName,
      { provider, providerRef: intent.providerRef },
      ctx.clock.now(),
    );
    return updated!;
  });
  if (!row) {
    await adapter.close(provider, intent.providerRef).catch(() => undefined);
    throw new AppError('CONFLICT', [
      { field: 'params.id', message: 'a payment was started elsewhere; reload' },
    ]);
  }
  return { row, payUrl: intent.payUrl, qrContent: intent.qrContent };
}

function usable(order: OrderRow, now: Date) {
  if (order.status !== 'pending')
    throw new AppError('ILLEGAL_TRANSITION', undefined, `order is ${order.status}`);
  if (order.expiresAt <= now)
    throw new AppError('ILLEGAL_TRANSITION', [{ field: 'params.id', message: 'the order has expired' }]);
}

/** The payer starts paying online: an intent at the provider, and where to go to pay it. */
export async function startPayment(
  ctx: AppContext,
  p: UserPrincipal,
  id: string,
  input: { provider: PaymentProvider; returnPath?: string },
  origin: string,
): Promise<PayIntentDto> {
  const order = await orderForCaller(ctx, p, id);
  if (!PROVIDER_INFO[input.provider].channels.includes('online'))
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.provider', message: 'not offered online' }]);
  usable(order, ctx.clock.now());
  const returnUrl = `${origin}${input.returnPath ?? `/citizen/payments/${order.id}`}`;
  const r = await attachIntent(ctx, order, input.provider, returnUrl, p.displayName);
  return { order: await toDto(ctx.db, r.row), payUrl: r.payUrl, qrContent: r.qrContent };
}

/**
 * The window takes the money: the till (cash) or the counter's POS/QR device confirms with the provider,
 * whose signed notification then settles the order like any other.
 */
export async function collectAtWindow(
  ctx: AppContext,
  p: UserPrincipal,
  id: string,
  input: { provider: PaymentProvider; tenderedFen?: number },
): Promise<PaymentOrderDto & { changeFen: number | null }> {
  const order = await orderForCaller(ctx, p, id);
  if (!PROVIDER_INFO[input.provider].channels.includes('window'))
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.provider', message: 'not taken at a window' }]);
  usable(order, ctx.clock.now());
  let changeFen: number | null = null;
  if (input.provider === 'cash') {
    if (input.tenderedFen === undefined)
      throw new AppError('VALIDATION_FAILED', [
        { field: 'body.tenderedFen', message: 'cash handed over is required' },
      ]);
    if (input.tenderedFen < order.amountFen)
      throw new AppError('VALIDATION_FAILED', [
        { field: 'body.tenderedFen', message: 'less than the amount due' },
      ]);
    changeFen = input.tenderedFen - order.amountFen;
  }
  const r = await attachIntent(ctx, order, input.provider, null, p.displayName);
  await gatewayAdapter(ctx).confirmOnDevice(input.provider, r.row.providerRef!);
  return { ...(await toDto(ctx.db, r.row)), changeFen };
}
