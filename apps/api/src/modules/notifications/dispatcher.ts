import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { persons } from '../registry/schema.ts';
import { notificationDeliveries as d, notifications } from './schema.ts';
import { type SendResult, sendSms } from './sms-adapter.ts';
import { smsText } from './templates.ts';

/**
 * A claimed delivery is this node's for this long; after it, another node may take it over. Longer than
 * the worst batch (max 50 rows, 4 at a time, 10 s per SMS ≈ 125 s), so a slow batch is never claimed twice.
 */
export const LEASE_MS = 300_000;
/** First retry after a minute, then 2, 4, 8, 16 minutes; the sixth failed attempt is final. */
export const BACKOFF_BASE_MS = 60_000;
export const MAX_ATTEMPTS = 6;

export const backoffMs = (attempts: number): number => BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);

export interface DispatchResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  attempts: number;
  channel: 'sms' | 'in-app';
  template: string;
  params: unknown;
  phoneEnc: string | null;
}

/**
 * Sends due deliveries. Up to `max` rows are claimed in one short transaction (`FOR UPDATE SKIP LOCKED`,
 * so nodes never take the same row) and marked `sending` with a lease; the sending happens after commit,
 * with the delivery id as the gateway's idempotency key. A node that dies mid-send leaves its rows to be
 * taken over when the lease ends, and the resend is recognised by the gateway. Each outcome is written
 * only while the row is still this claim's (same attempt number), so a late answer never overwrites a
 * newer one.
 */
export async function dispatchDueNotifications(
  ctx: AppContext,
  nodeId: string,
  max = 50,
): Promise<DispatchResult> {
  const now = ctx.clock.now();
  const claimed = await ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: d.id })
      .from(d)
      .where(and(inArray(d.status, ['pending', 'sending']), lte(d.nextAttemptAt, now)))
      .orderBy(asc(d.nextAttemptAt))
      .limit(max)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(d)
      .set({
        status: 'sending',
        attempts: sql`${d.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + LEASE_MS),
      })
      .where(
        inArray(
          d.id,
          due.map((r) => r.id),
        ),
      )
      .returning({ id: d.id, attempts: d.attempts });
  });
  const result: DispatchResult = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return result;

  const attemptsOf = new Map(claimed.map((c) => [c.id, c.attempts]));
  const rows = await ctx.db
    .select({
      id: d.id,
      channel: d.channel,
      template: notifications.template,
      params: notifications.params,
      phoneEnc: persons.phoneEnc,
    })
    .from(d)
    .innerJoin(notifications, eq(notifications.id, d.notificationId))
    .innerJoin(persons, eq(persons.id, notifications.personId))
    .where(inArray(d.id, [...attemptsOf.keys()]));
  const work: Claimed[] = rows.map((r) => ({ ...r, attempts: attemptsOf.get(r.id)! }));

  // A few at a time: the gateway is a network call, the database a small pool.
  const queue = [...work];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      let outcome: SendResult;
      try {
        outcome = await send(ctx, c);
      } catch (err) {
        outcome = { ok: false, retry: true, error: (err as Error).message.slice(0, 300) };
      }
      const status = await settle(ctx, nodeId, c, outcome);
      if (status === 'sent') result.sent += 1;
      else if (status === 'failed') result.failed += 1;
      else if (status === 'pending') result.retrying += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, work.length) }, worker));
  return result;
}

/** The channel's adapter: the inbox needs nothing sent; SMS goes to the gateway. */
async function send(ctx: AppContext, c: Claimed): Promise<SendResult> {
  if (c.channel === 'in-app') return { ok: true, providerRef: null };
  if (!c.phoneEnc) return { ok: false, retry: false, error: 'no mobile number on record' };
  const phone = ctx.pii.decrypt(c.phoneEnc);
  return sendSms(ctx, {
    clientRef: c.id,
    phone,
    text: smsText(c.template, (c.params ?? {}) as Record<string, unknown>),
  });
}

/** Records the outcome of one attempt: sent; pending again after the back-off; or failed for good. */
async function settle(
  ctx: AppContext,
  nodeId: string,
  c: Claimed,
  outcome: SendResult,
): Promise<'sent' | 'pending' | 'failed' | 'lost'> {
  const now = ctx.clock.now();
  const ours = and(eq(d.id, c.id), eq(d.status, 'sending'), eq(d.attempts, c.attempts));
  if (outcome.ok) {
    const done = await ctx.db
      .update(d)
      .set({ status: 'sent', sentAt: now, providerRef: outcome.providerRef, lastError: null })
      .where(ours)
      .returning({ id: d.id });
    return done.length ? 'sent' : 'lost';
  }
  const final = !outcome.retry || c.attempts >= MAX_ATTEMPTS;
  const done = await ctx.db
    .update(d)
    .set(
      final
        ? { status: 'failed', lastError: `${outcome.error} (${nodeId}, attempt ${c.attempts})` }
        : {
            status: 'pending',
            nextAttemptAt: new Date(now.getTime() + backoffMs(c.attempts)),
            lastError: `${outcome.error} (${nodeId}, attempt ${c.attempts})`,
          },
    )
    .where(ours)
    .returning({ id: d.id });
  if (!done.length) return 'lost';
  return final ? 'failed' : 'pending';
}
