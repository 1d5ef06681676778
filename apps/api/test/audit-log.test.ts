import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRowsAfter,
  branchAdmin,
  createStaffAndLogin,
  fromFreshIp,
  headSeq,
  loginCache,
} from './admin-support.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';

interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
  details: Record<string, unknown>;
}
interface AuditPage {
  items: AuditEvent[];
  total: number;
  limit: number;
  offset: number;
}

let t: TestApp;
let login: (username: string) => Promise<Agent>;
let admin: Agent;
let supervisor: Agent;

beforeAll(async () => {
  t = await startTestApp();
  login = loginCache(t);
  admin = await login('admin1');
  supervisor = await login('supervisor1');
});
afterAll(() => t?.close());

const events = async (agent: Agent, qs = '') => {
  const res = await agent.get(`/api/v1/audit/events?limit=200${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AuditPage;
};

describe('GET /api/v1/audit/events', () => {
  it('pages the log newest first', async () => {
    const page = await events(supervisor);
    expect(page.items.length).toBeGreaterThan(0);
    const seqs = page.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
    const own = page.items.find((e) => e.action === 'auth.login' && e.actorId === supervisor.me!.id);
    expect(own).toMatchObject({ actorRole: 'supervisor', outcome: 'success', entityType: 'user' });
    expect(own!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const next = (await supervisor.get(`/api/v1/audit/events?limit=1&offset=1`)).json() as AuditPage;
    expect(next.items[0]?.seq).toBe(seqs[1]);
  });

  it('filters by action, actor and entity', async () => {
    const byAction = await events(supervisor, '&action=auth.login');
    expect(byAction.items.length).toBeGreaterThan(0);
    expect(byAction.items.every((e) => e.action === 'auth.login')).toBe(true);

    const byActor = await events(supervisor, `&actorId=${supervisor.me!.id}`);
    expect(byActor.items.every((e) => e.actorId === supervisor.me!.id)).toBe(true);
    expect(byActor.items.length).toBeGreaterThan(0);

    const byEntity = await events(supervisor, `&entityType=user&entityId=${supervisor.me!.id}`);
    expect(byEntity.items.length).toBeGreaterThan(0);
    expect(byEntity.items.every((e) => e.entityType === 'user' && e.entityId === supervisor.me!.id)).toBe(
      true,
    );
  });

  it('shows a branch supervisor only what actors at its branch did', async () => {
    const { branch } = await branchAdmin(t, admin);
    const { agent: branchSupervisor } = await createStaffAndLogin(t, admin, 'supervisor', branch.id);
    const { agent: branchOfficer } = await createStaffAndLogin(t, admin, 'officer', branch.id);
    const before = await headSeq(t);
    await t
      .anonymous()
      .post('/api/v1/auth/login', { username: 'nobody-here', password: 'whatever-123' }, fromFreshIp());
    const anonymousSeq = (await auditRowsAfter(t, before))[0]!.seq;

    const page = await events(branchSupervisor);
    const actors = new Set(page.items.map((e) => e.actorId));
    expect(actors.has(branchOfficer.me!.id)).toBe(true);
    expect(actors.has(branchSupervisor.me!.id)).toBe(true);
    expect(actors.has(admin.me!.id)).toBe(false); // admin1 works above the branch
    expect(page.items.map((e) => e.seq)).not.toContain(anonymousSeq);
    expect((await events(branchSupervisor, `&actorId=${admin.me!.id}`)).total).toBe(0);

    // The supervisor of the whole office sees the branch too, and (at office level) events with no office.
    const wide = await events(supervisor, `&actorId=${branchOfficer.me!.id}`);
    expect(wide.items.length).toBeGreaterThan(0);
    const topLevel = ['office', 'detachment'].includes(supervisor.me!.office!.kind);
    const seesAnonymous = (await events(supervisor, '&action=auth.login')).items.some(
      (e) => e.seq === anonymousSeq,
    );
    expect(seesAnonymous).toBe(topLevel);
  });

  it('answers 400 with the query field on bad paging or filters', async () => {
    for (const [qs, field] of [
      ['limit=500', 'query.limit'],
      ['offset=-3', 'query.offset'],
      ['action=', 'query.action'],
    ]) {
      const res = await supervisor.get(`/api/v1/audit/events?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field }] });
    }
  });

  it('is for supervisors only: admins, officers, citizens get 403, anonymous callers 401', async () => {
    for (const agent of [admin, await login('officer1'), await login('citizen1')]) {
      const res = await agent.get('/api/v1/audit/events');
      expect(res.statusCode, agent.me!.username).toBe(403);
    }
    expect((await t.anonymous().get('/api/v1/audit/events')).statusCode).toBe(401);
  });
});

describe('GET /api/v1/audit/verify', () => {
  it('reports an intact chain to admins and supervisors, and records the check', async () => {
    for (const agent of [admin, supervisor]) {
      const head = await headSeq(t);
      const res = await agent.get('/api/v1/audit/verify');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ok: true, checked: head, headSeq: head, firstBroken: null });
      const rows = await auditRowsAfter(t, head);
      expect(rows.map((r) => [r.action, r.outcome, r.actorId])).toEqual([
        ['audit.verify', 'success', agent.me!.id],
      ]);
    }
  });

  it('refuses officers and citizens (403) and anonymous callers (401)', async () => {
    expect((await (await login('officer1')).get('/api/v1/audit/verify')).statusCode).toBe(403);
    expect((await (await login('citizen1')).get('/api/v1/audit/verify')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/v1/audit/verify')).statusCode).toBe(401);
  });
});
