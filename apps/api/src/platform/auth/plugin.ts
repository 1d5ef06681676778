import { CSRF_HEADER, can, type Permission, type Role } from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../http/errors.ts';
import { auditActorOf, type Principal } from './principal.ts';

export interface RouteAccess {
  method: string;
  url: string;
  permission: Permission | null;
  roles: readonly Role[] | null;
  isPublic: boolean;
  anyUser: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api/v1 route with the access it declares: read by the permission-matrix tests and docs. */
    routeAccess: RouteAccess[];
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The permission a caller needs. Every /api/v1 route names one, or says `isPublic`. */
    permission?: Permission;
    /** Roles allowed in addition to the permission check (narrows it). */
    roles?: readonly Role[];
    isPublic?: boolean;
    /** Any logged-in account, whatever its role (log out, read oneself). */
    anyUser?: boolean;
  }
}

export interface AuthOptions {
  /** Resolves the caller from the session cookie or the bearer token; null when anonymous. */
  resolvePrincipal(req: FastifyRequest): Promise<Principal | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication and authorization for every route: resolve the principal, check the route's
 * permission against the role table in contracts, and check the CSRF token on state changes
 * made with a session cookie. A denied attempt is audited.
 */
export const authPlugin = fp<AuthOptions>(
  async (app: FastifyInstance, opts) => {
    app.decorateRequest('principal', null);
    const routeAccess: RouteAccess[] = [];
    app.decorate('routeAccess', routeAccess);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/v1/')) return;
      const cfg = route.config as
        | { permission?: Permission; roles?: readonly Role[]; isPublic?: boolean; anyUser?: boolean }
        | undefined;
      if (!cfg?.permission && !cfg?.isPublic && !cfg?.anyUser) {
        throw new Error(
          `Route ${route.method} ${route.url} declares neither a permission, anyUser nor isPublic`,
        );
      }
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        routeAccess.push({
          method,
          url: route.url,
          permission: cfg.permission ?? null,
          roles: cfg.roles ?? null,
          isPublic: cfg.isPublic === true,
          anyUser: cfg.anyUser === true,
        });
      }
    });

    app.addHook('onRequest', async (req) => {
      req.principal = await opts.resolvePrincipal(req);
    });

    // Before validation: a caller who may not use a route learns nothing about its input rules.
    app.addHook('preValidation', async (req) => {
      const cfg = req.routeOptions.config;
      // Outside /api/v1 (health, docs, the web app) a route without access rules is public;
      // inside it, onRoute above has already refused a route that declares none.
      if (cfg.isPublic || (!cfg.permission && !cfg.anyUser)) return;
      const p = req.principal;
      if (!p) throw new AppError('UNAUTHENTICATED');
      const allowed = cfg.permission
        ? can(p.role, cfg.permission) && (!cfg.roles || cfg.roles.includes(p.role))
        : cfg.anyUser === true && p.kind === 'user';
      if (!allowed) {
        await recordAudit(app.ctx.db, auditActorOf(p, req.ip, req.id), {
          action: 'access.denied',
          outcome: 'denied',
          details: {
            method: req.method,
            route: req.routeOptions.url,
            permission: cfg.permission ?? 'any-user',
          },
        });
        throw new AppError('FORBIDDEN');
      }
      if (p.kind === 'user' && !SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== p.csrfToken) {
        throw new AppError('CSRF_INVALID');
      }
    });
  },
  { name: 'opendmv-auth' },
);

/** The principal of a route that declared a permission: present by construction. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED');
  return req.principal;
}

export function userOf(req: FastifyRequest): Extract<Principal, { kind: 'user' }> {
  const p = principalOf(req);
  if (p.kind !== 'user') throw new AppError('FORBIDDEN');
  return p;
}
