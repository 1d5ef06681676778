import type { CaseDetail, CaseList, PrecheckResult } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import {
  drive,
  eventsOf,
  idNumberOf,
  movableClock,
  personIdOf,
  transferableVehicle,
} from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

let t: TestApp;
let officer: Agent;
let buyer: Agent;
const clock = movableClock();

beforeAll(async () => {
  t = await startTestApp({ clock });
  [officer, buyer] = await Promise.all([t.login('officer1'), t.login('citizen2')]);
});
afterAll(() => t?.close());

async function windowTransfer(plate: string, provided: string[] = ['ownership-transfer-proof']) {
  return officer.post('/api/v1/cases', {
    applicantIdNumber: await idNumberOf(t, 'citizen2'),
    itemCode: 'TRANSFER',
    subject: { plate },
    form: { sellerName: '原车主', transferDate: '2026-11-15' },
    delivery: 'collect',
    provided,
  });
}

describe('window acceptance (一窗通办) of a transfer registration', () => {
  let plate: string;
  let c: CaseDetail;

  it('the pre-check shows the rules and the materials checklist', async () => {
    plate = await transferableVehicle(t, await personIdOf(t, 'citizen2'));
    const res = await officer.post('/api/v1/cases/precheck', {
      applicantIdNumber: await idNumberOf(t, 'citizen2'),
      itemCode: 'TRANSFER',
      subject: { plate },
      form: { sellerName: '原车主', transferDate: '2026-11-15' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { check, subject } = res.json() as PrecheckResult;
    expect(subject?.label).toBe(plate);
    expect(check.eligible).toBe(true);
    expect(check.instant).toBe(false);
    expect(check.materials.some((m) => m.supplier === 'applicant')).toBe(true);
  });

  it('accepts, asks for a correction that stops the clock, and completes after the answer', async () => {
    const res = await windowTransfer(plate);
    expect(res.statusCode, res.body).toBe(201);
    c = res.json() as CaseDetail;
    expect(c.channel).toBe('window');
    expect(c.outlet?.name).toBeTruthy();
    // Taking the application at the window is its acceptance (受理), in the same transaction.
    expect(c.status).toBe('accepted');
    expect(c.availableActions).toEqual(expect.arrayContaining(['review', 'request-correction', 'reject']));
    const dueBefore = c.dueDate!;

    c = await drive(officer, c.id, ['request-correction']);
    expect(c.status).toBe('correction-requested');
    expect(c.correction).toBe('请补充材料');
    expect(c.pausedSince).toBe(clock.today());

    // The applicant answers three calendar days later, online.
    clock.advanceDays(3);
    // Sessions last hours, not days: both sign in again.
    [officer, buyer] = await Promise.all([t.login('officer1'), t.login('citizen2')]);
    const mine = (await buyer.get(`/api/v1/me/cases/${c.id}`)).json() as CaseDetail;
    expect(mine.availableActions).toContain('answer-correction');
    const answered = await buyer.post(`/api/v1/me/cases/${c.id}/actions`, {
      action: 'answer-correction',
      note: '已补充',
      form: { sellerName: '原车主（已更正）' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    c = answered.json() as CaseDetail;
    expect(c.status).toBe('accepted');
    expect(c.pausedSince).toBeNull();
    expect(c.correction).toBeNull();
    expect(c.form.sellerName).toBe('原车主（已更正）');
    expect(c.dueDate! > dueBefore).toBe(true);

    c = await drive(officer, c.id, ['review', 'approve', 'produce', 'collect', 'complete']);
    expect(c.status).toBe('completed');
    expect(c.decidedBy).toBe('officer');
    const [owner] = await queryRows<{ owner_id: string }>(
      t.app.ctx.db,
      sql`SELECT owner_id FROM vehicles WHERE plate = ${plate}`,
    );
    expect(owner!.owner_id).toBe(await personIdOf(t, 'citizen2'));
    const events = await eventsOf(t, c.id);
    expect(events.map((e) => e.action)).toEqual([
      'submit',
      'auto-check',
      'accept',
      'request-correction',
      'answer-correction',
      'review',
      'approve',
      'produce',
      'collect',
      'complete',
    ]);
    // The status column is the fold of the event log.
    expect(events.at(-1)!.to_state).toBe(c.status);
  });

  it('the event log cannot be rewritten', async () => {
    await expect(
      t.app.ctx.db.execute(sql`UPDATE case_events SET note = 'x' WHERE case_id = ${c.id}`),
    ).rejects.toThrow();
    await expect(
      t.app.ctx.db.execute(sql`DELETE FROM case_events WHERE case_id = ${c.id}`),
    ).rejects.toThrow();
  });

  it('two officers deciding at once: one wins, the other is told the state moved on', async () => {
    const other = await t.login('officer2');
    const p2 = await transferableVehicle(t, await personIdOf(t, 'citizen2'));
    const created = (await windowTransfer(p2)).json() as CaseDetail;
    const results = await Promise.all([
      officer.post(`/api/v1/cases/${created.id}/actions`, { action: 'review' }),
      other.post(`/api/v1/cases/${created.id}/actions`, { action: 'review' }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([404, 409]).toContain(codes[1]);
    const events = await eventsOf(t, created.id);
    expect(events.filter((e) => e.action === 'review')).toHaveLength(1);
  });

  it('officers list cases near or past their limit', async () => {
    clock.advanceDays(10);
    officer = await t.login('officer1');
    const res = await officer.get('/api/v1/cases?due=overdue');
    expect(res.statusCode).toBe(200);
    const list = res.json() as CaseList;
    expect(list.total).toBeGreaterThan(0);
    for (const item of list.items) expect(['completed', 'rejected', 'withdrawn']).not.toContain(item.status);
    const sup = await t.login('supervisor1');
    expect(((await sup.get('/api/v1/cases?due=overdue')).json() as CaseList).total).toBe(list.total);
  });
});
