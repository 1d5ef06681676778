import type { CaseDetail, CaseList, LicenceDto, PrecheckResult } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, idNumberOf, partnerSecret, postMedicalResult } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

let t: TestApp;
let citizen1: Agent;
let citizen2: Agent;

beforeAll(async () => {
  t = await startTestApp();
  [citizen1, citizen2] = await Promise.all([t.login('citizen1'), t.login('citizen2')]);
});
afterAll(() => t?.close());

const renew = { itemCode: 'DL-RENEW', subject: {}, form: {} };

describe('online renewal with partner data (网上办 + 马上办)', () => {
  it('before the hospital reports, the medical certificate is awaited from the hospital, never asked of me', async () => {
    const res = await citizen1.post('/api/v1/me/cases/precheck', renew);
    expect(res.statusCode, res.body).toBe(200);
    const { check } = res.json() as PrecheckResult;
    expect(check.eligible).toBe(true);
    expect(check.instant).toBe(false);
    const medical = check.materials.find((m) => m.supplier === 'hospital-medical');
    expect(medical?.state).toBe('awaiting-partner');
    expect(check.materials.some((m) => m.supplier === 'applicant' && m.state !== 'not-needed')).toBe(false);
  });

  it('a case submitted early waits, and is approved by rule by itself when the hospital result arrives', async () => {
    const res = await citizen1.post('/api/v1/me/cases', {
      ...renew,
      delivery: 'post',
      deliveryAddress: '示范市东湖区湖滨路1号',
    });
    expect(res.statusCode, res.body).toBe(201);
    const waiting = res.json() as CaseDetail;
    expect(waiting.status).toBe('auto-checked');
    expect(waiting.channel).toBe('online');
    expect(waiting.dueDate).toBeTruthy();

    const before = ((await citizen1.get('/api/v1/me/licence')).json() as { licence: LicenceDto }).licence;
    await postMedicalResult(t, await idNumberOf(t, 'citizen1'), t.clock.today());

    const after = (await citizen1.get(`/api/v1/me/cases/${waiting.id}`)).json() as CaseDetail;
    expect(after.status).toBe('approved');
    expect(after.decidedBy).toBe('rule');
    expect(after.ruleSet).toMatch(/^DL-RENEW@\d+:[0-9a-f]{64}$/);
    expect(after.events.map((e) => e.action)).toEqual(['submit', 'auto-check', 'recheck', 'instant-approve']);
    const licence = ((await citizen1.get('/api/v1/me/licence')).json() as { licence: LicenceDto }).licence;
    // A 10-year licence with no full-score cycle is renewed as long-term (长期).
    expect(before.validityTier).toBe('10y');
    expect(licence.validityTier).toBe('long');
    expect(licence.validUntil).toBeNull();
    expect(licence.renewal.state).toBe('long-term');
  });

  it('once renewed, the licence is out of the renewal window: a second renewal is refused', async () => {
    const res = await citizen1.post('/api/v1/me/cases/precheck', renew);
    const { check } = res.json() as PrecheckResult;
    // The licence was just renewed: no longer in the renewal window.
    expect(check.eligible).toBe(false);
  });

  it('with the medical result already held, the case is approved at submission, with no visit', async () => {
    await postMedicalResult(t, await idNumberOf(t, 'citizen2'), t.clock.today());
    const pre = (await citizen2.post('/api/v1/me/cases/precheck', renew)).json() as PrecheckResult;
    expect(pre.check.instant).toBe(true);
    const res = await citizen2.post('/api/v1/me/cases', { ...renew, delivery: 'collect' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as CaseDetail;
    expect(c.status).toBe('approved');
    expect(c.decidedBy).toBe('rule');
    const events = await eventsOf(t, c.id);
    expect(events.map((e) => e.action)).toEqual(['submit', 'auto-check', 'instant-approve']);
    const audit = await t.app.ctx.db.execute(
      // The decision and its audit record were written together.
      (await import('drizzle-orm'))
        .sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${c.id} AND action = 'case.instant-approve'`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });
});

describe('production and postal delivery', () => {
  it('the office produces the renewed licence, the post reports it delivered, and I confirm receipt', async () => {
    const officer = await t.login('officer1');
    const mine = (await citizen1.get('/api/v1/me/cases?itemCode=DL-RENEW')).json() as CaseList;
    const approved = mine.items.find((c) => c.status === 'approved')!;
    const produced = await officer.post(`/api/v1/cases/${approved.id}/actions`, { action: 'produce' });
    expect(produced.statusCode, produced.body).toBe(200);
    const post = t.bearer(partnerSecret(t, 'post-delivery'));
    const event = (reference: string, ev: string, at: string) => ({
      reference,
      trackingNumber: 'EA100000001CN',
      caseNumber: approved.number,
      event: ev,
      at,
      place: '示范市东湖区',
    });
    const accepted = await post.post('/api/v1/partner/delivery-events', {
      records: [event(`${approved.number}-1`, 'accepted', '2026-11-21T08:30:00+08:00')],
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(((await citizen1.get(`/api/v1/me/cases/${approved.id}`)).json() as CaseDetail).status).toBe(
      'produced',
    );
    await post.post('/api/v1/partner/delivery-events', {
      records: [event(`${approved.number}-2`, 'delivered', '2026-11-21T09:45:00+08:00')],
    });
    const delivered = (await citizen1.get(`/api/v1/me/cases/${approved.id}`)).json() as CaseDetail;
    expect(delivered.status).toBe('delivered');
    expect(delivered.events.at(-1)).toMatchObject({ action: 'deliver', actorRole: 'partner' });
    expect(delivered.availableActions).toContain('complete');
    const done = await citizen1.post(`/api/v1/me/cases/${approved.id}/actions`, { action: 'complete' });
    expect((done.json() as CaseDetail).status).toBe('completed');
  });
});

describe('refusals before submission, privacy, progress', () => {
  it('a lost-licence replacement for a seized licence is refused with the reason, in my language', async () => {
    const c6 = await t.login('citizen6');
    const pre = (
      await c6.post('/api/v1/me/cases/precheck', { itemCode: 'DL-LOST', subject: {}, form: {} })
    ).json() as PrecheckResult;
    expect(pre.check.eligible).toBe(false);
    const failed = pre.check.rules.filter((r) => !r.passed && r.severity === 'refuse');
    expect(failed.length).toBeGreaterThan(0);
    const res = await c6.post(
      '/api/v1/me/cases',
      { itemCode: 'DL-LOST', subject: {}, form: {}, delivery: 'collect' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(422);
    const body = res.json() as { code: string; fields: { field: string; message: string }[] };
    expect(body.code).toBe('NOT_ELIGIBLE');
    expect(body.fields.map((f) => f.field)).toContain(`rules.${failed[0]!.id}`);
    expect(body.fields[0]!.message).toMatch(/[a-z]/i);
    const list = (await c6.get('/api/v1/me/cases')).json() as CaseList;
    expect(list.total).toBe(0);
  });

  it("another citizen's case is not found, and lists hold only my own", async () => {
    const mine = (await citizen1.get('/api/v1/me/cases')).json() as CaseList;
    expect(mine.total).toBeGreaterThan(0);
    const res = await citizen2.get(`/api/v1/me/cases/${mine.items[0]!.id}`);
    expect(res.statusCode).toBe(404);
    const act = await citizen2.post(`/api/v1/me/cases/${mine.items[0]!.id}/actions`, { action: 'withdraw' });
    expect(act.statusCode).toBe(404);
  });

  it('bad input is refused field by field and nothing is written', async () => {
    const before = ((await citizen1.get('/api/v1/me/cases')).json() as CaseList).total;
    const cases = [
      [{ ...renew, delivery: 'post' }, 'body.deliveryAddress'],
      [{ ...renew, delivery: 'drone' }, 'body.delivery'],
      [{ ...renew, itemCode: 'NO-SUCH', delivery: 'post' }, 'body.itemCode'],
      [{ ...renew, form: { unknown: 'x' }, delivery: 'collect' }, 'body.form.unknown'],
      [
        {
          itemCode: 'TRANSFER',
          subject: {},
          form: { sellerName: '王某', transferDate: '2026-11-20' },
          delivery: 'collect',
        },
        'body.subject.plate',
      ],
      [{ ...renew, delivery: 'collect', provided: ['medical-certificate-paper'] }, 'body.provided.0'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await citizen1.post('/api/v1/me/cases', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect((res.json() as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(field);
    }
    expect(((await citizen1.get('/api/v1/me/cases')).json() as CaseList).total).toBe(before);
  });

  it('the public progress lookup needs the number and the last four of the ID number', async () => {
    const mine = (await citizen1.get('/api/v1/me/cases')).json() as CaseList;
    const number = mine.items[0]!.number;
    const last4 = (await idNumberOf(t, 'citizen1')).slice(-4);
    const ok = await t.anonymous().get(`/api/v1/public/progress?number=${number}&idLast4=${last4}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as { steps: unknown[] }).steps.length).toBeGreaterThan(1);
    expect(ok.body).not.toContain(last4.length === 4 ? (await idNumberOf(t, 'citizen1')).slice(0, 6) : 'x');
    const wrong = last4 === '0000' ? '1111' : '0000';
    expect(
      (await t.anonymous().get(`/api/v1/public/progress?number=${number}&idLast4=${wrong}`)).statusCode,
    ).toBe(404);
    expect((await t.anonymous().get(`/api/v1/public/progress?number=C1&idLast4=${last4}`)).statusCode).toBe(
      400,
    );
  });
});
