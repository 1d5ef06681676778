import type {
  Locale,
  NotificationDto,
  NotificationList,
  NotificationPreferencesDto,
} from '@opendmv/contracts';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActorOf, type Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { preferencesOf } from './outbox.ts';
import { notificationDeliveries, notificationPreferences, notifications } from './schema.ts';
import { renderMessage } from './templates.ts';

type Citizen = Extract<Principal, { kind: 'user' }>;
type NotificationRow = typeof notifications.$inferSelect;

const personOf = (p: Citizen): string => {
  if (!p.personId) throw new AppError('FORBIDDEN');
  return p.personId;
};

async function toDtos(ctx: AppContext, rows: NotificationRow[], locale: Locale): Promise<NotificationDto[]> {
  if (rows.length === 0) return [];
  const deliveries = await ctx.db
    .select({
      notificationId: notificationDeliveries.notificationId,
      channel: notificationDeliveries.channel,
      status: notificationDeliveries.status,
    })
    .from(notificationDeliveries)
    .where(
      inArray(
        notificationDeliveries.notificationId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => {
    const text = renderMessage(r.template, (r.params ?? {}) as Record<string, unknown>, locale);
    return {
      id: r.id,
      template: r.template,
      kind: text.kind,
      title: text.title,
      body: text.body,
      link: r.link,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
      deliveries: deliveries
        .filter((d) => d.notificationId === r.id)
        .sort((a, b) => a.channel.localeCompare(b.channel))
        .map(({ channel, status }) => ({ channel, status })),
    };
  });
}

/** My inbox, newest first, with the unread count of the whole inbox. */
export async function listMyNotifications(
  ctx: AppContext,
  p: Citizen,
  query: { limit: number; offset: number },
  locale: Locale,
): Promise<NotificationList> {
  const personId = personOf(p);
  const mine = eq(notifications.personId, personId);
  const [rows, [counts]] = await Promise.all([
    ctx.db
      .select()
      .from(notifications)
      .where(mine)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.limit)
      .offset(query.offset),
    ctx.db
      .select({
        total: count(),
        unread: sql<number>`count(*) FILTER (WHERE ${notifications.readAt} IS NULL)`.mapWith(Number),
      })
      .from(notifications)
      .where(mine),
  ]);
  return {
    items: await toDtos(ctx, rows, locale),
    total: Number(counts?.total ?? 0),
    unread: Number(counts?.unread ?? 0),
    limit: query.limit,
    offset: query.offset,
  };
}

/** Marks one of my messages read (again is fine). Someone else's message is "not found". */
export async function markRead(
  ctx: AppContext,
  p: Citizen,
  id: string,
  locale: Locale,
): Promise<NotificationDto> {
  const personId = personOf(p);
  const mine = and(eq(notifications.id, id), eq(notifications.personId, personId));
  const [updated] = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(mine, isNull(notifications.readAt)))
    .returning();
  const row = updated ?? (await ctx.db.select().from(notifications).where(mine))[0];
  if (!row) throw notFound('notification');
  return (await toDtos(ctx, [row], locale))[0]!;
}

export async function markAllRead(ctx: AppContext, p: Citizen): Promise<{ updated: number }> {
  const personId = personOf(p);
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}

export async function getMyPreferences(ctx: AppContext, p: Citizen): Promise<NotificationPreferencesDto> {
  return preferencesOf(ctx.db, personOf(p));
}

const ONE_CHANNEL = {
  'zh-CN': '至少保留一种接收方式（短信或站内消息）',
  en: 'Keep at least one channel on (SMS or in-app)',
} as const;

/** Sets my channels and reminders; at least one channel stays on. Audited. */
export async function setMyPreferences(
  ctx: AppContext,
  p: Citizen,
  meta: { ip: string; requestId: string },
  input: NotificationPreferencesDto,
  locale: Locale,
): Promise<NotificationPreferencesDto> {
  const personId = personOf(p);
  if (!input.sms && !input.inApp)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.inApp', message: ONE_CHANNEL[locale] }]);
  const values = { sms: input.sms, inApp: input.inApp, reminders: input.reminders };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(notificationPreferences)
      .values({ personId, ...values, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({
        target: notificationPreferences.personId,
        set: { ...values, updatedAt: ctx.clock.now() },
      });
    await appendAudit(tx, auditActorOf(p, meta.ip, meta.requestId), {
      action: 'notification.preferences',
      entityType: 'person',
      entityId: personId,
      details: values,
    });
  });
  return values;
}
