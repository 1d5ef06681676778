import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. `hash = SHA-256(prevHash ‖ canonical(record))`.
 * A trigger (migration) refuses UPDATE and DELETE; the application only ever inserts.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string', precision: 3 }).notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    actorKind: text('actor_kind', { enum: ['user', 'token', 'system', 'anonymous'] }).notNull(),
    officeId: text('office_id'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').notNull().$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId, t.seq),
    index('audit_actor_idx').on(t.actorId, t.seq),
    index('audit_office_idx').on(t.officeId, t.seq),
  ],
);
