import type {
  AuthorizationDto,
  CaseDetail,
  LicenceDto,
  PrecheckResult,
  VehicleDto,
} from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberOf, partnerSecret } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

/** What someone might try: reuse one exam, act after an authorization is revoked, probe others' cars. */
let t: TestApp;
let citizen5: Agent;
beforeAll(async () => {
  t = await startTestApp();
  citizen5 = await t.login('citizen5');
});
afterAll(() => t?.close());

const points = async (a: Agent) =>
  ((await a.get('/api/v1/me/licence')).json() as { licence: LicenceDto }).licence.points;

describe('abuse resistance of the case engine', () => {
  it('one passed study exam takes points off once', async () => {
    const res = await t.bearer(partnerSecret(t, 'study-exam')).post('/api/v1/partner/exam-results', {
      records: [
        {
          reference: 'EXAM-ONCE-1',
          idNumber: await idNumberOf(t, 'citizen5'),
          examDate: '2026-11-20',
          passed: true,
          pointsEarned: 1,
          studyMinutes: 35,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const before = await points(citizen5);
    const apply = () =>
      citizen5.post('/api/v1/me/cases', {
        itemCode: 'POINT-REDUCE',
        subject: {},
        form: {},
        delivery: 'electronic',
      });
    const first = (await apply()).json() as CaseDetail;
    expect(first.status).toBe('completed');
    expect(await points(citizen5)).toBe(before - 1);
    const second = await apply();
    expect([201, 422]).toContain(second.statusCode);
    if (second.statusCode === 201) expect((second.json() as CaseDetail).status).toBe('auto-checked');
    expect(await points(citizen5)).toBe(before - 1);
  });

  it('an agent whose authorization was revoked no longer sees or acts on the case', async () => {
    const agent = await t.login('agent1');
    const granted = (
      await citizen5.post('/api/v1/me/authorizations', {
        agentUsername: 'agent1',
        itemCodes: ['DL-DAMAGED'],
        validDays: 5,
      })
    ).json() as AuthorizationDto;
    const filed = await agent.post('/api/v1/agent/cases', {
      authorizationId: granted.id,
      itemCode: 'DL-DAMAGED',
      subject: {},
      form: {},
      delivery: 'collect',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = (filed.json() as CaseDetail).id;
    expect((await agent.get(`/api/v1/agent/cases/${id}`)).statusCode).toBe(200);
    await citizen5.post(`/api/v1/me/authorizations/${granted.id}/revoke`);
    expect((await agent.get(`/api/v1/agent/cases/${id}`)).statusCode).toBe(404);
    expect((await agent.post(`/api/v1/agent/cases/${id}/actions`, { action: 'withdraw' })).statusCode).toBe(
      404,
    );
    expect(((await citizen5.get(`/api/v1/me/cases/${id}`)).json() as CaseDetail).agentName).toBeTruthy();
  });

  it("a pre-check on someone else's car says only that it is not yours", async () => {
    const { items } = (await citizen5.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] };
    const stranger = await t.login('citizen1');
    const res = await stranger.post('/api/v1/me/cases/precheck', {
      itemCode: 'SCRAP-DEREG',
      subject: { plate: items[0]!.plate },
      form: {},
    });
    expect(res.statusCode).toBe(200);
    const pre = res.json() as PrecheckResult;
    expect(pre.subject?.id).toBeNull();
    expect(pre.check.eligible).toBe(false);
    expect(pre.check.rules.length).toBe(1);
    expect(pre.check.materials).toEqual([]);
    const submit = await stranger.post('/api/v1/me/cases', {
      itemCode: 'SCRAP-DEREG',
      subject: { plate: items[0]!.plate },
      form: {},
      delivery: 'collect',
    });
    expect(submit.statusCode).toBe(422);
    expect((submit.json() as { fields: unknown[] }).fields).toHaveLength(1);
  });
});
