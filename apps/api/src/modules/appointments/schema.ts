import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidPk } from '../../platform/db/columns.ts';
import { offices } from '../offices/schema.ts';
import { persons } from '../registry/schema.ts';

/**
 * Bookable capacity: one row per office, business category and time slot, generated from opening hours
 * and the working-day calendar. `booked` never exceeds `capacity`: a booking is a conditional UPDATE
 * (`booked < capacity`) and a CHECK constraint backs it up.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    id: uuidPk(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    /** Business category (ticket class): licence, vehicle, violation, inspection… */
    category: text('category').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
    /** first-come, or a scarce release allocated after its request window (lottery or rank). */
    allocation: text('allocation', { enum: ['first-come', 'lottery', 'rank'] })
      .notNull()
      .default('first-come'),
    /** For lottery/rank slots: requests are collected until then, then allocated. */
    requestsCloseAt: timestamp('requests_close_at', { withTimezone: true, mode: 'date' }),
    status: text('status', { enum: ['open', 'closed', 'cancelled'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    unique('appointment_slots_once').on(t.officeId, t.category, t.startsAt),
    check('appointment_slots_not_overbooked', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    index('appointment_slots_day_idx').on(t.officeId, t.day, t.category),
  ],
);

/**
 * An appointment. One active (held or confirmed) per person and category, enforced by a partial unique
 * index; a hold expires unless confirmed. Status changes go through the module's transition function.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuidPk(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => appointmentSlots.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    category: text('category').notNull(),
    status: text('status').notNull(),
    /** The account that booked: the citizen, or an agent under the citizen's authorization. */
    bookedById: uuid('booked_by_id'),
    agentUserId: uuid('agent_user_id'),
    channel: text('channel').notNull(),
    /** A short code shown as QR for check-in. */
    code: text('code').notNull().unique(),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelReason: text('cancel_reason'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('appointments_one_active')
      .on(t.personId, t.category)
      .where(sql`${t.status} in ('held', 'confirmed')`),
    index('appointments_slot_idx').on(t.slotId, t.status),
    index('appointments_person_idx').on(t.personId, t.createdAt.desc()),
  ],
);

/** Every appointment change: its history, append-only. */
export const appointmentEvents = pgTable(
  'appointment_events',
  {
    id: uuidPk(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actor: text('actor').notNull(),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('appointment_events_appt_idx').on(t.appointmentId, t.at)],
);

/**
 * A request for a scarce slot (not first-click): collected until the slot's request window closes, then
 * allocated by published rank or a seeded lottery anyone can re-run. One request per person and slot.
 */
export const allocationRequests = pgTable(
  'allocation_requests',
  {
    id: uuidPk(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => appointmentSlots.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The published ranking key (e.g. acceptance time) for rank allocation. */
    rankKey: text('rank_key'),
    status: text('status', { enum: ['requested', 'won', 'lost', 'withdrawn'] })
      .notNull()
      .default('requested'),
    appointmentId: uuid('appointment_id').references(() => appointments.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [unique('allocation_requests_once').on(t.slotId, t.personId)],
);

/** A draw's published record: the seed, the method and the result's hash, so anyone can re-run it. */
export const allocationDraws = pgTable('allocation_draws', {
  slotId: uuid('slot_id')
    .primaryKey()
    .references(() => appointmentSlots.id),
  method: text('method', { enum: ['lottery', 'rank'] }).notNull(),
  seed: text('seed').notNull(),
  requestCount: integer('request_count').notNull(),
  winners: jsonb('winners').notNull(),
  resultSha256: text('result_sha256').notNull(),
  drawnAt: timestamp('drawn_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** No-show strikes and the temporary bans they lead to. */
export const bookingStrikes = pgTable(
  'booking_strikes',
  {
    id: uuidPk(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    appointmentId: uuid('appointment_id')
      .notNull()
      .unique()
      .references(() => appointments.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('booking_strikes_person_idx').on(t.personId, t.at)],
);

export const bookingBans = pgTable(
  'booking_bans',
  {
    id: uuidPk(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    until: timestamp('until', { withTimezone: true, mode: 'date' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('booking_bans_person_idx').on(t.personId, t.until)],
);

/**
 * Risk signals for supervisors: many identities seen from one device, phone or IP, with the evidence
 * (which identities, when). One row per (kind, key), updated as more is seen.
 */
export const riskSignals = pgTable(
  'risk_signals',
  {
    id: uuidPk(),
    kind: text('kind', { enum: ['device', 'phone', 'ip'] }).notNull(),
    /** A hash of the device id, phone or IP (not the value itself). */
    keyHash: text('key_hash').notNull(),
    identities: integer('identities').notNull(),
    evidence: jsonb('evidence').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [unique('risk_signals_key').on(t.kind, t.keyHash)],
);

/** Which identities booked from which device / phone / IP (hashed), the raw material of risk signals. */
export const bookingFootprints = pgTable(
  'booking_footprints',
  {
    kind: text('kind', { enum: ['device', 'phone', 'ip'] }).notNull(),
    keyHash: text('key_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [unique('booking_footprints_once').on(t.kind, t.keyHash, t.personId)],
);
