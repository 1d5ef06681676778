import { can, type Role } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';
import { apiRoutes, type Caller, callers, fillParams } from './support/route-fixtures.ts';

let t: TestApp;
let agents: Record<Caller, Agent>;

beforeAll(async () => {
  t = await startTestApp();
  agents = await callers(t);
});
afterAll(() => t?.close());

/** What the contracts' role table says a caller may do on a route. */
function mayUse(
  caller: Caller,
  route: { permission: string | null; roles: readonly Role[] | null; isPublic: boolean; anyUser: boolean },
): boolean {
  if (route.isPublic) return true;
  if (caller === 'anonymous') return false;
  if (route.permission)
    return (
      can(caller as Role, route.permission as never) && (!route.roles || route.roles.includes(caller as Role))
    );
  return route.anyUser && caller !== 'kiosk' && caller !== 'partner';
}

describe('permission matrix: every route × every kind of caller', () => {
  it('declares access on every route', () => {
    expect(apiRoutes(t).length).toBeGreaterThan(10);
  });

  it('answers 401/403 — never 2xx — to a caller the role table does not allow, and never 401/403 to one it does', async () => {
    const violations: string[] = [];
    for (const route of apiRoutes(t)) {
      if (route.url === '/api/v1/auth/logout') continue; // would end the shared sessions; tested in auth.test.ts
      for (const [caller, agent] of Object.entries(agents) as [Caller, Agent][]) {
        const url = fillParams(route.url);
        const res = await agent.request(route.method as 'GET', url, route.method === 'GET' ? undefined : {});
        const allowed = mayUse(caller, route);
        if (!allowed && ![401, 403].includes(res.statusCode))
          violations.push(`${caller} ${route.method} ${route.url} → ${res.statusCode} (should be refused)`);
        if (!allowed && caller === 'anonymous' && res.statusCode !== 401)
          violations.push(`anonymous ${route.method} ${route.url} → ${res.statusCode} (want 401)`);
        if (allowed && res.statusCode === 403 && res.json().code === 'FORBIDDEN')
          violations.push(`${caller} ${route.method} ${route.url} → 403 (should be allowed)`);
        if (allowed && res.statusCode === 401)
          violations.push(`${caller} ${route.method} ${route.url} → 401 (should be allowed)`);
        expect(res.statusCode, `${caller} ${route.method} ${url}`).toBeLessThan(500);
      }
    }
    expect(violations).toEqual([]);
  });

  it('refuses a state change made with a session but without the CSRF header', async () => {
    const officer = agents.officer;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/persons',
      headers: { cookie: officer.headers.cookie! },
      payload: { idNumber: '34052419800101001X', name: '测试人' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
  });
});
