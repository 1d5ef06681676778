import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { persons } from '../registry/schema.ts';

/**
 * Documents the office issues — electronic receipts (电子票据) and decision documents (决定书) — kept as
 * the content they were issued with, and rendered as PDF from it on request. The id is a random UUID: the
 * QR on the document opens `/verify/<id>`, which shows what was issued and whether it still stands.
 */
export const issuedDocuments = pgTable(
  'issued_documents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind', { enum: ['receipt', 'decision'] }).notNull(),
    number: text('number').notNull().unique(),
    /** What it is issued for: a payment order for a receipt, a case for a decision. */
    sourceKind: text('source_kind', { enum: ['payment-order', 'case'] }).notNull(),
    sourceId: uuid('source_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** Everything printed on the document (names already masked where the law asks). */
    content: jsonb('content').notNull(),
    /** SHA-256 of the canonical content: the verification page shows it, so a doctored copy stands out. */
    sha256: text('sha256').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** A receipt whose payment was refunded is voided (作废), not deleted. */
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'date' }),
    voidReason: text('void_reason'),
  },
  (t) => [
    unique('issued_documents_source').on(t.kind, t.sourceKind, t.sourceId),
    index('issued_documents_person_idx').on(t.personId, t.issuedAt.desc()),
  ],
);
