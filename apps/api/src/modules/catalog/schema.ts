import { date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { uuidPk } from '../../platform/db/columns.ts';

/** One row per business item (事项): its code and the version now in force for new cases. */
export const catalogItems = pgTable('catalog_items', {
  code: text('code').primaryKey(),
  currentVersion: integer('current_version').notNull(),
  status: text('status', { enum: ['active', 'retired'] })
    .notNull()
    .default('active'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Every version of every item, never changed once written: a case points at the one it started with. */
export const catalogVersions = pgTable(
  'catalog_versions',
  {
    id: uuidPk(),
    code: text('code')
      .notNull()
      .references(() => catalogItems.code),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    /** SHA-256 of the canonical definition: the rule set a decision by rule records. */
    definitionHash: text('definition_hash').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    changeNote: text('change_note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    unique('catalog_versions_code_version').on(t.code, t.version),
    index('catalog_versions_code_idx').on(t.code),
  ],
);
