import { type AnyPgColumn, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { auditedColumns, uuidPk } from '../../platform/db/columns.ts';

/**
 * The office hierarchy: detachment → office → branch → outlet / kiosk.
 * `path` is the materialized path of codes ('/ZD/CGS/BR01/'): a scope check is a prefix match.
 */
export const offices = pgTable(
  'offices',
  {
    id: uuidPk(),
    parentId: uuid('parent_id').references((): AnyPgColumn => offices.id),
    kind: text('kind', { enum: ['detachment', 'office', 'branch', 'outlet', 'kiosk'] }).notNull(),
    code: text('code').notNull().unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    address: text('address'),
    path: text('path').notNull().unique(),
    ...auditedColumns,
  },
  (t) => [index('offices_parent_idx').on(t.parentId)],
);
