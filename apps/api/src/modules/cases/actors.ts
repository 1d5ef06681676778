import type { Locale, WorkflowRole } from '@opendmv/contracts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import type { CaseActor } from './engine.ts';
import type { CaseRow } from './repository.ts';

export type Meta = { ip: string; requestId: string; locale?: Locale };

/** The platform itself: automatic checks, approval by rule, timers. */
export const systemActor = (nodeId?: string): CaseActor => ({
  kind: 'system',
  id: null,
  role: 'system',
  name: nodeId ? `system@${nodeId}` : 'system',
  workflowRoles: ['system'],
  audit: SYSTEM_ACTOR,
});

/**
 * The workflow roles a principal holds on one case. The office-scope check is done by whoever loaded the
 * case; here only the relationship counts: a citizen is `applicant` of their own case, an agent of a case
 * they submitted under an authorization.
 */
export function workflowRolesOf(
  p: Principal,
  row: Pick<CaseRow, 'applicantPersonId' | 'agentUserId'> | null,
): WorkflowRole[] {
  if (p.kind === 'token') return p.role === 'partner' ? ['partner'] : [];
  switch (p.role) {
    case 'citizen':
      return row === null || (p.personId !== null && row.applicantPersonId === p.personId)
        ? ['applicant']
        : [];
    case 'agent':
      return row === null || row.agentUserId === p.userId ? ['applicant'] : [];
    case 'officer':
      return ['officer'];
    case 'supervisor':
      return ['supervisor'];
    default:
      return [];
  }
}

export function caseActorOf(p: Principal, meta: Meta, roles: WorkflowRole[]): CaseActor {
  return {
    kind: p.kind,
    id: p.kind === 'user' ? p.userId : p.tokenId,
    role: p.role,
    name: p.kind === 'user' ? p.displayName : p.name,
    workflowRoles: roles,
    audit: auditActorOf(p, meta.ip, meta.requestId),
  };
}
