import {
  type Locale,
  loginBodySchema,
  type Me,
  meSchema,
  permissionsOf,
  SESSION_COOKIE,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../platform/auth/plugin.ts';
import { auditActorOf, type Principal } from '../../platform/auth/principal.ts';
import { inLocale, localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { findOfficeById } from '../offices/repository.ts';
import { login, logout } from './service.ts';

/** The account as the web app sees it; the office name in the caller's language. */
async function buildMe(
  app: FastifyInstance,
  p: Extract<Principal, { kind: 'user' }>,
  locale: Locale,
): Promise<Me> {
  const office = p.officeId ? await findOfficeById(app.ctx.db, p.officeId) : undefined;
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    permissions: [...permissionsOf(p.role)],
    office: office
      ? { id: office.id, name: inLocale(locale, office.nameZh, office.nameEn), kind: office.kind }
      : null,
    realNameLevel: p.realNameLevel,
    personId: p.personId,
    csrfToken: p.csrfToken,
  };
}

function setSessionCookie(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expires: Date,
) {
  const secure =
    app.ctx.config.cookieSecure === 'auto' ? req.protocol === 'https' : app.ctx.config.cookieSecure;
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires });
}

export async function identityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      config: {
        isPublic: true,
        rateLimit: { max: app.ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Log in with username, password and (for supervisors and administrators) a TOTP code',
        body: loginBodySchema,
        response: { 200: meSchema, ...errors },
      },
    },
    async (req, reply) => {
      const result = await login(
        app.ctx,
        req.body,
        auditActorOf(null, req.ip, req.id),
        req.headers['user-agent'] ?? null,
      );
      setSessionCookie(app, req, reply, result.sessionToken, result.expiresAt);
      return buildMe(app, result.principal, localeOf(req.headers['accept-language']));
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { anyUser: true },
      schema: { operationId: 'logout', tags: ['auth'], response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      const p = userOf(req);
      await logout(app.ctx, p.sessionHash, auditActorOf(p, req.ip, req.id));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      config: { anyUser: true },
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The logged-in account',
        response: { 200: meSchema, ...errors },
      },
    },
    async (req) => buildMe(app, userOf(req), localeOf(req.headers['accept-language'])),
  );
}
