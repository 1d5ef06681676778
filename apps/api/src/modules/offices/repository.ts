import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { offices } from './schema.ts';

export type OfficeRow = typeof offices.$inferSelect;

export const findOfficeById = async (db: Executor, id: string): Promise<OfficeRow | undefined> =>
  (await db.select().from(offices).where(eq(offices.id, id)).limit(1))[0];

/** The office and every office above it, nearest first. */
export const findAncestorsOrSelf = (db: Executor, path: string): Promise<OfficeRow[]> =>
  db
    .select()
    .from(offices)
    .where(sql`${path} LIKE ${offices.path} || '%'`)
    .orderBy(sql`length(${offices.path}) DESC`);

export const listOfficesUnder = (db: Executor, scopePath: string): Promise<OfficeRow[]> =>
  db.select().from(offices).where(sql`starts_with(${offices.path}, ${scopePath})`).orderBy(asc(offices.path));

/**
 * Scope filter: rows whose path starts with the scope path. `starts_with` rather than LIKE, so a
 * `_` or `%` in an office code can never widen the match.
 */
export const pathUnder = (scopePath: string) => sql`starts_with(${offices.path}, ${scopePath})`;

export const findOfficeByCode = async (db: Executor, code: string): Promise<OfficeRow | undefined> =>
  (await db.select().from(offices).where(eq(offices.code, code)).limit(1))[0];

/** Every office in a scope (the scope's own office first, then its subtree by path). */
export const listOfficesInScope = (db: Executor, scopePath: string): Promise<OfficeRow[]> =>
  db.select().from(offices).where(pathUnder(scopePath)).orderBy(asc(offices.path));

/** The ids (as text, the type of audit_log.office_id) of every office in a scope, as a subquery. */
export const officeIdTextsInScope = (db: Executor, scopePath: string) =>
  db
    .select({ id: sql<string>`${offices.id}::text`.as('id') })
    .from(offices)
    .where(pathUnder(scopePath));

export async function insertOffice(db: Executor, values: typeof offices.$inferInsert): Promise<OfficeRow> {
  const [row] = await db.insert(offices).values(values).returning();
  return row!;
}
