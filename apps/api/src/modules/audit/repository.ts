import { and, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/schema.ts';
import type { Executor } from '../../platform/db/client.ts';
import { officeIdTextsInScope } from '../offices/index.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  /** Events written by actors at offices under this path. */
  scopePath: string;
  /** Also events with no office (anonymous callers, the system, failed logins). */
  includeUnattributed: boolean;
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
}

/** A page of the log, newest first, with the total that matches. */
export async function listAuditEvents(db: Executor, f: AuditFilter, page: { limit: number; offset: number }) {
  const inScope = inArray(auditLog.officeId, officeIdTextsInScope(db, f.scopePath));
  const where: SQL | undefined = and(
    f.includeUnattributed ? or(inScope, isNull(auditLog.officeId)) : inScope,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
  );
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(page.limit)
    .offset(page.offset);
  const [totals] = await db.select({ total: count() }).from(auditLog).where(where);
  return { rows, total: totals?.total ?? 0 };
}
