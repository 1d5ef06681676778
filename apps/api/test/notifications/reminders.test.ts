import { addDays, type NotificationList } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanReminders } from '../../src/modules/notifications/index.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { movableClock, personIdOf } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';
import { act, messagesOf, windowTransfer } from './support.ts';

let t: TestApp;
let officer: Agent;
let p1: string;
let p2: string;
let caseId: string;
const clock = movableClock();

beforeAll(async () => {
  t = await startTestApp({ clock });
  officer = await t.login('officer1');
  [p1, p2] = await Promise.all([personIdOf(t, 'citizen1'), personIdOf(t, 'citizen2')]);
});
afterAll(() => t?.close());

const scan = () => scanReminders(t.app.ctx);
const reminders = async (personId: string) =>
  (await messagesOf(t, personId)).filter((m) => m.template.startsWith('reminder.'));
const setReminders = async (username: string, on: boolean) => {
  const res = await (await t.login(username)).request('PUT', '/api/v1/me/notification-preferences', {
    sms: true,
    inApp: true,
    reminders: on,
  });
  expect(res.statusCode, res.body).toBe(200);
};

describe('reminders', () => {
  it('a correction request is not recalled before three days', async () => {
    const c = await windowTransfer(t, officer, 'citizen2');
    await act(officer, c.id, 'request-correction', '请补充原车主签字的二手车交易发票复印件');
    caseId = c.id;
    await setReminders('citizen1', false);
    await scan();
    expect((await reminders(p2)).filter((m) => m.template === 'reminder.correction-waiting')).toHaveLength(0);
  });

  it('scanned twice, five days on: one message for each thing due, none for a citizen who turned them off', async () => {
    clock.advanceDays(5);
    officer = await t.login('officer1');
    const written = await scan();
    expect(written).toBeGreaterThan(0);
    expect(await scan()).toBe(0);

    const waiting = (await reminders(p2)).filter((m) => m.template === 'reminder.correction-waiting');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.link).toBe(`/citizen/cases/${caseId}`);
    expect(waiting[0]!.params.note).toContain('交易发票');
    expect(await reminders(p1)).toHaveLength(0);
  });

  it('turned back on: the fine whose surcharge starts in 3 days and the inspection due are recalled, once', async () => {
    await setReminders('citizen1', true);
    expect(await scan()).toBeGreaterThan(0);
    expect(await scan()).toBe(0);
    const mine = await reminders(p1);
    const fine = mine.filter((m) => m.template === 'reminder.fine-surcharge');
    // citizen1's fine was decided 8 days before the test day; five days later, day 15 is two days away.
    expect(fine).toHaveLength(1);
    expect(fine[0]!.params.deadline).toBe(addDays(clock.today(), 2));
    const inspection = mine.filter((m) => m.template === 'reminder.inspection-due');
    expect(inspection.length).toBeGreaterThanOrEqual(1);
    expect(new Set(mine.map((m) => m.dedupe_key)).size).toBe(mine.length);

    // The citizen reads them in the inbox, in their language.
    const citizen1 = await t.login('citizen1');
    const res = await citizen1.get('/api/v1/me/notifications', { 'accept-language': 'en' });
    const list = res.json() as NotificationList;
    const fineMsg = list.items.find((m) => m.template === 'reminder.fine-surcharge')!;
    expect(fineMsg.kind).toBe('reminder');
    expect(fineMsg.title).toBe('Fine surcharge starts soon');
    expect(fineMsg.body).toContain(String(fine[0]!.params.deadline));
  });

  it('licences expiring within 90 days are recalled once per expiry date', async () => {
    const licence = await queryRows<{ dedupe_key: string; params: { validUntil: string; days: number } }>(
      t.app.ctx.db,
      sql`SELECT dedupe_key, params FROM notifications WHERE template = 'reminder.licence-expiring'`,
    );
    expect(licence.length).toBeGreaterThan(0);
    for (const n of licence) {
      expect(n.params.days).toBeGreaterThanOrEqual(0);
      expect(n.params.days).toBeLessThanOrEqual(90);
      expect(n.dedupe_key).toMatch(new RegExp(`^reminder:licence:[0-9a-f-]{36}:${n.params.validUntil}$`));
    }
  });

  it('a second correction request of the same case is recalled again, once', async () => {
    const citizen2 = await t.login('citizen2');
    const answered = await citizen2.post(`/api/v1/me/cases/${caseId}/actions`, {
      action: 'answer-correction',
      note: '已补交',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    await act(officer, caseId, 'request-correction', '发票复印件不清晰，请重新提交');
    clock.advanceDays(4);
    await scan();
    await scan();
    const waiting = (await reminders(p2)).filter((m) => m.template === 'reminder.correction-waiting');
    expect(waiting).toHaveLength(2);
    expect(waiting.map((m) => m.params.note)).toContain('发票复印件不清晰，请重新提交');
  });
});
