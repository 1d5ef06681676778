import { STAFF_ROLES } from '@opendmv/contracts';
import { and, asc, count, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { sessions, users } from '../identity/schema.ts';
import { offices, pathUnder } from '../offices/index.ts';

/**
 * Staff accounts are rows of identity's `users` table with a staff role. This module is the
 * administrators' side of those rows (create, lock state, status); identity owns logging in.
 */
export type UserRow = typeof users.$inferSelect;
export interface StaffRow {
  user: UserRow;
  /** The office's name in both languages: the DTO carries the caller's one. */
  officeNameZh: string;
  officeNameEn: string;
  officePath: string;
}

const isStaff = inArray(users.role, [...STAFF_ROLES]);
const staffSelection = {
  user: users,
  officeNameZh: offices.nameZh,
  officeNameEn: offices.nameEn,
  officePath: offices.path,
};

export async function listStaffInScope(
  db: Executor,
  scopePath: string,
  page: { limit: number; offset: number; officeId?: string },
): Promise<{ rows: StaffRow[]; total: number }> {
  const where: SQL | undefined = and(
    isStaff,
    pathUnder(scopePath),
    page.officeId ? eq(users.officeId, page.officeId) : undefined,
  );
  const rows = await db
    .select(staffSelection)
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(where)
    .orderBy(asc(offices.path), asc(users.username))
    .limit(page.limit)
    .offset(page.offset);
  const [totals] = await db
    .select({ total: count() })
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(where);
  return { rows, total: totals?.total ?? 0 };
}

/** A staff account with its office; undefined for an unknown id or a non-staff account. */
export async function findStaffById(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<StaffRow | undefined> {
  const q = db
    .select(staffSelection)
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(eq(users.id, id), isStaff))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update', { of: users }) : await q;
  return row;
}

export const isUsernameTaken = async (db: Executor, username: string): Promise<boolean> =>
  (await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1)).length > 0;

export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(
  db: Executor,
  id: string,
  set: Partial<typeof users.$inferInsert>,
): Promise<UserRow> {
  const [row] = await db.update(users).set(set).where(eq(users.id, id)).returning();
  return row!;
}

/** Ends every live session of an account; returns how many were ended. */
export async function revokeSessionsOf(db: Executor, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}
