import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { uuidPk } from '../../platform/db/columns.ts';
import { persons } from '../registry/schema.ts';

/**
 * The outbox: a notification is written in the same transaction as the change that causes it (a case
 * decided, a payment settled, a reminder due). `dedupeKey` is unique, so a reminder scanned twice or a
 * change retried never makes a second message.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuidPk(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Template code, e.g. `case.approved`, `payment.settled`, `reminder.licence-expiring`. */
    template: text('template').notNull(),
    params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
    /** Where the message points in the citizen's app, e.g. `/citizen/cases/<id>`. */
    link: text('link'),
    dedupeKey: text('dedupe_key').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** When the citizen opened it in the app's inbox. */
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notifications_person_idx').on(t.personId, t.createdAt.desc())],
);

/**
 * One row per notification and channel the citizen has chosen. A dispatcher claims due rows (SKIP
 * LOCKED), sends through the channel's adapter with the row id as the idempotency key, and retries with
 * backoff; `sent` is final.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuidPk(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    channel: text('channel', { enum: ['sms', 'in-app'] }).notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The gateway's message id once accepted. */
    providerRef: text('provider_ref'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    unique('notification_deliveries_once').on(t.notificationId, t.channel),
    index('notification_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** The channels a citizen wants messages on (default: both). In-app messages are always kept in the inbox. */
export const notificationPreferences = pgTable('notification_preferences', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id),
  sms: boolean('sms').notNull().default(true),
  inApp: boolean('in_app').notNull().default(true),
  /** Reminders (licence expiring, inspection due, surcharge soon, correction waiting) on or off. */
  reminders: boolean('reminders').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
