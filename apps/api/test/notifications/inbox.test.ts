import type { ErrorBody, NotificationDto, NotificationList } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movableClock, personIdOf } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';
import { act, deliveriesOf, messagesOf, windowTransfer } from './support.ts';

let t: TestApp;
let officer: Agent;
let citizen2: Agent;
let citizen1: Agent;
let caseId: string;
let caseNumber: string;
const clock = movableClock();

beforeAll(async () => {
  t = await startTestApp({ clock });
  [officer, citizen1, citizen2] = await Promise.all([
    t.login('officer1'),
    t.login('citizen1'),
    t.login('citizen2'),
  ]);
  const c = await windowTransfer(t, officer, 'citizen2');
  await act(officer, c.id, 'request-correction', '请补充原车主签字的二手车交易发票复印件');
  caseId = c.id;
  caseNumber = c.number;
});
afterAll(() => t?.close());

const inbox = async (agent: Agent, query = '', headers?: Record<string, string>) => {
  const res = await agent.get(`/api/v1/me/notifications${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as NotificationList;
};

describe('the citizen inbox', () => {
  it('lists my messages newest first, rendered in my language, with the unread count', async () => {
    const zh = await inbox(citizen2);
    const msg = zh.items.find((m) => m.link === `/citizen/cases/${caseId}`)!;
    expect(msg.template).toBe('case.correction-requested');
    expect(msg.kind).toBe('case');
    expect(msg.title).toBe('申请需要补正');
    expect(msg.body).toContain(caseNumber);
    expect(msg.body).toContain('转让登记');
    expect(msg.body).toContain('交易发票');
    expect(msg.readAt).toBeNull();
    expect(msg.deliveries.map((d) => d.channel)).toEqual(['in-app', 'sms']);
    expect(zh.unread).toBe(zh.total);

    const en = await inbox(citizen2, '', { 'accept-language': 'en-US,en;q=0.9' });
    const enMsg = en.items.find((m) => m.id === msg.id)!;
    expect(enMsg.title).toBe('Your application needs a correction');
    expect(enMsg.body).toMatch(/^Your application C\d+ \(Transfer.*\) needs a correction/);
    expect(enMsg.body).not.toMatch(/转让登记/);
  });

  it('pages through the inbox', async () => {
    await act(officer, (await windowTransfer(t, officer, 'citizen2', 1)).id, 'reject', '不符合转移登记条件');
    const all = await inbox(citizen2);
    expect(all.total).toBeGreaterThanOrEqual(2);
    const first = await inbox(citizen2, '?limit=1');
    const second = await inbox(citizen2, '?limit=1&offset=1');
    expect(first.items).toHaveLength(1);
    expect(second.items).toHaveLength(1);
    expect(first.items[0]!.id).not.toBe(second.items[0]!.id);
    expect(first.total).toBe(all.total);
    expect((await citizen2.get('/api/v1/me/notifications?limit=0')).statusCode).toBe(400);
  });

  it('opening a message marks it read; reading again is harmless', async () => {
    const before = await inbox(citizen2);
    const msg = before.items[0]!;
    const res = await citizen2.post(`/api/v1/me/notifications/${msg.id}/read`);
    expect(res.statusCode, res.body).toBe(200);
    const read = res.json() as NotificationDto;
    expect(read.readAt).not.toBeNull();
    expect((await inbox(citizen2)).unread).toBe(before.unread - 1);
    const again = await citizen2.post(`/api/v1/me/notifications/${msg.id}/read`);
    expect(again.statusCode).toBe(200);
    expect((again.json() as NotificationDto).readAt).toBe(read.readAt);
  });

  it('a citizen never sees another citizen’s messages', async () => {
    const theirs = (await inbox(citizen2)).items[0]!;
    const res = await citizen1.post(`/api/v1/me/notifications/${theirs.id}/read`);
    expect(res.statusCode).toBe(404);
    expect((await inbox(citizen1)).items.some((m) => m.id === theirs.id)).toBe(false);
    expect((await citizen1.post(`/api/v1/me/notifications/${crypto.randomUUID()}/read`)).statusCode).toBe(
      404,
    );
  });

  it('marks everything read at once', async () => {
    const res = await citizen2.post('/api/v1/me/notifications/read-all');
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { updated: number }).updated).toBeGreaterThan(0);
    expect((await inbox(citizen2)).unread).toBe(0);
  });

  it('is for citizens only: staff and agents are refused', async () => {
    const agent = await t.login('agent1');
    for (const who of [officer, agent, await t.login('supervisor1')]) {
      expect((await who.get('/api/v1/me/notifications')).statusCode).toBe(403);
      expect((await who.post('/api/v1/me/notifications/read-all')).statusCode).toBe(403);
      expect((await who.get('/api/v1/me/notification-preferences')).statusCode).toBe(403);
      const put = await who.request('PUT', '/api/v1/me/notification-preferences', {
        sms: true,
        inApp: true,
        reminders: true,
      });
      expect(put.statusCode).toBe(403);
    }
    expect((await t.anonymous().get('/api/v1/me/notifications')).statusCode).toBe(401);
  });
});

describe('channel preferences', () => {
  const put = (agent: Agent, body: unknown, headers?: Record<string, string>) =>
    agent.request('PUT', '/api/v1/me/notification-preferences', body as never, headers);

  it('every channel is on until the citizen chooses', async () => {
    const res = await citizen2.get('/api/v1/me/notification-preferences');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sms: true, inApp: true, reminders: true });
  });

  it('keeps at least one channel on, and says which field is wrong', async () => {
    const none = await put(citizen2, { sms: false, inApp: false, reminders: true });
    expect(none.statusCode).toBe(400);
    const body = none.json() as ErrorBody;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields).toEqual([{ field: 'body.inApp', message: '至少保留一种接收方式（短信或站内消息）' }]);
    const en = await put(
      citizen2,
      { sms: false, inApp: false, reminders: true },
      { 'accept-language': 'en' },
    );
    expect((en.json() as ErrorBody).fields![0]!.message).toMatch(/at least one channel/);

    const bad = await put(citizen2, { sms: 'no', inApp: true });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as ErrorBody).fields!.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.sms', 'body.reminders']));
    const extra = await put(citizen2, { sms: true, inApp: true, reminders: true, email: true });
    expect(extra.statusCode).toBe(400);
    // Nothing was changed by the refused requests.
    expect((await citizen2.get('/api/v1/me/notification-preferences')).json()).toEqual({
      sms: true,
      inApp: true,
      reminders: true,
    });
  });

  it('SMS turned off: the next message is kept in the inbox and has no SMS delivery', async () => {
    const res = await put(citizen2, { sms: false, inApp: true, reminders: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ sms: false, inApp: true, reminders: true });
    expect((await citizen2.get('/api/v1/me/notification-preferences')).json()).toEqual({
      sms: false,
      inApp: true,
      reminders: true,
    });
    const c = await windowTransfer(t, officer, 'citizen2', 2);
    await act(officer, c.id, 'request-correction', '请补充身份证明');
    const p2 = await personIdOf(t, 'citizen2');
    const [msg] = (await messagesOf(t, p2)).filter((m) => m.dedupe_key.startsWith(`case:${c.id}:`));
    expect((await deliveriesOf(t, msg!.id)).map((d) => d.channel)).toEqual(['in-app']);
    const listed = (await inbox(citizen2)).items.find((m) => m.id === msg!.id)!;
    expect(listed.deliveries.map((d) => d.channel)).toEqual(['in-app']);

    // In-app off, SMS on: the message is still kept in the inbox, and goes out by SMS only.
    expect((await put(citizen2, { sms: true, inApp: false, reminders: true })).statusCode).toBe(200);
    const refused = await windowTransfer(t, officer, 'citizen2');
    await act(officer, refused.id, 'reject', '材料不齐');
    const rejected = (await messagesOf(t, p2)).find(
      (m) => m.dedupe_key.startsWith(`case:${refused.id}:`) && m.template === 'case.rejected',
    )!;
    expect((await deliveriesOf(t, rejected.id)).map((d) => d.channel)).toEqual(['sms']);
    expect((await inbox(citizen2)).items.some((m) => m.id === rejected.id)).toBe(true);
  });
});
