import { canContain, type createOfficeBodySchema, type Locale, type OfficeDto } from '@opendmv/contracts';
import type { z } from 'zod';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { fieldError, getOfficeInScope, scopePathOf } from './access.ts';
import { findOfficeByCode, insertOffice, listOfficesInScope, type OfficeRow } from './repository.ts';

export type CreateOfficeBody = z.infer<typeof createOfficeBodySchema>;

export const toOfficeDto = (o: OfficeRow): OfficeDto => ({
  id: o.id,
  parentId: o.parentId,
  kind: o.kind,
  code: o.code,
  nameZh: o.nameZh,
  nameEn: o.nameEn,
  address: o.address,
  path: o.path,
});

/** The caller's office and everything below it, by path (a tree in document order). */
export async function listOffices(ctx: AppContext, caller: Principal): Promise<OfficeDto[]> {
  return (await listOfficesInScope(ctx.db, scopePathOf(caller))).map(toOfficeDto);
}

/**
 * Open an office under a parent in the caller's scope. The hierarchy table in contracts says
 * which kinds may sit under which; the code is unique, and the path is the parent's plus the code.
 */
export async function createOffice(
  ctx: AppContext,
  caller: Principal,
  body: CreateOfficeBody,
  actor: AuditActor,
  locale: Locale,
): Promise<OfficeDto> {
  const parent = await getOfficeInScope(ctx, caller, actor, body.parentId, 'office.create');
  if (!canContain(parent.kind, body.kind)) {
    throw new AppError('VALIDATION_FAILED', [
      fieldError(
        locale,
        'body.kind',
        `${parent.kind} 下不能设立 ${body.kind}`,
        `A ${parent.kind} cannot contain a ${body.kind}`,
      ),
    ]);
  }
  if (await findOfficeByCode(ctx.db, body.code)) {
    throw new AppError('CONFLICT', [
      fieldError(locale, 'body.code', '机构代码已存在', 'This office code is already taken'),
    ]);
  }
  const by = caller.kind === 'user' ? caller.userId : null;
  const office = await ctx.db.transaction(async (tx) => {
    // A concurrent create of the same code loses on the unique index: 23505 → 409, nothing written.
    const row = await insertOffice(tx, {
      parentId: parent.id,
      kind: body.kind,
      code: body.code,
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      address: body.address ?? null,
      path: `${parent.path}${body.code}/`,
      createdBy: by,
      updatedBy: by,
    });
    await appendAudit(tx, actor, {
      action: 'office.create',
      entityType: 'office',
      entityId: row.id,
      details: { code: row.code, kind: row.kind, parentId: parent.id, path: row.path },
    });
    return row;
  });
  return toOfficeDto(office);
}
