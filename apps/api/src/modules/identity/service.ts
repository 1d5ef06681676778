import { type LoginBody, type Role, requiresTotp } from '@opendmv/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto/pii.ts';
import { AppError } from '../../platform/http/errors.ts';
import { officeScopeOf } from '../offices/scope.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import {
  findLiveApiToken,
  findLiveSession,
  findUserByUsername,
  touchApiToken,
  type UserRow,
} from './repository.ts';
import { sessions, users } from './schema.ts';
import { verifyTotp } from './totp.ts';

export interface LoginResult {
  sessionToken: string;
  expiresAt: Date;
  principal: Extract<Principal, { kind: 'user' }>;
}

/**
 * Password (argon2id) + TOTP for supervisors and administrators; lockout after repeated
 * failures. Every attempt — success or failure — is audited.
 */
export async function login(
  ctx: AppContext,
  body: LoginBody,
  actor: AuditActor,
  userAgent: string | null,
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const user = await findUserByUsername(ctx.db, body.username);
  const fail = async (
    code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID' | 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED',
    u?: UserRow,
  ) => {
    await ctx.db.transaction(async (tx) => {
      let lockedNow = false;
      if (u && (code === 'INVALID_CREDENTIALS' || code === 'TOTP_INVALID')) {
        const failures = u.failedLogins + 1;
        lockedNow = failures >= ctx.config.loginMaxFailures;
        await tx
          .update(users)
          .set({
            failedLogins: lockedNow ? 0 : failures,
            lockedUntil: lockedNow
              ? new Date(now.getTime() + ctx.config.loginLockMinutes * 60_000)
              : u.lockedUntil,
          })
          .where(eq(users.id, u.id));
      }
      await appendAudit(
        tx,
        { ...actor, actorId: u?.id ?? null, actorRole: u?.role ?? null, officeId: u?.officeId ?? null },
        {
          action: 'auth.login',
          entityType: 'user',
          entityId: u?.id,
          outcome: 'failure',
          details: { username: body.username, reason: code, ...(lockedNow ? { locked: true } : {}) },
        },
      );
    });
    throw new AppError(code);
  };

  if (!user) {
    await burnPasswordCheck(body.password);
    return fail('INVALID_CREDENTIALS');
  }
  if (user.status === 'disabled') return fail('ACCOUNT_DISABLED', user);
  if (user.lockedUntil && user.lockedUntil > now) return fail('ACCOUNT_LOCKED', user);
  if (!(await verifyPassword(user.passwordHash, body.password))) return fail('INVALID_CREDENTIALS', user);
  if (requiresTotp(user.role as Role) || user.totpSecretEnc) {
    if (!user.totpSecretEnc) return fail('TOTP_INVALID', user); // a privileged account without a second factor cannot log in
    if (!body.totp) throw new AppError('TOTP_REQUIRED');
    if (!verifyTotp(ctx.pii.decrypt(user.totpSecretEnc), body.totp, now.getTime()))
      return fail('TOTP_INVALID', user);
  }

  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      tokenHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      expiresAt,
      ip: actor.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    await appendAudit(
      tx,
      { ...actor, actorId: user.id, actorRole: user.role, officeId: user.officeId },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        details: { username: user.username },
      },
    );
  });
  return {
    sessionToken,
    expiresAt,
    principal: await principalOfSession(ctx, sha256(sessionToken), csrfToken, user),
  };
}

export async function logout(ctx: AppContext, sessionHash: string, actor: AuditActor): Promise<void> {
  forgetSession(sessionHash);
  await ctx.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(eq(sessions.tokenHash, sessionHash));
    await appendAudit(tx, actor, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.actorId ?? undefined,
    });
  });
}

/** The caller behind a session cookie or a bearer token, or null. */
export async function resolvePrincipal(
  ctx: AppContext,
  req: FastifyRequest,
  cookieName: string,
): Promise<Principal | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return resolveToken(ctx, auth.slice(7).trim());
  const cookie = req.cookies?.[cookieName];
  if (!cookie) return null;
  const tokenHash = sha256(cookie);
  const now = ctx.clock.now();
  const cached = sessionCache.get(tokenHash);
  if (cached && cached.until > Date.now() && cached.expiresAt > now) return cached.principal;
  const row = await findLiveSession(ctx.db, tokenHash, now);
  if (row?.user.status !== 'active') {
    sessionCache.delete(tokenHash);
    return null;
  }
  const principal = await principalOfSession(ctx, tokenHash, row.session.csrfToken, row.user);
  if (sessionCache.size >= SESSION_CACHE_MAX) sessionCache.delete(sessionCache.keys().next().value!);
  sessionCache.set(tokenHash, {
    principal,
    expiresAt: row.session.expiresAt,
    until: Date.now() + SESSION_CACHE_TTL_MS,
  });
  return principal;
}

/**
 * Sessions resolved in the last few seconds, per API node: the session lookup is the one query
 * every request would otherwise pay. Logging out drops the entry at once on this node; a session
 * revoked elsewhere (another node, a disabled account) stays usable here for at most
 * SESSION_CACHE_TTL_MS.
 */
const SESSION_CACHE_TTL_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;
const sessionCache = new Map<
  string,
  { principal: Extract<Principal, { kind: 'user' }>; expiresAt: Date; until: number }
>();
export const forgetSession = (tokenHash: string): void => {
  sessionCache.delete(tokenHash);
};
export const clearSessionCache = (): void => sessionCache.clear();

export async function principalOfSession(
  ctx: AppContext,
  tokenHash: string,
  csrfToken: string,
  u: UserRow,
): Promise<Extract<Principal, { kind: 'user' }>> {
  const scope = u.officeId ? await officeScopeOf(ctx.db, u.officeId) : null;
  return {
    kind: 'user',
    userId: u.id,
    role: u.role,
    displayName: u.displayName,
    username: u.username,
    officeId: u.officeId,
    officePath: scope?.officePath ?? null,
    registryScopePath: scope?.registryScopePath ?? null,
    personId: u.personId,
    realNameLevel: u.realNameLevel,
    csrfToken,
    sessionHash: tokenHash,
  };
}

async function resolveToken(ctx: AppContext, secret: string): Promise<Principal | null> {
  if (secret.length < 20 || secret.length > 200) return null;
  const row = await findLiveApiToken(ctx.db, sha256(secret));
  if (!row) return null;
  await touchApiToken(ctx.db, row.token.id, ctx.clock.now());
  return {
    kind: 'token',
    tokenId: row.token.id,
    role: row.token.kind,
    name: row.token.name,
    officeId: row.token.officeId,
    officePath: row.officePath,
  };
}
