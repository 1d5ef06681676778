import type { apiTokenSchema, createApiTokenBodySchema } from '@opendmv/contracts';
import type { z } from 'zod';
import { type AuditActor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { AppContext } from '../../../platform/context.ts';
import { randomToken, sha256 } from '../../../platform/crypto/pii.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { assertInScope, getOfficeInScope, scopePathOf } from '../../offices/index.ts';
import {
  type ApiTokenRow,
  findTokenById,
  insertToken,
  listTokensInScope,
  revokeToken,
} from './repository.ts';

export type CreateApiTokenBody = z.infer<typeof createApiTokenBodySchema>;
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;
export interface DeviceSelf {
  id: string;
  name: string;
  kind: 'kiosk' | 'partner';
  officeId: string;
  officeName: string;
}

/** Every secret starts with this, so leaked secrets are easy to recognise (secret scanners, logs). */
export const TOKEN_SECRET_PREFIX = 'odmv_';
/** Characters of the secret kept in clear to tell tokens apart in lists: never enough to use it. */
export const TOKEN_PREFIX_LENGTH = 12;

export const toApiTokenDto = (t: ApiTokenRow): ApiTokenDto => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  partnerSource: (t.partnerSource as ApiTokenDto['partnerSource']) ?? null,
  officeId: t.officeId,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

/** Tokens of devices and partner systems at offices in the caller's scope, newest first, revoked ones included. */
export async function listApiTokens(
  ctx: AppContext,
  caller: Principal,
  page: { limit: number; offset: number },
) {
  const { rows, total } = await listTokensInScope(ctx.db, scopePathOf(caller), page);
  return { items: rows.map((r) => toApiTokenDto(r.token)), total, limit: page.limit, offset: page.offset };
}

/**
 * Issue a token for a kiosk or partner system at an office in the caller's scope. Only the
 * SHA-256 of the secret is stored; the secret is returned once and never logged or audited.
 */
export async function createApiToken(
  ctx: AppContext,
  caller: Principal,
  body: CreateApiTokenBody,
  actor: AuditActor,
): Promise<{ token: ApiTokenDto; secret: string }> {
  const office = await getOfficeInScope(ctx, caller, actor, body.officeId, 'api-token.create');
  const secret = `${TOKEN_SECRET_PREFIX}${randomToken(32)}`;
  const by = caller.kind === 'user' ? caller.userId : null;
  const token = await ctx.db.transaction(async (tx) => {
    const row = await insertToken(tx, {
      name: body.name,
      kind: body.kind,
      partnerSource: body.kind === 'partner' ? (body.partnerSource ?? null) : null,
      officeId: office.id,
      prefix: secret.slice(0, TOKEN_PREFIX_LENGTH),
      tokenHash: sha256(secret),
      createdBy: by,
      updatedBy: by,
    });
    await appendAudit(tx, actor, {
      action: 'api-token.create',
      entityType: 'api-token',
      entityId: row.id,
      details: {
        name: row.name,
        kind: row.kind,
        partnerSource: row.partnerSource,
        officeId: office.id,
        prefix: row.prefix,
      },
    });
    return row;
  });
  return { token: toApiTokenDto(token), secret };
}

/** Revoke a live token in the caller's scope; the next request made with it is anonymous. */
export async function revokeApiToken(
  ctx: AppContext,
  caller: Principal,
  tokenId: string,
  actor: AuditActor,
): Promise<ApiTokenDto> {
  const found = await findTokenById(ctx.db, tokenId);
  if (!found) throw new AppError('NOT_FOUND');
  await assertInScope(ctx, caller, actor, found.officePath, {
    operation: 'api-token.revoke',
    entityType: 'api-token',
    entityId: tokenId,
  });
  const now = ctx.clock.now();
  const token = await ctx.db.transaction(async (tx) => {
    const row = await revokeToken(tx, tokenId, now, caller.kind === 'user' ? caller.userId : null);
    if (!row) throw new AppError('ILLEGAL_TRANSITION'); // already revoked
    await appendAudit(tx, actor, {
      action: 'api-token.revoke',
      entityType: 'api-token',
      entityId: row.id,
      details: { name: row.name, kind: row.kind, prefix: row.prefix },
    });
    return row;
  });
  return toApiTokenDto(token);
}

/** The device or partner system behind the bearer token of this request. */
export async function getDeviceSelf(ctx: AppContext, caller: Principal): Promise<DeviceSelf> {
  if (caller.kind !== 'token') throw new AppError('FORBIDDEN');
  const found = await findTokenById(ctx.db, caller.tokenId);
  if (!found) throw new AppError('NOT_FOUND');
  const t = found.token;
  return { id: t.id, name: t.name, kind: t.kind, officeId: t.officeId, officeName: found.officeName };
}
