import type { AuditChainReportDto, AuditEventDto, AuditEventsQuery } from '@opendmv/contracts';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { findOfficeById, scopePathOf } from '../offices/index.ts';
import { type AuditRow, listAuditEvents } from './repository.ts';

export const toAuditEventDto = (r: AuditRow): AuditEventDto => ({
  seq: r.seq,
  at: new Date(r.at).toISOString(),
  actorId: r.actorId,
  actorRole: r.actorRole,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  outcome: r.outcome,
  details: r.details,
});

/** Offices whose supervisors also see events with no office (anonymous, system): the top of the tree. */
const SEES_UNATTRIBUTED = new Set(['detachment', 'office']);

/**
 * The audit trail a supervisor may read: events by actors at offices in its scope, plus — for a
 * supervisor of a whole 车管所 or detachment — events with no office (anonymous callers, failed
 * logins, the system). Newest first.
 */
export async function searchAuditEvents(ctx: AppContext, caller: Principal, query: AuditEventsQuery) {
  const scopePath = scopePathOf(caller);
  const office = caller.officeId ? await findOfficeById(ctx.db, caller.officeId) : undefined;
  const { limit, offset, ...filter } = query;
  const { rows, total } = await listAuditEvents(
    ctx.db,
    { scopePath, includeUnattributed: office !== undefined && SEES_UNATTRIBUTED.has(office.kind), ...filter },
    { limit, offset },
  );
  return { items: rows.map(toAuditEventDto), total, limit, offset };
}

/**
 * Recompute the whole hash chain and name the first broken link. The check itself is recorded
 * (who verified, and what they found) after the chain has been read.
 */
export async function verifyAuditLog(ctx: AppContext, actor: AuditActor): Promise<AuditChainReportDto> {
  const report = await verifyAuditChain(ctx.db);
  await recordAudit(ctx.db, actor, {
    action: 'audit.verify',
    entityType: 'audit-log',
    outcome: report.ok ? 'success' : 'failure',
    details: { checked: report.checked, headSeq: report.headSeq, firstBroken: report.firstBroken },
  });
  return report;
}
