import crypto from 'node:crypto';
import type { RouteAccess } from '../../src/platform/auth/plugin.ts';
import type { Agent, TestApp } from './harness.ts';

export const ROLE_LOGINS = {
  citizen: 'citizen1',
  officer: 'officer1',
  supervisor: 'supervisor1',
  admin: 'admin1',
  agent: 'agent1',
} as const;
export type Caller = keyof typeof ROLE_LOGINS | 'kiosk' | 'partner' | 'anonymous';

/** One agent per kind of caller: each role by session, kiosk and partner by API token, and nobody. */
export async function callers(t: TestApp): Promise<Record<Caller, Agent>> {
  const out = {} as Record<Caller, Agent>;
  for (const [role, username] of Object.entries(ROLE_LOGINS)) out[role as Caller] = await t.login(username);
  const token = (kind: 'kiosk' | 'partner') => t.demo.apiTokens.find((x) => x.kind === kind)!.secret;
  out.kiosk = t.bearer(token('kiosk'));
  out.partner = t.bearer(token('partner'));
  out.anonymous = t.anonymous();
  return out;
}

/** Fill a route's :params with a syntactically valid id (the guard runs before the handler). */
export const fillParams = (url: string, id = crypto.randomUUID()) => url.replace(/:[a-zA-Z]+/g, id);

export const apiRoutes = (t: TestApp): RouteAccess[] =>
  t.app.routeAccess.filter((r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/auth/login');
