import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDueNotifications, enqueueNotification } from '../../src/modules/notifications/index.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { movableClock, personIdOf } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';
import { act, deliveriesOf, deliveryById, messagesOf, phoneOf, windowTransfer } from './support.ts';

let t: TestApp;
let officer: Agent;
let p2: string;
let phone2: string;
const clock = movableClock();

beforeAll(async () => {
  t = await startTestApp({ clock, gateway: true });
  officer = await t.login('officer1');
  p2 = await personIdOf(t, 'citizen2');
  phone2 = await phoneOf(t, 'citizen2');
});
afterAll(() => t?.close());

const sms = () => t.world!.sms;
const dispatch = (node = 'node-a', max = 50) => dispatchDueNotifications(t.app.ctx, node, max);
/** Sends everything due now (earlier tests' messages included), so a test starts from a clean queue. */
async function drain() {
  for (let i = 0; i < 20; i++) if ((await dispatch()).claimed === 0) return;
}
const enqueue = (dedupeKey: string, personId = p2) =>
  t.app.ctx.db.transaction((tx) =>
    enqueueNotification(t.app.ctx, tx, {
      personId,
      template: 'case.approved',
      params: { number: 'C20261121000001', item: '转移登记', itemEn: 'Transfer registration' },
      link: '/citizen/cases',
      dedupeKey,
    }),
  );
async function smsDeliveryOf(dedupeKey: string) {
  const [row] = await queryRows<{ id: string }>(
    t.app.ctx.db,
    sql`SELECT d.id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.dedupe_key = ${dedupeKey} AND d.channel = 'sms'`,
  );
  if (!row) throw new Error(`no sms delivery for ${dedupeKey}`);
  return row.id;
}
const requestsFor = (clientRef: string) => sms().requests.filter((r) => r.clientRef === clientRef);
const sentFor = (clientRef: string) => sms().sent.filter((m) => m.clientRef === clientRef);

describe('the outbox: written with the change that causes it', () => {
  it('rolls back with its transaction, and one dedupe key makes one message', async () => {
    await expect(
      t.app.ctx.db.transaction(async (tx) => {
        expect(
          await enqueueNotification(t.app.ctx, tx, {
            personId: p2,
            template: 'case.approved',
            dedupeKey: 'test:rolled-back',
          }),
        ).toBe(true);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await messagesOf(t, p2)).filter((m) => m.dedupe_key === 'test:rolled-back')).toHaveLength(0);

    expect(await enqueue('test:once')).toBe(true);
    expect(await enqueue('test:once')).toBe(false);
    const once = (await messagesOf(t, p2)).filter((m) => m.dedupe_key === 'test:once');
    expect(once).toHaveLength(1);
    expect((await deliveriesOf(t, once[0]!.id)).map((d) => d.channel)).toEqual(['in-app', 'sms']);
  });

  it('a case decision writes one message per chosen channel; each goes out once, the SMS signed in Chinese', async () => {
    await drain();
    const c = await windowTransfer(t, officer, 'citizen2');
    // Taking the application at the window says nothing new to the applicant standing there.
    expect((await messagesOf(t, p2)).filter((m) => m.dedupe_key.startsWith(`case:${c.id}:`))).toHaveLength(0);
    await act(officer, c.id, 'request-correction', '请补充原车主签字的二手车交易发票复印件');
    const [msg, ...more] = (await messagesOf(t, p2)).filter((m) => m.dedupe_key.startsWith(`case:${c.id}:`));
    expect(more).toHaveLength(0);
    expect(msg!.template).toBe('case.correction-requested');
    expect(msg!.link).toBe(`/citizen/cases/${c.id}`);
    const before = await deliveriesOf(t, msg!.id);
    expect(before.map((d) => [d.channel, d.status])).toEqual([
      ['in-app', 'pending'],
      ['sms', 'pending'],
    ]);

    const r = await dispatch();
    expect(r.sent).toBe(2);
    const after = await deliveriesOf(t, msg!.id);
    expect(after.map((d) => d.status)).toEqual(['sent', 'sent']);
    const smsRow = after.find((d) => d.channel === 'sms')!;
    const [text] = sentFor(smsRow.id);
    expect(sentFor(smsRow.id)).toHaveLength(1);
    expect(text!.phone).toBe(phone2);
    expect(text!.text.startsWith('【示范市车管所】')).toBe(true);
    expect(text!.text).toContain(c.number);
    expect(text!.text).toContain('交易发票');
    expect(smsRow.provider_ref).toBe(text!.messageId);
    // Sending again finds nothing to send.
    expect((await dispatch()).claimed).toBe(0);
    expect(sentFor(smsRow.id)).toHaveLength(1);

    // The rest of the case: the applicant answers (no message to themselves), the office decides.
    const citizen = await t.login('citizen2');
    const answered = await citizen.post(`/api/v1/me/cases/${c.id}/actions`, {
      action: 'answer-correction',
      note: '已补交',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    for (const action of ['review', 'approve', 'produce', 'collect', 'complete'])
      await act(officer, c.id, action);
    const seqOf = (key: string) => Number(key.split(':').pop());
    const templates = (await messagesOf(t, p2))
      .filter((m) => m.dedupe_key.startsWith(`case:${c.id}:`))
      .sort((a, b) => seqOf(a.dedupe_key) - seqOf(b.dedupe_key))
      .map((m) => m.template);
    expect(templates).toEqual([
      'case.correction-requested',
      'case.approved',
      'case.produced',
      'case.completed',
    ]);
  });

  it('two officers deciding at once: the loser rolls back, and so does its message', async () => {
    const c = await windowTransfer(t, officer, 'citizen2');
    await act(officer, c.id, 'review');
    const other = await t.login('officer2');
    const results = await Promise.all([
      officer.post(`/api/v1/cases/${c.id}/actions`, { action: 'approve' }),
      other.post(`/api/v1/cases/${c.id}/actions`, { action: 'approve' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()[0]).toBe(200);
    const approved = (await messagesOf(t, p2)).filter(
      (m) => m.dedupe_key.startsWith(`case:${c.id}:`) && m.template === 'case.approved',
    );
    expect(approved).toHaveLength(1);
  });
});

describe('the dispatcher', () => {
  it('two dispatchers running at once send each SMS exactly once', async () => {
    await drain();
    const keys = Array.from({ length: 16 }, (_, i) => `test:concurrent:${i}`);
    for (const k of keys) await enqueue(k);
    const ids = await Promise.all(keys.map(smsDeliveryOf));
    let claimed = 0;
    for (let round = 0; round < 10; round++) {
      const [a, b] = await Promise.all([dispatch('node-a', 10), dispatch('node-b', 10)]);
      claimed += a.claimed + b.claimed;
      if (a.claimed + b.claimed === 0) break;
    }
    expect(claimed).toBe(keys.length * 2);
    for (const id of ids) {
      expect(requestsFor(id), id).toHaveLength(1);
      expect(sentFor(id)).toHaveLength(1);
      expect((await deliveryById(t, id)).status).toBe('sent');
    }
  });

  it('a gateway outage: retried after 1 and 2 minutes, then sent once', async () => {
    await drain();
    await enqueue('test:outage');
    const id = await smsDeliveryOf('test:outage');
    sms().failNext(2);

    expect((await dispatch()).retrying).toBe(1);
    let row = await deliveryById(t, id);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('503');
    expect(new Date(row.next_attempt_at).getTime() - clock.now().getTime()).toBe(60_000);
    // Not due yet: nothing is claimed.
    expect((await dispatch()).claimed).toBe(0);

    clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    expect((await dispatch()).retrying).toBe(1);
    row = await deliveryById(t, id);
    expect(row.attempts).toBe(2);
    expect(new Date(row.next_attempt_at).getTime() - clock.now().getTime()).toBe(120_000);

    clock.set(new Date(clock.now().getTime() + 120_000).toISOString());
    expect((await dispatch()).sent).toBe(1);
    row = await deliveryById(t, id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(3);
    expect(requestsFor(id).map((r) => r.status)).toEqual([503, 503, 200]);
    expect(sentFor(id)).toHaveLength(1);
  });

  it('a reply lost on the way: the retry is recognised by the gateway, nothing goes out twice', async () => {
    await drain();
    await enqueue('test:lost-reply');
    const id = await smsDeliveryOf('test:lost-reply');
    sms().loseReplyNext(1);
    expect((await dispatch()).retrying).toBe(1);
    expect(sentFor(id)).toHaveLength(1);
    clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    expect((await dispatch()).sent).toBe(1);
    expect(requestsFor(id).map((r) => r.replay)).toEqual([false, true]);
    expect(sentFor(id)).toHaveLength(1);
    expect((await deliveryById(t, id)).provider_ref).toBe(sentFor(id)[0]!.messageId);
  });

  it('a node that dies mid-send: its lease runs out, another node finishes, the text goes out once', async () => {
    await drain();
    await enqueue('test:crash');
    const id = await smsDeliveryOf('test:crash');
    // node-a claimed the row and the gateway took the message, then node-a died before recording it.
    await t.app.ctx.db.execute(
      sql`UPDATE notification_deliveries SET status = 'sending', attempts = 1,
            next_attempt_at = ${new Date(clock.now().getTime() + 60_000).toISOString()}::timestamptz
          WHERE id = ${id}`,
    );
    const { sendSms } = await import('../../src/modules/notifications/sms-adapter.ts');
    expect(
      (await sendSms(t.app.ctx, { clientRef: id, phone: phone2, text: '【示范市车管所】测试' })).ok,
    ).toBe(true);
    expect(sentFor(id)).toHaveLength(1);
    // While the lease holds, nobody else takes it.
    await dispatch('node-b');
    expect((await deliveryById(t, id)).status).toBe('sending');
    expect(requestsFor(id)).toHaveLength(1);
    clock.set(new Date(clock.now().getTime() + 61_000).toISOString());
    expect((await dispatch('node-b')).sent).toBe(1);
    const row = await deliveryById(t, id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(sentFor(id)).toHaveLength(1);
    expect(requestsFor(id).map((r) => r.replay)).toEqual([false, true]);
  });

  it('gives up after six attempts, and at once when there is no mobile number', async () => {
    await drain();
    await enqueue('test:give-up');
    const id = await smsDeliveryOf('test:give-up');
    sms().failNext(100);
    for (let attempt = 1; attempt <= 6; attempt++) {
      await dispatch();
      const row = await deliveryById(t, id);
      expect(row.attempts).toBe(attempt);
      expect(row.status).toBe(attempt < 6 ? 'pending' : 'failed');
      clock.set(new Date(clock.now().getTime() + 2 ** (attempt - 1) * 60_000).toISOString());
    }
    sms().failNext(0);
    expect((await dispatch()).claimed).toBe(0);
    expect(sentFor(id)).toHaveLength(0);

    const p5 = await personIdOf(t, 'citizen5');
    await t.app.ctx.db.execute(sql`UPDATE persons SET phone_enc = NULL WHERE id = ${p5}`);
    await enqueue('test:no-phone', p5);
    const noPhone = await smsDeliveryOf('test:no-phone');
    await dispatch();
    const row = await deliveryById(t, noPhone);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/no mobile number/);
    expect(requestsFor(noPhone)).toHaveLength(0);
  });
});

describe('the notification loop', () => {
  it('sends what is due every tick until stopped', async () => {
    await drain();
    await enqueue('test:loop');
    const id = await smsDeliveryOf('test:loop');
    const { startNotificationLoop } = await import('../../src/modules/notifications/index.ts');
    const errors: unknown[] = [];
    const stop = startNotificationLoop(t.app.ctx, { error: (obj) => errors.push(obj) }, 'node-loop', 50);
    try {
      await expect.poll(async () => (await deliveryById(t, id)).status, { timeout: 10_000 }).toBe('sent');
    } finally {
      await stop();
    }
    expect(errors).toEqual([]);
    expect(sentFor(id)).toHaveLength(1);
  });
});
