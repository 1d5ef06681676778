import type { AuthorizationDto, CaseDetail, CaseList, VehicleDto } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

/** 电子委托书: a registered agent files a case for a citizen only under the citizen's authorization. */
let t: TestApp;
let owner: Agent;
let agent: Agent;
let plate: string;
let auth: AuthorizationDto;

beforeAll(async () => {
  t = await startTestApp();
  [owner, agent] = await Promise.all([t.login('citizen5'), t.login('agent1')]);
  const { items } = (await owner.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] };
  plate = items.find((v) => v.status === 'mortgaged')!.plate!;
});
afterAll(() => t?.close());

const release = (authorizationId: string, itemCode = 'MORTGAGE-RELEASE') => ({
  authorizationId,
  itemCode,
  subject: { plate },
  form: {},
  delivery: 'collect',
});

describe('agency channel', () => {
  it('the citizen authorizes a registered agent for named items; the agent sees it with the name masked', async () => {
    const res = await owner.post('/api/v1/me/authorizations', {
      agentUsername: 'agent1',
      itemCodes: ['MORTGAGE-RELEASE'],
      validDays: 7,
    });
    expect(res.statusCode, res.body).toBe(201);
    auth = res.json() as AuthorizationDto;
    expect(auth.active).toBe(true);
    const seen = (await agent.get('/api/v1/agent/authorizations')).json() as { items: AuthorizationDto[] };
    expect(seen.items.map((a) => a.id)).toContain(auth.id);
    expect(seen.items[0]!.principalName).toContain('*');
  });

  it('only a registered agent can be authorized', async () => {
    const res = await owner.post('/api/v1/me/authorizations', {
      agentUsername: 'officer1',
      itemCodes: ['TRANSFER'],
      validDays: 3,
    });
    expect(res.statusCode).toBe(400);
    expect(
      (
        await owner.post('/api/v1/me/authorizations', {
          agentUsername: 'agent1',
          itemCodes: [],
          validDays: 3,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await owner.post('/api/v1/me/authorizations', {
          agentUsername: 'agent1',
          itemCodes: ['TRANSFER'],
          validDays: 90,
        })
      ).statusCode,
    ).toBe(400);
  });

  it('the agent files the covered item; the case is the citizen’s and records the agency channel', async () => {
    const res = await agent.post('/api/v1/agent/cases', release(auth.id));
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as CaseDetail;
    expect(c.channel).toBe('agency');
    expect(c.agentName).toBeTruthy();
    const mine = (await owner.get('/api/v1/me/cases')).json() as CaseList;
    expect(mine.items.map((i) => i.id)).toContain(c.id);
    const listed = (await agent.get('/api/v1/agent/cases')).json() as CaseList;
    expect(listed.items.map((i) => i.id)).toEqual([c.id]);
    // The agent hands in the mortgagee's release consent for the citizen.
    const uploaded = await agent.post(`/api/v1/agent/cases/${c.id}/documents`, {
      materialCode: 'release-consent',
      fileName: '解除抵押证明.pdf',
      contentType: 'application/pdf',
      dataBase64: Buffer.from('%PDF-1.4\n').toString('base64'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const doc = (uploaded.json() as CaseDetail).documents[0]!;
    expect(doc.uploadedByRole).toBe('agent');
    expect((await agent.get(`/api/v1/agent/cases/${c.id}/documents/${doc.id}`)).statusCode).toBe(200);
    expect((await agent.post(`/api/v1/agent/cases/${c.id}/actions`, { action: 'withdraw' })).statusCode).toBe(
      200,
    );
  });

  it('an item the authorization does not cover, or a revoked authorization, is refused', async () => {
    expect((await agent.post('/api/v1/agent/cases', release(auth.id, 'SCRAP-DEREG'))).statusCode).toBe(403);
    const revoked = await owner.post(`/api/v1/me/authorizations/${auth.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect((revoked.json() as AuthorizationDto).active).toBe(false);
    expect((await agent.post('/api/v1/agent/cases', release(auth.id))).statusCode).toBe(403);
    const other = await t.login('citizen1');
    expect((await other.post(`/api/v1/me/authorizations/${auth.id}/revoke`)).statusCode).toBe(404);
  });

  it('citizens and officers cannot use the agent routes, nor agents the citizen ones', async () => {
    for (const who of ['citizen1', 'officer1']) {
      const a = await t.login(who);
      expect((await a.get('/api/v1/agent/cases')).statusCode, who).toBe(403);
    }
    expect((await agent.get('/api/v1/me/cases')).statusCode).toBe(403);
  });
});
