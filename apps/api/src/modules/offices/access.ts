import type { Locale } from '@opendmv/contracts';
import { type AuditActor, recordAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findOfficeById, type OfficeRow } from './repository.ts';

/**
 * Management scope: a staff member (or device) manages its own office and everything below it.
 * The scope is the office's materialized path; a record is in scope when its office's path starts
 * with it. A caller without an office has no scope at all.
 */
export function scopePathOf(caller: Principal): string {
  if (!caller.officePath) throw new AppError('OUT_OF_SCOPE');
  return caller.officePath;
}

export const isInScope = (caller: Principal, officePath: string): boolean =>
  caller.officePath !== null && officePath.startsWith(caller.officePath);

/**
 * Refuse (403 OUT_OF_SCOPE) a change aimed outside the caller's subtree, and audit the refused
 * attempt in its own transaction (ASVS 16.3.2). Call it before opening the change's transaction.
 */
export async function assertInScope(
  ctx: AppContext,
  caller: Principal,
  actor: AuditActor,
  officePath: string,
  attempt: { operation: string; entityType: string; entityId: string },
): Promise<void> {
  if (isInScope(caller, officePath)) return;
  await recordAudit(ctx.db, actor, {
    action: 'access.denied',
    outcome: 'denied',
    entityType: attempt.entityType,
    entityId: attempt.entityId,
    details: { reason: 'out-of-scope', operation: attempt.operation },
  });
  throw new AppError('OUT_OF_SCOPE');
}

/** The office a change is aimed at: 404 when it does not exist, 403 (audited) when outside the caller's scope. */
export async function getOfficeInScope(
  ctx: AppContext,
  caller: Principal,
  actor: AuditActor,
  officeId: string,
  operation: string,
): Promise<OfficeRow> {
  const office = await findOfficeById(ctx.db, officeId);
  if (!office) throw new AppError('NOT_FOUND');
  await assertInScope(ctx, caller, actor, office.path, {
    operation,
    entityType: 'office',
    entityId: office.id,
  });
  return office;
}

/** A field-level message in the caller's language (the error body carries it as is). */
export const fieldError = (locale: Locale, field: string, zh: string, en: string) => ({
  field,
  message: locale === 'zh-CN' ? zh : en,
});
