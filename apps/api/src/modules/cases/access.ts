import { todayInShanghai, type WorkflowRole } from '@opendmv/contracts';
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { officeIdsUnder } from '../offices/scope.ts';
import { workflowRolesOf } from './actors.ts';
import { type CaseRow, findCaseById } from './repository.ts';
import { agentAuthorizations } from './schema.ts';

/** The offices whose cases a staff member sees: their whole 车管所 (一窗通办), like registry reads. */
export async function caseScopeOf(db: Executor, p: Principal): Promise<string[] | null> {
  if (p.kind !== 'user') return [];
  if (p.role === 'citizen' || p.role === 'agent') return null;
  return p.registryScopePath ? officeIdsUnder(db, p.registryScopePath) : [];
}

/**
 * A case the caller may see, with the workflow roles they hold on it. Someone else's case, or one outside
 * the office scope, is "not found" — its existence is not disclosed.
 */
export async function caseForCaller(
  db: Executor,
  p: Principal,
  id: string,
  today: string = todayInShanghai(),
): Promise<{ row: CaseRow; roles: WorkflowRole[] }> {
  const row = await findCaseById(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const roles = workflowRolesOf(p, row);
  if (roles.length === 0) throw new AppError('NOT_FOUND');
  if (p.kind === 'user' && p.role === 'agent') {
    // An agent keeps access only while the citizen's authorization for this item is in force.
    const [auth] = await db
      .select({ id: agentAuthorizations.id })
      .from(agentAuthorizations)
      .where(
        and(
          eq(agentAuthorizations.agentUserId, p.userId),
          eq(agentAuthorizations.personId, row.applicantPersonId),
          isNull(agentAuthorizations.revokedAt),
          sql`${row.itemCode} = ANY(${agentAuthorizations.itemCodes})`,
          gte(agentAuthorizations.validUntil, today),
        ),
      )
      .limit(1);
    if (!auth) throw new AppError('NOT_FOUND');
  }
  if (p.kind === 'user' && (p.role === 'officer' || p.role === 'supervisor')) {
    const scope = await caseScopeOf(db, p);
    if (!scope?.includes(row.handlingOfficeId)) throw new AppError('NOT_FOUND');
  }
  return { row, roles };
}
