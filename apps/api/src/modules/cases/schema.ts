import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidPk } from '../../platform/db/columns.ts';
import { catalogVersions } from '../catalog/schema.ts';
import { offices } from '../offices/schema.ts';
import { persons } from '../registry/schema.ts';

/**
 * A case (办件). `status` and the clock columns are a projection of `case_events`, written only by the
 * transition function in the same transaction as the event that changes them.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuidPk(),
    number: text('number').notNull().unique(),
    itemCode: text('item_code').notNull(),
    itemVersionId: uuid('item_version_id')
      .notNull()
      .references(() => catalogVersions.id),
    itemVersion: integer('item_version').notNull(),
    channel: text('channel', { enum: ['online', 'kiosk', 'window', 'agency', 'partner-outlet'] }).notNull(),
    status: text('status').notNull(),
    applicantPersonId: uuid('applicant_person_id')
      .notNull()
      .references(() => persons.id),
    /** The account that submitted: the citizen, the officer at the window, the agent or the dealer token. */
    submittedById: uuid('submitted_by_id'),
    agentUserId: uuid('agent_user_id'),
    /** How strongly the applicant's identity was checked when applying (a re-check reads it again). */
    applicantRealNameLevel: text('applicant_real_name_level', { enum: ['phone', 'id', 'face'] }),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id'),
    subjectLabel: text('subject_label').notNull(),
    outletId: uuid('outlet_id').references(() => offices.id),
    handlingOfficeId: uuid('handling_office_id')
      .notNull()
      .references(() => offices.id),
    feeFen: integer('fee_fen').notNull(),
    delivery: text('delivery', { enum: ['post', 'collect', 'electronic'] }).notNull(),
    deliveryAddress: text('delivery_address'),
    form: jsonb('form').notNull().default(sql`'{}'::jsonb`),
    provided: text('provided').array().notNull().default(sql`'{}'::text[]`),
    /** The last automatic check (rules, materials, instant decision). */
    check: jsonb('check').notNull(),
    /** Fingerprint of the rule set (item version hash) that approved the case by rule; null otherwise. */
    ruleSet: text('rule_set'),
    decidedBy: text('decided_by', { enum: ['rule', 'officer', 'supervisor', 'deemed'] }),
    correction: text('correction'),
    /** What the decision did to the registry (new validity, points taken off, new owner…). */
    outcome: jsonb('outcome'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Promised and statutory limits (working days from submission, moved on by correction pauses). */
    dueDate: date('due_date', { mode: 'string' }),
    statutoryDueDate: date('statutory_due_date', { mode: 'string' }),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true, mode: 'date' }).notNull(),
    stateDueDate: date('state_due_date', { mode: 'string' }),
    pausedSince: date('paused_since', { mode: 'string' }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    lastSeq: integer('last_seq').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_applicant_idx').on(t.applicantPersonId, t.submittedAt.desc()),
    index('cases_office_status_idx').on(t.handlingOfficeId, t.status),
    index('cases_due_idx').on(t.dueDate),
    index('cases_subject_idx').on(t.subjectId),
  ],
);

/** The append-only event log of a case: the source of its status. A trigger refuses UPDATE and DELETE. */
export const caseEvents = pgTable(
  'case_events',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorKind: text('actor_kind', { enum: ['user', 'token', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    actorName: text('actor_name'),
    note: text('note'),
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.seq] })],
);

/**
 * Legal-clock timers as rows: they survive restarts, and a node claims a due one with FOR UPDATE SKIP
 * LOCKED in the transaction that applies it, so it fires once however many nodes run.
 */
export const caseTimers = pgTable(
  'case_timers',
  {
    id: uuidPk(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** The state the timer guards: it is void once the case has left that state. */
    state: text('state').notNull(),
    action: text('action', { enum: ['escalate', 'deem-approve'] }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status', { enum: ['pending', 'paused', 'fired', 'cancelled'] })
      .notNull()
      .default('pending'),
    /** Working days left when paused by a correction request. */
    remainingDays: integer('remaining_days'),
    firedAt: timestamp('fired_at', { withTimezone: true, mode: 'date' }),
    firedBy: text('fired_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('case_timers_due_idx').on(t.status, t.dueAt), index('case_timers_case_idx').on(t.caseId)],
);

/**
 * 电子委托书: a citizen authorizes a registered agency agent to apply for named items on their behalf,
 * until a date. A case the agent files records both; the agent then acts as the applicant on it.
 */
export const agentAuthorizations = pgTable(
  'agent_authorizations',
  {
    id: uuidPk(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    agentUserId: uuid('agent_user_id').notNull(),
    itemCodes: text('item_codes').array().notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('agent_authorizations_agent_idx').on(t.agentUserId),
    index('agent_authorizations_person_idx').on(t.personId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** Files handed in for a case's materials (uploaded online or scanned at the window). Never changed. */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuidPk(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    materialCode: text('material_code').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedById: uuid('uploaded_by_id'),
    uploadedByRole: text('uploaded_by_role').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('case_documents_case_idx').on(t.caseId)],
);
