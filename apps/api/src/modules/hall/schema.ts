import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidPk } from '../../platform/db/columns.ts';
import { appointments } from '../appointments/schema.ts';
import { cases } from '../cases/schema.ts';
import { offices } from '../offices/schema.ts';
import { persons } from '../registry/schema.ts';

/** A service counter in a hall, with the categories it serves and who staffs it now. */
export const hallCounters = pgTable(
  'hall_counters',
  {
    id: uuidPk(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    number: text('number').notNull(),
    categories: text('categories').array().notNull(),
    status: text('status', { enum: ['open', 'paused', 'closed'] })
      .notNull()
      .default('closed'),
    officerUserId: uuid('officer_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('hall_counters_number').on(t.officeId, t.number)],
);

/**
 * A queue ticket for one day in one hall: by appointment check-in or walk-in, in a class by category,
 * possibly in the priority lane. Numbers run per office, day and class (A001, B002…). It links to the
 * case it becomes.
 */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuidPk(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    day: date('day', { mode: 'string' }).notNull(),
    number: text('number').notNull(),
    category: text('category').notNull(),
    priority: boolean('priority').notNull().default(false),
    /** Why priority: aged 70+, disabled, military (recorded, not shown on the board). */
    priorityReason: text('priority_reason'),
    source: text('source', { enum: ['appointment', 'walk-in', 'late-appointment'] }).notNull(),
    appointmentId: uuid('appointment_id').references(() => appointments.id),
    personId: uuid('person_id').references(() => persons.id),
    status: text('status').notNull(),
    counterId: uuid('counter_id').references(() => hallCounters.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** Wait estimate given at issue (seconds), kept to measure its error against the real wait. */
    estimatedWaitSeconds: integer('estimated_wait_seconds'),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    calledAt: timestamp('called_at', { withTimezone: true, mode: 'date' }),
    servedAt: timestamp('served_at', { withTimezone: true, mode: 'date' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    recalls: integer('recalls').notNull().default(0),
    /** The phone's "three ahead" SMS was sent (once). */
    nearNotifiedAt: timestamp('near_notified_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    unique('queue_tickets_number').on(t.officeId, t.day, t.number),
    index('queue_tickets_waiting_idx').on(t.officeId, t.day, t.status, t.issuedAt),
  ],
);

/** Every ticket change (issued, called, recalled, skipped, transferred, served, done): append-only. */
export const queueEvents = pgTable(
  'queue_events',
  {
    id: uuidPk(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => queueTickets.id),
    officeId: uuid('office_id').notNull(),
    action: text('action').notNull(),
    counterId: uuid('counter_id'),
    actor: text('actor').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('queue_events_office_idx').on(t.officeId, t.at)],
);
