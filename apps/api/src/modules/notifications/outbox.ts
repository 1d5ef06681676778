import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notificationDeliveries, notificationPreferences, notifications } from './schema.ts';

export interface NotificationInput {
  personId: string;
  /** Template code, e.g. `payment.settled`; its texts live in the notifications module's templates. */
  template: string;
  params?: Record<string, string | number>;
  link?: string;
  /** Unique per message meant: the same key twice makes one message. */
  dedupeKey: string;
}

/** A person's choices, or the defaults (every channel, reminders on) when they never chose. */
export async function preferencesOf(
  tx: Pick<Tx, 'select'>,
  personId: string,
): Promise<{ sms: boolean; inApp: boolean; reminders: boolean }> {
  const [pref] = await tx
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.personId, personId));
  return { sms: pref?.sms ?? true, inApp: pref?.inApp ?? true, reminders: pref?.reminders ?? true };
}

/**
 * Writes a notification to the outbox in the caller's transaction, with one delivery per channel the
 * person has chosen (the message itself is kept in the inbox whatever they chose). Returns false when
 * the same dedupe key was already written (nothing new is sent).
 */
export async function enqueueNotification(
  ctx: AppContext,
  tx: Tx,
  input: NotificationInput,
): Promise<boolean> {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(notifications)
    .values({
      personId: input.personId,
      template: input.template,
      params: input.params ?? {},
      link: input.link ?? null,
      dedupeKey: input.dedupeKey,
      createdAt: now,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  if (!row) return false;
  const pref = await preferencesOf(tx, input.personId);
  const channels: ('sms' | 'in-app')[] = [];
  if (pref.inApp) channels.push('in-app');
  if (pref.sms) channels.push('sms');
  if (channels.length > 0)
    await tx
      .insert(notificationDeliveries)
      .values(channels.map((channel) => ({ notificationId: row.id, channel, nextAttemptAt: now })));
  return true;
}
