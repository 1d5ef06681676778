import type { AppointmentDto, AuthorizationDto, AvailabilityDto } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireHolds, recordNoShow } from '../../src/modules/appointments/index.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { movableClock } from '../support/cases.ts';
import { TEST_NOW } from '../support/constants.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

let t: TestApp;
let citizen1: Agent;
let citizen2: Agent;
let citizen3: Agent; // real name by phone only
let citizen4: Agent;
let citizen5: Agent;
let officer: Agent;
let supervisor: Agent;
let agent: Agent;
const clock = movableClock();
const offices: Record<string, string> = {};

beforeAll(async () => {
  // Every request here comes from one IP: the booking rate limits are not what this file tests.
  t = await startTestApp({ clock, env: { BOOKING_RATE_LIMITS: 'identity=1000,device=1000,ip=100000' } });
  [citizen1, citizen2, citizen3, citizen4, citizen5, officer, supervisor, agent] = await Promise.all(
    ['citizen1', 'citizen2', 'citizen3', 'citizen4', 'citizen5', 'officer1', 'supervisor1', 'agent1'].map(
      (u) => t.login(u),
    ),
  );
  for (const o of await rows<{ id: string; code: string }>(
    `select id, code from offices where code in ('CGS','BR01','BR02')`,
  ))
    offices[o.code] = o.id;
});
afterAll(() => t?.close());

const rows = <T>(q: string) => queryRows<T>(t.app.ctx.db, sql.raw(q));
const count = async (q: string) => Number((await rows<{ n: string }>(q))[0]!.n);

async function slots(who: Agent, office: string, category: string, from: string, to = from) {
  const res = await who.get(
    `/api/v1/appointments/availability?officeId=${offices[office]}&category=${category}&from=${from}&to=${to}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AvailabilityDto;
}
const firstSlot = async (office: string, category: string, day: string, index = 0) =>
  (await slots(citizen1, office, category, day)).days[0]!.slots[index]!;
const slotRow = async (id: string) =>
  (
    await rows<{ booked: number; capacity: number; status: string }>(
      `select * from appointment_slots where id = '${id}'`,
    )
  )[0]!;

describe('availability from opening hours and the calendar', () => {
  it('the horizon runs from the next working day; slots carry their remaining seats; a Sunday has none', async () => {
    const a = await slots(citizen1, 'CGS', 'licence', '2026-11-21', '2026-12-31');
    expect(a.horizon).toEqual({ first: '2026-11-23', last: '2026-12-10' });
    expect(a.days[0]!.day).toBe('2026-11-23');
    expect(a.days.at(-1)!.day).toBe('2026-12-10');
    expect(a.days.map((d) => d.day)).not.toContain('2026-11-29'); // Sunday
    expect(a.days[0]!.slots).toHaveLength(14);
    expect(a.days[0]!.slots[0]).toMatchObject({
      startsAt: '2026-11-23T00:30:00.000Z',
      capacity: 8,
      remaining: 8,
    });
    const branch = await slots(citizen1, 'BR01', 'licence', '2026-11-23');
    expect(branch.days[0]!.slots[0]).toMatchObject({ startsAt: '2026-11-23T01:00:00.000Z', capacity: 4 });
    // Reading again creates nothing new.
    const n = await count(`select count(*) n from appointment_slots`);
    await slots(citizen1, 'CGS', 'licence', '2026-11-23', '2026-12-10');
    expect(await count(`select count(*) n from appointment_slots`)).toBe(n);
  });

  it('the offices that take appointments: the 车管所 and its branches', async () => {
    const res = await citizen1.get('/api/v1/appointments/offices');
    expect(res.statusCode, res.body).toBe(200);
    const codes = (res.json() as { items: { code: string; kind: string }[] }).items.map((o) => o.code);
    expect(codes).toEqual(expect.arrayContaining(['CGS', 'BR01', 'BR02']));
    expect(codes).not.toContain('ZD');
  });

  it('outside the horizon there is nothing to book', async () => {
    expect((await slots(citizen1, 'CGS', 'licence', '2027-01-04')).days).toEqual([]);
  });
});

describe('a citizen books, confirms, moves and cancels', () => {
  let appt: AppointmentDto;

  it('hold → confirm: a seat is taken, a message goes out, the code is for the QR', async () => {
    const slot = await firstSlot('CGS', 'licence', '2026-11-24');
    const res = await citizen1.post('/api/v1/me/appointments', { slotId: slot.id });
    expect(res.statusCode, res.body).toBe(201);
    appt = res.json();
    expect(appt).toMatchObject({ status: 'held', category: 'licence', day: '2026-11-24', channel: 'online' });
    expect(appt.holdExpiresAt).toBe('2026-11-21T02:10:00.000Z');
    expect(appt.code).toMatch(/^[0-9A-Z]{10}$/);
    expect((await slotRow(slot.id)).booked).toBe(1);
    const ok = await citizen1.post(`/api/v1/me/appointments/${appt.id}/confirm`);
    expect(ok.statusCode, ok.body).toBe(200);
    appt = ok.json();
    expect(appt.status).toBe('confirmed');
    const qr = await citizen1.get(`/api/v1/me/appointments/${appt.id}/qr`);
    expect(qr.statusCode, qr.body).toBe(200);
    expect(qr.json()).toMatchObject({ code: appt.code, qrSvg: expect.stringContaining('<svg') });
    expect((await citizen2.get(`/api/v1/me/appointments/${appt.id}/qr`)).statusCode).toBe(404);
    expect(
      await count(
        `select count(*) n from notifications where dedupe_key = 'appointment:${appt.id}:confirmed'`,
      ),
    ).toBe(1);
    expect(await count(`select count(*) n from appointment_events where appointment_id = '${appt.id}'`)).toBe(
      2,
    );
    expect(
      await count(
        `select count(*) n from audit_log where entity_id = '${appt.id}' and action in ('appointment.hold','appointment.confirm')`,
      ),
    ).toBe(2);
  });

  it('one active appointment per category: a second is refused with 409, another category is fine', async () => {
    const other = await firstSlot('BR01', 'licence', '2026-11-25');
    const res = await citizen1.post('/api/v1/me/appointments', { slotId: other.id });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('you already hold an appointment for this category');
    expect((await slotRow(other.id)).booked).toBe(0); // the seat taken in the transaction was rolled back
    const vehicle = await firstSlot('BR01', 'vehicle', '2026-11-25');
    const v = await citizen1.post('/api/v1/me/appointments', { slotId: vehicle.id });
    expect(v.statusCode, v.body).toBe(201);
    expect(
      (await citizen1.post(`/api/v1/me/appointments/${(v.json() as AppointmentDto).id}/cancel`)).statusCode,
    ).toBe(200);
    expect((await slotRow(vehicle.id)).booked).toBe(0);
  });

  it('reschedule: the new seat is taken and the old given back in one go; the appointment stays confirmed', async () => {
    const from = await firstSlot('CGS', 'licence', '2026-11-24');
    const to = await firstSlot('CGS', 'licence', '2026-11-26', 3);
    const res = await citizen1.post(`/api/v1/me/appointments/${appt.id}/reschedule`, { slotId: to.id });
    expect(res.statusCode, res.body).toBe(200);
    const moved = res.json() as AppointmentDto;
    expect(moved).toMatchObject({ status: 'confirmed', day: '2026-11-26', startsAt: to.startsAt });
    expect(moved.id).not.toBe(appt.id);
    expect((await slotRow(from.id)).booked).toBe(0);
    expect((await slotRow(to.id)).booked).toBe(1);
    const mine = (await citizen1.get('/api/v1/me/appointments')).json() as { items: AppointmentDto[] };
    expect(mine.items.find((a) => a.id === appt.id)!.status).toBe('cancelled');
    // Not to another category's slot.
    const vehicle = await firstSlot('CGS', 'vehicle', '2026-11-26');
    const wrong = await citizen1.post(`/api/v1/me/appointments/${moved.id}/reschedule`, {
      slotId: vehicle.id,
    });
    expect(wrong.statusCode).toBe(422);
    appt = moved;
  });

  it('a slot with no seat left answers 409 slot full', async () => {
    const slot = await firstSlot('BR02', 'violation', '2026-11-27'); // a branch: 2 seats
    expect(slot.capacity).toBe(2);
    expect((await citizen4.post('/api/v1/me/appointments', { slotId: slot.id })).statusCode).toBe(201);
    expect((await citizen5.post('/api/v1/me/appointments', { slotId: slot.id })).statusCode).toBe(201);
    const full = await citizen2.post('/api/v1/me/appointments', { slotId: slot.id });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain('slot full');
    const after = await firstSlot('BR02', 'violation', '2026-11-27');
    expect(after.remaining).toBe(0);
  });

  it('cancel before the deadline gives the seat back; 2 h before the start it is too late', async () => {
    const slot = await firstSlot('CGS', 'inspection', '2026-11-23'); // 08:30 Monday
    const held = (
      await citizen2.post('/api/v1/me/appointments', { slotId: slot.id })
    ).json() as AppointmentDto;
    await citizen2.post(`/api/v1/me/appointments/${held.id}/confirm`);
    expect(held.cancelDeadline).toBe('2026-11-22T22:30:00.000Z');
    clock.set('2026-11-22T22:30:00.001Z');
    try {
      const later = await t.login('citizen2'); // a session of that morning
      const late = await later.post(`/api/v1/me/appointments/${held.id}/cancel`);
      expect(late.statusCode).toBe(422);
      expect(late.body).toContain('too late to cancel');
    } finally {
      clock.set(TEST_NOW);
    }
    const ok = await citizen2.post(`/api/v1/me/appointments/${held.id}/cancel`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as AppointmentDto).status).toBe('cancelled');
    expect((await slotRow(slot.id)).booked).toBe(0);
    expect((await citizen2.post(`/api/v1/me/appointments/${held.id}/cancel`)).statusCode).toBe(409);
  });

  it('a hold not confirmed in 10 minutes expires and its seat comes back; confirming it then is refused', async () => {
    const slot = await firstSlot('CGS', 'violation', '2026-11-30');
    const held = (
      await citizen2.post('/api/v1/me/appointments', { slotId: slot.id })
    ).json() as AppointmentDto;
    expect((await slotRow(slot.id)).booked).toBe(1);
    clock.set('2026-11-21T02:10:00.000Z');
    try {
      expect((await citizen2.post(`/api/v1/me/appointments/${held.id}/confirm`)).statusCode).toBe(409);
      expect(await expireHolds(t.app.ctx)).toBeGreaterThanOrEqual(1);
    } finally {
      clock.set(TEST_NOW);
    }
    expect((await slotRow(slot.id)).booked).toBe(0);
    const mine = (await citizen2.get('/api/v1/me/appointments')).json() as { items: AppointmentDto[] };
    expect(mine.items.find((a) => a.id === held.id)!.status).toBe('expired');
    expect(
      await count(
        `select count(*) n from audit_log where entity_id = '${held.id}' and action = 'appointment.expire'`,
      ),
    ).toBe(1);
    // The person may book again in that category.
    expect((await citizen2.post('/api/v1/me/appointments', { slotId: slot.id })).statusCode).toBe(201);
  });
});

describe('who may book', () => {
  it('a citizen verified only by phone is refused with a clear message', async () => {
    const slot = await firstSlot('CGS', 'vehicle', '2026-11-24');
    const res = await citizen3.post('/api/v1/me/appointments', { slotId: slot.id });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('real-name verification against an ID card is needed to book');
  });

  it('an agent books only under an authorization from the citizen; the booking is the citizen’s', async () => {
    const slot = await firstSlot('BR01', 'vehicle', '2026-11-24');
    const without = await agent.post('/api/v1/agent/appointments', {
      slotId: slot.id,
      authorizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(without.statusCode).toBe(403);
    const auth = (
      await citizen5.post('/api/v1/me/authorizations', {
        agentUsername: 'agent1',
        itemCodes: ['DL-RENEW'],
        validDays: 7,
      })
    ).json() as AuthorizationDto;
    const res = await agent.post('/api/v1/agent/appointments', { slotId: slot.id, authorizationId: auth.id });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as AppointmentDto;
    expect(a).toMatchObject({ status: 'confirmed', channel: 'agency' });
    const mine = (await citizen5.get('/api/v1/me/appointments')).json() as { items: AppointmentDto[] };
    expect(mine.items.map((x) => x.id)).toContain(a.id);
    // Revoked: no more bookings.
    await citizen5.post(`/api/v1/me/authorizations/${auth.id}/revoke`);
    const other = await firstSlot('BR01', 'inspection', '2026-11-24');
    expect(
      (await agent.post('/api/v1/agent/appointments', { slotId: other.id, authorizationId: auth.id }))
        .statusCode,
    ).toBe(403);
  });

  it('wrong roles are refused', async () => {
    const slot = await firstSlot('CGS', 'vehicle', '2026-11-24');
    expect((await officer.post('/api/v1/me/appointments', { slotId: slot.id })).statusCode).toBe(403);
    expect((await agent.post('/api/v1/me/appointments', { slotId: slot.id })).statusCode).toBe(403);
    expect(
      (await citizen1.get(`/api/v1/appointments?officeId=${offices.CGS}&day=2026-11-24`)).statusCode,
    ).toBe(403);
    expect(
      (
        await officer.post('/api/v1/appointments/closures', {
          officeId: offices.CGS,
          day: '2026-11-24',
          reason: '停电',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await citizen1.post('/api/v1/agent/appointments', { slotId: slot.id, authorizationId: slot.id }))
        .statusCode,
    ).toBe(403);
  });

  it('bad input gets 400 with field paths', async () => {
    const bad = await citizen1.post('/api/v1/me/appointments', { slotId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('body.slotId');
    const q = await citizen1.get(
      `/api/v1/appointments/availability?officeId=${offices.CGS}&category=boats&from=2026-11-23&to=2026-11-24`,
    );
    expect(q.statusCode).toBe(400);
    expect(JSON.stringify(q.json())).toContain('query.category');
    const extra = await citizen1.post('/api/v1/me/appointments', {
      slotId: (await firstSlot('CGS', 'vehicle', '2026-11-24')).id,
      personId: 'me',
    });
    expect(extra.statusCode).toBe(400);
  });
});

describe('the office day and closures', () => {
  it('staff read the day; a supervisor closes an office for a day: every appointment cancelled, one message each', async () => {
    const day = '2026-12-02';
    const people = [citizen1, citizen2, citizen4];
    for (const [i, who] of people.entries()) {
      const slot = await firstSlot('BR01', 'inspection', day, i);
      const res = await who.post('/api/v1/me/appointments', { slotId: slot.id });
      expect(res.statusCode, res.body).toBe(201);
    }
    const list = await officer.get(`/api/v1/appointments?officeId=${offices.BR01}&day=${day}`);
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: AppointmentDto[] }).items;
    expect(items).toHaveLength(3);
    expect(items[0]!.personName).toContain('*');
    const res = await supervisor.post('/api/v1/appointments/closures', {
      officeId: offices.BR01,
      day,
      reason: '系统停机维护',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ cancelled: 3, slotsClosed: 13 * 4 });
    const ids = items.map((a) => `'${a.id}'`).join(',');
    expect(
      await count(
        `select count(*) n from appointments where id in (${ids}) and status = 'cancelled' and cancel_reason = '系统停机维护'`,
      ),
    ).toBe(3);
    expect(
      await count(`select count(*) n from notifications where dedupe_key like 'appointment:%:office-closed'`),
    ).toBe(3);
    expect(
      await count(
        `select count(*) n from appointment_slots where office_id = '${offices.BR01}' and day = '${day}' and booked > 0`,
      ),
    ).toBe(0);
    expect((await slots(citizen1, 'BR01', 'inspection', day)).days).toEqual([]);
    // Closing again changes nothing and sends nothing more.
    const again = await supervisor.post('/api/v1/appointments/closures', {
      officeId: offices.BR01,
      day,
      reason: '系统停机维护',
    });
    expect(again.json()).toMatchObject({ cancelled: 0 });
    expect(
      await count(`select count(*) n from notifications where dedupe_key like 'appointment:%:office-closed'`),
    ).toBe(3);
  });
});

describe('no-shows lead to a ban', () => {
  it('3 no-shows within 90 days → booking suspended for 30 days', async () => {
    const ctx = t.app.ctx;
    for (let i = 0; i < 3; i++) {
      const slot = await firstSlot('CGS', 'violation', '2026-12-03', i);
      const held = (
        await citizen4.post('/api/v1/me/appointments', { slotId: slot.id })
      ).json() as AppointmentDto;
      expect((await citizen4.post(`/api/v1/me/appointments/${held.id}/confirm`)).statusCode).toBe(200);
      const r = await ctx.db.transaction((tx) => recordNoShow(ctx, tx, held.id));
      expect(r.bannedUntil === null).toBe(i < 2);
      // A strike is recorded once per appointment: a second no-show on it is illegal.
      await expect(ctx.db.transaction((tx) => recordNoShow(ctx, tx, held.id))).rejects.toThrow();
    }
    const slot = await firstSlot('CGS', 'violation', '2026-12-04');
    const res = await citizen4.post('/api/v1/me/appointments', { slotId: slot.id });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('booking is suspended until 2026-12-21');
    expect(await count(`select count(*) n from audit_log where action = 'appointment.ban'`)).toBe(1);
  });
});
