import { asc, eq, like, sql } from 'drizzle-orm';
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
  db
    .select()
    .from(offices)
    .where(like(offices.path, `${scopePath}%`))
    .orderBy(asc(offices.path));
