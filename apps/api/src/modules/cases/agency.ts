import { type AuthorizationDto, addDays, type CaseDetail, type Locale, maskName } from '@opendmv/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActorOf, type Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { users } from '../identity/schema.ts';
import { findPersonById } from '../registry/index.ts';
import { caseActorOf, type Meta } from './actors.ts';
import { type CaseListQuery, listCases, toCaseDetail } from './queries.ts';
import { agentAuthorizations, cases } from './schema.ts';
import { type Submission, submitApplication } from './submit.ts';

type User = Extract<Principal, { kind: 'user' }>;
type Row = typeof agentAuthorizations.$inferSelect;

const isActive = (r: Row, today: string) => r.revokedAt === null && r.validUntil >= today;

async function toDto(db: Executor, r: Row, today: string, forAgent: boolean): Promise<AuthorizationDto> {
  const [agent] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, r.agentUserId));
  const person = await findPersonById(db, r.personId, null);
  return {
    id: r.id,
    agentName: agent?.name ?? '',
    principalName: forAgent ? maskName(person?.name ?? '') : (person?.name ?? ''),
    itemCodes: r.itemCodes,
    validUntil: r.validUntil,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    active: isActive(r, today),
  };
}

/**
 * 电子委托书: a real-name citizen authorizes a registered agency agent (an `agent` account) for named
 * items, for at most 30 days. Audited; the citizen can revoke it at any time.
 */
export async function grantAuthorization(
  ctx: AppContext,
  p: User,
  meta: Meta,
  body: { agentUsername: string; itemCodes: string[]; validDays: number },
): Promise<AuthorizationDto> {
  if (!p.personId) throw new AppError('FORBIDDEN', undefined, 'account not bound to a person');
  // Only an identity checked against the ID card (or the face) may put someone else to work in its name.
  if (p.realNameLevel !== 'id' && p.realNameLevel !== 'face')
    throw new AppError('FORBIDDEN', undefined, 'real-name verification (ID) is needed to authorize an agent');
  const [agent] = await ctx.db
    .select({ id: users.id, role: users.role, status: users.status })
    .from(users)
    .where(eq(users.username, body.agentUsername));
  if (agent?.role !== 'agent' || agent.status !== 'active')
    throw new AppError('VALIDATION_FAILED', [
      { field: 'body.agentUsername', message: 'no such registered agent' },
    ]);
  const validUntil = addDays(ctx.clock.today(), body.validDays);
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(agentAuthorizations)
      .values({
        personId: p.personId!,
        agentUserId: agent.id,
        itemCodes: [...new Set(body.itemCodes)],
        validUntil,
      })
      .returning();
    await appendAudit(tx, auditActorOf(p, meta.ip, meta.requestId), {
      action: 'authorization.grant',
      entityType: 'authorization',
      entityId: created!.id,
      details: { agentId: agent.id, items: created!.itemCodes, validUntil },
    });
    return created!;
  });
  return toDto(ctx.db, row, ctx.clock.today(), false);
}

export async function revokeAuthorization(ctx: AppContext, p: User, meta: Meta, id: string) {
  const row = await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(agentAuthorizations)
      .where(eq(agentAuthorizations.id, id))
      .for('update');
    if (!found || found.personId !== p.personId) throw new AppError('NOT_FOUND');
    if (found.revokedAt) return found;
    const [updated] = await tx
      .update(agentAuthorizations)
      .set({ revokedAt: ctx.clock.now() })
      .where(eq(agentAuthorizations.id, id))
      .returning();
    await appendAudit(tx, auditActorOf(p, meta.ip, meta.requestId), {
      action: 'authorization.revoke',
      entityType: 'authorization',
      entityId: id,
    });
    return updated!;
  });
  return toDto(ctx.db, row, ctx.clock.today(), false);
}

export async function listAuthorizations(ctx: AppContext, p: User) {
  const forAgent = p.role === 'agent';
  const where = forAgent
    ? eq(agentAuthorizations.agentUserId, p.userId)
    : eq(agentAuthorizations.personId, p.personId ?? '');
  if (!forAgent && !p.personId) return { items: [] };
  const rows = await ctx.db
    .select()
    .from(agentAuthorizations)
    .where(where)
    .orderBy(desc(agentAuthorizations.createdAt))
    .limit(100);
  const today = ctx.clock.today();
  const visible = forAgent ? rows.filter((r) => isActive(r, today)) : rows;
  return { items: await Promise.all(visible.map((r) => toDto(ctx.db, r, today, forAgent))) };
}

/** The agency channel: the case is the citizen's; the agent filed it and may follow and answer it. */
export async function applyAsAgent(
  ctx: AppContext,
  p: User,
  meta: Meta,
  s: Submission & { authorizationId: string },
  locale: Locale,
): Promise<CaseDetail> {
  const [auth] = await ctx.db
    .select()
    .from(agentAuthorizations)
    .where(
      and(
        eq(agentAuthorizations.id, s.authorizationId),
        eq(agentAuthorizations.agentUserId, p.userId),
        isNull(agentAuthorizations.revokedAt),
      ),
    );
  if (!auth || !isActive(auth, ctx.clock.today()))
    throw new AppError('FORBIDDEN', undefined, 'no active authorization from this citizen');
  if (!auth.itemCodes.includes(s.itemCode))
    throw new AppError('FORBIDDEN', undefined, 'the authorization does not cover this item');
  const person = await findPersonById(ctx.db, auth.personId, null);
  if (!person) throw new AppError('NOT_FOUND');
  const row = await submitApplication(ctx, {
    // The citizen proved their identity when they granted the authorization.
    applicant: { person, realNameLevel: 'id' },
    submission: s,
    channel: 'agency',
    actor: caseActorOf(p, meta, ['applicant']),
    outletId: null,
    agentUserId: p.userId,
    locale,
  });
  return toCaseDetail(ctx, row, ['applicant']);
}

export const listAgentCases = (ctx: AppContext, p: User, q: CaseListQuery) =>
  listCases(ctx, eq(cases.agentUserId, p.userId), q);
