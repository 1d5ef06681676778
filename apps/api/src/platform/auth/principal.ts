import type { Role } from '@opendmv/contracts';
import type { AuditActor } from '../audit/audit.ts';

/** Who is calling: a logged-in account (session cookie) or a device/partner system (API token). */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      role: Role;
      displayName: string;
      username: string;
      officeId: string | null;
      /** Materialized path of the staff member's office: management scope (staff, offices, audit). */
      officePath: string | null;
      /** Registry reads: the whole 车管所 the staff member works in (一窗通办 across its branches). */
      registryScopePath: string | null;
      personId: string | null;
      realNameLevel: 'phone' | 'id' | 'face' | null;
      csrfToken: string;
      sessionHash: string;
    }
  | {
      kind: 'token';
      tokenId: string;
      role: 'kiosk' | 'partner';
      name: string;
      officeId: string;
      officePath: string;
    };

export function auditActorOf(p: Principal | null, ip: string | null, requestId: string | null): AuditActor {
  if (!p) return { actorId: null, actorRole: null, actorKind: 'anonymous', officeId: null, ip, requestId };
  if (p.kind === 'user')
    return { actorId: p.userId, actorRole: p.role, actorKind: 'user', officeId: p.officeId, ip, requestId };
  return { actorId: p.tokenId, actorRole: p.role, actorKind: 'token', officeId: p.officeId, ip, requestId };
}
