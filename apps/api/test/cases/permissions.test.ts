import {
  type CaseDetail,
  type CaseState,
  HUMAN_ACTIONS,
  type ItemDefinition,
  type WorkflowRole,
} from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, idNumberOf, personIdOf, transferableVehicle } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

/**
 * The permission matrix of every workflow action, read from the item's own workflow table: for each
 * action and each state it starts from, the callers holding one of its roles succeed and everyone else
 * is refused without changing the case.
 */
let t: TestApp;
let def: ItemDefinition;
const callers: Record<string, { agent: Agent; base: string; role: WorkflowRole | null }> = {};

/** How a case reaches each state: online it waits in auto-checked; at the window it is accepted at once. */
const PATH: Partial<Record<CaseState, string[]>> = {
  'auto-checked': [],
  accepted: [],
  reviewed: ['review'],
  'correction-requested': ['request-correction'],
  approved: ['review', 'approve'],
  produced: ['review', 'approve', 'produce'],
  delivered: ['review', 'approve', 'produce', 'deliver'],
  collected: ['review', 'approve', 'produce', 'collect'],
};

beforeAll(async () => {
  t = await startTestApp();
  const partner = t.demo.apiTokens.find((x) => x.kind === 'partner')!;
  const kiosk = t.demo.apiTokens.find((x) => x.kind === 'kiosk')!;
  callers.applicant = { agent: await t.login('citizen2'), base: '/api/v1/me/cases', role: 'applicant' };
  callers.otherCitizen = { agent: await t.login('citizen3'), base: '/api/v1/me/cases', role: null };
  callers.officer = { agent: await t.login('officer1'), base: '/api/v1/cases', role: 'officer' };
  callers.supervisor = { agent: await t.login('supervisor1'), base: '/api/v1/cases', role: 'supervisor' };
  callers.admin = { agent: await t.login('admin1'), base: '/api/v1/cases', role: null };
  callers.partner = { agent: t.bearer(partner.secret), base: '/api/v1/cases', role: null };
  callers.kiosk = { agent: t.bearer(kiosk.secret), base: '/api/v1/cases', role: null };
  callers.anonymous = { agent: t.anonymous(), base: '/api/v1/cases', role: null };
  def = (
    (await t.anonymous().get('/api/v1/public/catalog/TRANSFER')).json() as { definition: ItemDefinition }
  ).definition;
});
afterAll(() => t?.close());

let skip = 0;
async function caseIn(state: CaseState): Promise<CaseDetail> {
  const plate = await transferableVehicle(t, await personIdOf(t, 'citizen2'), skip++);
  const application = {
    itemCode: 'TRANSFER',
    subject: { plate },
    form: { sellerName: '原车主', transferDate: '2026-11-15' },
    delivery: 'collect',
    provided: ['ownership-transfer-proof'],
  };
  const res =
    state === 'auto-checked'
      ? await callers.applicant!.agent.post('/api/v1/me/cases', application)
      : await callers.officer!.agent.post('/api/v1/cases', {
          ...application,
          applicantIdNumber: await idNumberOf(t, 'citizen2'),
        });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json() as CaseDetail;
  return PATH[state]!.length > 0 ? drive(callers.officer!.agent, created.id, PATH[state]!) : created;
}

describe('every human action of the transfer workflow, allowed and refused', () => {
  it('has a case for every combination', () => {
    expect(
      def.workflow.transitions.filter((x) => (HUMAN_ACTIONS as readonly string[]).includes(x.action)).length,
    ).toBeGreaterThan(8);
  });

  const combos = () =>
    def.workflow.transitions
      .filter((x) => (HUMAN_ACTIONS as readonly string[]).includes(x.action))
      .flatMap((x) => x.from.filter((s) => PATH[s]).map((from) => ({ tr: x, from })));

  it('refuses every caller without the role, then lets the holder act', async () => {
    let checked = 0;
    for (const { tr, from } of combos()) {
      const c = await caseIn(from);
      expect(c.status).toBe(from);
      const allowed = Object.entries(callers).filter(([, k]) => k.role !== null && tr.roles.includes(k.role));
      const refused = Object.entries(callers).filter(
        ([, k]) => !(k.role !== null && tr.roles.includes(k.role)),
      );
      for (const [name, k] of refused) {
        const res = await k.agent.post(`${k.base}/${c.id}/actions`, { action: tr.action, note: '理由' });
        expect([401, 403, 404], `${name} ${tr.action} from ${from}: ${res.body}`).toContain(res.statusCode);
      }
      const after = (await callers.officer!.agent.get(`/api/v1/cases/${c.id}`)).json() as CaseDetail;
      expect(after.status, `refused callers changed nothing (${tr.action})`).toBe(from);
      if (allowed.length === 0) continue;
      const [name, k] = allowed[0]!;
      expect(after.availableActions.includes(tr.action)).toBe(tr.roles.includes('officer'));
      const res = await k.agent.post(`${k.base}/${c.id}/actions`, { action: tr.action, note: '理由' });
      expect(res.statusCode, `${name} ${tr.action} from ${from}: ${res.body}`).toBe(200);
      const done = res.json() as CaseDetail;
      expect(done.events.at(-1)!.action).toBe(tr.action);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('system actions are never taken through the API', async () => {
    const c = await caseIn('auto-checked');
    for (const action of ['instant-approve', 'escalate', 'deem-approve', 'auto-check', 'recheck']) {
      const res = await callers.officer!.agent.post(`/api/v1/cases/${c.id}/actions`, { action });
      expect(res.statusCode, action).toBe(403);
    }
  });

  it('a decision reserved to supervisors: the officer reviews, only the supervisor approves', async () => {
    const owner = await t.login('citizen5');
    const { items } = (await owner.get('/api/v1/me/vehicles')).json() as {
      items: { plate: string; status: string }[];
    };
    const plate = items.find((v) => v.status === 'mortgaged')!.plate;
    const res = await callers.officer!.agent.post('/api/v1/cases', {
      applicantIdNumber: await idNumberOf(t, 'citizen5'),
      itemCode: 'MORTGAGE-RELEASE',
      subject: { plate },
      form: {},
      delivery: 'collect',
      provided: ['release-consent'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = await drive(callers.officer!.agent, (res.json() as CaseDetail).id, ['review']);
    expect(c.availableActions).not.toContain('approve');
    expect(
      (await callers.officer!.agent.post(`/api/v1/cases/${c.id}/actions`, { action: 'approve' })).statusCode,
    ).toBe(403);
    const approved = await drive(callers.supervisor!.agent, c.id, ['approve']);
    expect(approved.decidedBy).toBe('supervisor');
    const after = (await owner.get('/api/v1/me/vehicles')).json() as {
      items: { plate: string; status: string }[];
    };
    expect(after.items.find((v) => v.plate === plate)!.status).toBe('normal');
  });

  it('a branch officer cannot accept an item not delegated to branches (放)', async () => {
    const admin = callers.admin!.agent;
    const versions = (await admin.get('/api/v1/admin/catalog/SCRAP-DEREG/versions')).json() as {
      items: { version: number; definition: ItemDefinition }[];
    };
    const current = versions.items[0]!;
    const res = await admin.request('PUT', '/api/v1/admin/catalog/SCRAP-DEREG', {
      baseVersion: current.version,
      definition: { ...current.definition, officeKinds: ['office'] },
      changeNote: '报废注销收归车管所本部办理',
    });
    expect(res.statusCode, res.body).toBe(200);
    const branchOfficer = await t.login('officer2');
    const owner = 'citizen1';
    const plate = (
      (await (await t.login(owner)).get('/api/v1/me/vehicles')).json() as { items: { plate: string }[] }
    ).items[0]!.plate;
    const body = {
      applicantIdNumber: await idNumberOf(t, owner),
      itemCode: 'SCRAP-DEREG',
      subject: { plate },
      form: {},
      delivery: 'collect',
    };
    const refused = await branchOfficer.post('/api/v1/cases', body);
    expect(refused.statusCode, refused.body).toBe(403);
  });
});
