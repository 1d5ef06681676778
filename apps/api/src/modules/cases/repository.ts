import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { caseEvents, cases, caseTimers } from './schema.ts';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

export const findCaseById = async (db: Executor, id: string): Promise<CaseRow | undefined> =>
  (await db.select().from(cases).where(eq(cases.id, id)).limit(1))[0];

export const findCaseByNumber = async (db: Executor, number: string): Promise<CaseRow | undefined> =>
  (await db.select().from(cases).where(eq(cases.number, number)).limit(1))[0];

/** Row lock for a transition: a second action on the same case waits, then sees the new status. */
export const lockCase = async (db: Executor, id: string): Promise<CaseRow | undefined> =>
  (await db.select().from(cases).where(eq(cases.id, id)).for('update').limit(1))[0];

export const listEvents = (db: Executor, caseId: string): Promise<CaseEventRow[]> =>
  db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));

export const cancelOpenTimers = (db: Executor, caseId: string) =>
  db
    .update(caseTimers)
    .set({ status: 'cancelled' })
    .where(and(eq(caseTimers.caseId, caseId), eq(caseTimers.status, 'pending')));
