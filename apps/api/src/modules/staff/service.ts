import {
  type createStaffBodySchema,
  type Locale,
  ROLE_PERMISSIONS,
  ROLES,
  requiresTotp,
  type roleInfoSchema,
  roleLabels,
  type StaffDto,
} from '@opendmv/contracts';
import type { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { inLocale } from '../../platform/http/locale.ts';
import { hashPassword } from '../identity/passwords.ts';
import { clearSessionCache } from '../identity/service.ts';
import { newTotpSecret, totpUri } from '../identity/totp.ts';
import { assertInScope, fieldError, getOfficeInScope, scopePathOf } from '../offices/index.ts';
import { passwordProblem } from './password-policy.ts';
import {
  findStaffById,
  insertUser,
  isUsernameTaken,
  listStaffInScope,
  revokeSessionsOf,
  type StaffRow,
  updateUser,
} from './repository.ts';

export type CreateStaffBody = z.infer<typeof createStaffBodySchema>;
export type RoleInfo = z.infer<typeof roleInfoSchema>;
export interface CreatedStaff {
  staff: StaffDto;
  totpSecret: string;
  totpUri: string;
}

/** A staff account as the API shows it, with its office's name in `locale`. */
export function toStaffDto(row: StaffRow, now: Date, locale: Locale): StaffDto {
  const u = row.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    officeId: u.officeId,
    officeName: inLocale(locale, row.officeNameZh, row.officeNameEn),
    status: u.status,
    isLocked: u.lockedUntil !== null && u.lockedUntil > now,
    hasTotp: u.totpSecretEnc !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

/** Every role, its labels, its permissions and whether it needs a second factor: the contracts table as data. */
export const listRoles = (): RoleInfo[] =>
  ROLES.map((role) => ({
    role,
    zh: roleLabels[role].zh,
    en: roleLabels[role].en,
    permissions: [...ROLE_PERMISSIONS[role]],
    requiresTotp: requiresTotp(role),
  }));

/** Staff accounts (officer, supervisor, admin) at offices in the caller's scope, optionally at one office. */
export async function listStaff(
  ctx: AppContext,
  caller: Principal,
  query: { limit: number; offset: number; officeId?: string },
  actor: AuditActor,
  locale: Locale,
) {
  const scopePath = scopePathOf(caller);
  if (query.officeId) await getOfficeInScope(ctx, caller, actor, query.officeId, 'staff.list');
  const { rows, total } = await listStaffInScope(ctx.db, scopePath, query);
  const now = ctx.clock.now();
  return {
    items: rows.map((r) => toStaffDto(r, now, locale)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

/**
 * Open a staff account at an office in the caller's scope. Every staff account gets a TOTP secret
 * (second factor), not only the supervisors and administrators that `requiresTotp` names: window
 * officers read personal data too, and login asks for the code whenever a secret is set. The
 * secret is stored encrypted and shown to the administrator once, with its otpauth:// URI.
 */
export async function createStaff(
  ctx: AppContext,
  caller: Principal,
  body: CreateStaffBody,
  actor: AuditActor,
  locale: Locale,
): Promise<CreatedStaff> {
  const office = await getOfficeInScope(ctx, caller, actor, body.officeId, 'staff.create');
  if (office.kind === 'kiosk') {
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        locale,
        'body.officeId',
        '自助终端点不能设置工作人员账号',
        'A kiosk site has no staff; choose an office, branch or outlet',
      ),
    ]);
  }
  const weak = passwordProblem(body.password, body.username);
  if (weak) throw new AppError('VALIDATION_FAILED', [fieldError(locale, 'body.password', weak.zh, weak.en)]);
  if (await isUsernameTaken(ctx.db, body.username)) {
    throw new AppError('CONFLICT', [
      fieldError(locale, 'body.username', '用户名已存在', 'This username is already taken'),
    ]);
  }

  const passwordHash = await hashPassword(body.password); // slow on purpose: outside the transaction
  const totpSecret = newTotpSecret();
  const by = caller.kind === 'user' ? caller.userId : null;
  const user = await ctx.db.transaction(async (tx) => {
    // A concurrent create of the same username loses on the unique index: 23505 → 409, nothing written.
    const row = await insertUser(tx, {
      username: body.username,
      passwordHash,
      role: body.role,
      displayName: body.displayName,
      officeId: office.id,
      totpSecretEnc: ctx.pii.encrypt(totpSecret),
      createdBy: by,
      updatedBy: by,
    });
    await appendAudit(tx, actor, {
      action: 'staff.create',
      entityType: 'user',
      entityId: row.id,
      details: { username: row.username, role: row.role, officeId: office.id, hasTotp: true },
    });
    return row;
  });
  return {
    staff: toStaffDto(
      { user, officeNameZh: office.nameZh, officeNameEn: office.nameEn, officePath: office.path },
      ctx.clock.now(),
      locale,
    ),
    totpSecret,
    totpUri: totpUri(totpSecret, body.username),
  };
}

export type StaffAction = 'unlock' | 'disable' | 'enable';

/** Status changes as data: what each action needs and leaves. `unlock` works in either status. */
const STATUS_CHANGES = {
  disable: { from: 'active', to: 'disabled' },
  enable: { from: 'disabled', to: 'active' },
} as const;

/**
 * Unlock (clear the failed-login lock), disable (and end every session) or re-enable a staff
 * account in the caller's scope. One transaction holds the change and its audit record.
 */
export async function changeStaff(
  ctx: AppContext,
  caller: Principal,
  staffId: string,
  action: StaffAction,
  actor: AuditActor,
  locale: Locale,
): Promise<StaffDto> {
  const target = await findStaffById(ctx.db, staffId);
  if (!target) throw new AppError('NOT_FOUND');
  await assertInScope(ctx, caller, actor, target.officePath, {
    operation: `staff.${action}`,
    entityType: 'user',
    entityId: staffId,
  });
  if (action === 'disable' && caller.kind === 'user' && caller.userId === staffId)
    throw new AppError('CONFLICT');

  const now = ctx.clock.now();
  const by = caller.kind === 'user' ? caller.userId : null;
  const row = await ctx.db.transaction(async (tx) => {
    const locked = await findStaffById(tx, staffId, { forUpdate: true });
    if (!locked) throw new AppError('NOT_FOUND');
    const u = locked.user;
    let details: Record<string, unknown>;
    let user: StaffRow['user'];
    if (action === 'unlock') {
      details = { wasLocked: u.lockedUntil !== null && u.lockedUntil > now, failedLogins: u.failedLogins };
      user = await updateUser(tx, staffId, {
        failedLogins: 0,
        lockedUntil: null,
        updatedAt: now,
        updatedBy: by,
      });
    } else {
      const change = STATUS_CHANGES[action];
      if (u.status !== change.from) throw new AppError('ILLEGAL_TRANSITION');
      user = await updateUser(tx, staffId, { status: change.to, updatedAt: now, updatedBy: by });
      details = { from: change.from, to: change.to };
      if (action === 'disable') {
        details.sessionsRevoked = await revokeSessionsOf(tx, staffId, now);
        clearSessionCache(); // this node forgets them at once; other nodes within the cache TTL
      }
    }
    await appendAudit(tx, actor, {
      action: `staff.${action}`,
      entityType: 'user',
      entityId: staffId,
      details,
    });
    return { ...locked, user };
  });
  return toStaffDto(row, now, locale);
}
