import type {
  HallBoardDto,
  HallCounterDto,
  HallStatsDto,
  QueueTicketDto,
  TicketPositionDto,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { createStaffAndLogin } from '../admin-support.ts';
import { idNumberOf, movableClock, personIdOf } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

let t: TestApp;
let officer: Agent;
let officer2: Agent;
let supervisor: Agent;
let citizen: Agent;
const clock = movableClock();
const counters: Record<string, HallCounterDto> = {};

/** Each step a minute later, so every ticket and call has its own time. */
const tick = (minutes = 1) => clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());
const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body);
};
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.app.ctx.db, q);

async function walkIn(body: Record<string, unknown>): Promise<QueueTicketDto> {
  tick();
  return ok(await officer.post('/api/v1/hall/tickets', body), 201);
}
async function call(agent: Agent, counter: string): Promise<QueueTicketDto | null> {
  tick();
  return ok(await agent.post(`/api/v1/hall/counters/${counters[counter]!.id}/call-next`)).ticket;
}
async function finish(agent: Agent, ticket: QueueTicketDto, body: Record<string, unknown> = {}) {
  tick();
  return ok(await agent.post(`/api/v1/hall/tickets/${ticket.id}/finish`, body)) as QueueTicketDto;
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  [officer, supervisor, citizen] = await Promise.all([
    t.login('officer1'),
    t.login('supervisor1'),
    t.login('citizen1'),
  ]);
  // Counters of the demo office: T1 licences, T2 licences and vehicles, T3 vehicles.
  for (const [number, categories] of [
    ['T1', ['licence']],
    ['T2', ['licence', 'vehicle']],
    ['T3', ['vehicle']],
  ] as const)
    counters[number] = ok(await supervisor.post('/api/v1/hall/counters', { number, categories }), 201);
  const admin = await t.login('admin1');
  officer2 = (await createStaffAndLogin(t, admin, 'officer', counters.T1!.officeId)).agent;
  ok(await officer.post(`/api/v1/hall/counters/${counters.T1!.id}/open`));
  ok(await officer2.post(`/api/v1/hall/counters/${counters.T2!.id}/open`));
});
afterAll(() => t?.close());

describe('counters', () => {
  it('a supervisor sets them up; an officer opens one (it becomes theirs), not one another officer staffs', async () => {
    const list = ok(await officer.get('/api/v1/hall/counters')) as { items: HallCounterDto[] };
    const t1 = list.items.find((c) => c.number === 'T1')!;
    expect(t1.status).toBe('open');
    expect(t1.categories).toEqual(['licence']);
    expect(t1.officerName).toBeTruthy();
    ok(await officer.post(`/api/v1/hall/counters/${counters.T2!.id}/open`), 409);
    ok(await supervisor.post('/api/v1/hall/counters', { number: 'T1', categories: ['licence'] }), 409);
  });

  it('wrong role 403, bad input 400', async () => {
    ok(await officer.post('/api/v1/hall/counters', { number: 'X9', categories: ['licence'] }), 403);
    ok(await citizen.post('/api/v1/hall/tickets', { category: 'licence' }), 403);
    ok(await supervisor.post(`/api/v1/hall/counters/${counters.T1!.id}/call-next`), 403);
    ok(await officer.get('/api/v1/hall/stats?from=2026-11-21&to=2026-11-21'), 403);
    ok(await supervisor.post('/api/v1/hall/counters', { number: 'X9', categories: [] }), 400);
    ok(await supervisor.post('/api/v1/hall/counters', { number: 'X9', categories: ['pizza'] }), 400);
    ok(await officer.post('/api/v1/hall/tickets', { category: 'pizza' }), 400);
    ok(await officer.post('/api/v1/hall/tickets', { category: 'licence', priorityReason: 'vip' }), 400);
    ok(await officer.post('/api/v1/hall/check-in', {}), 400);
    ok(await officer.post('/api/v1/hall/tickets/not-a-uuid/recall'), 400);
  });
});

describe('a walk-in ticket from issue to the case it became', () => {
  it('is numbered per class, called, served and finished with its case; every change is an event and an audit record', async () => {
    const ticket = await walkIn({ category: 'licence' });
    expect(ticket.number).toMatch(/^A\d{3}$/);
    expect(ticket.status).toBe('waiting');
    expect(ticket.estimatedWaitSeconds).toBe(0);
    const next = await walkIn({ category: 'licence' });
    expect(Number(next.number.slice(1))).toBe(Number(ticket.number.slice(1)) + 1);
    expect((await walkIn({ category: 'vehicle' })).number).toMatch(/^B\d{3}$/);

    const called = (await call(officer, 'T1'))!;
    expect(called.id).toBe(ticket.id);
    expect(called.counterId).toBe(counters.T1!.id);
    // The counter has a ticket at it: finish it first.
    ok(await officer.post(`/api/v1/hall/counters/${counters.T1!.id}/call-next`), 409);
    tick(3);
    const serving = ok(await officer.post(`/api/v1/hall/tickets/${ticket.id}/serve`)) as QueueTicketDto;
    expect(serving.status).toBe('serving');
    // The citizen's application at the window becomes a case: the ticket links to it.
    const kase = ok(
      await citizen.post('/api/v1/me/cases', {
        itemCode: 'DL-RENEW',
        subject: {},
        form: {},
        delivery: 'collect',
      }),
      201,
    ) as { id: string };
    tick(7);
    const done = await finish(officer, ticket, { caseId: kase!.id });
    expect(done.status).toBe('done');
    expect(done.caseId).toBe(kase!.id);
    ok(await officer.post(`/api/v1/hall/tickets/${ticket.id}/recall`), 409);

    const events = await rows<{ action: string }>(
      sql`select action from queue_events where ticket_id = ${ticket.id} order by at`,
    );
    expect(events.map((e) => e.action)).toEqual(['issue', 'call', 'serve', 'finish']);
    const audit = await rows<{ action: string }>(
      sql`select action from audit_log where entity_id = ${ticket.id} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['hall.issue', 'hall.call', 'hall.serve', 'hall.finish']);
    // Clear the other two for the next tests.
    await finish(officer, (await call(officer, 'T1'))!);
    await finish(officer2, (await call(officer2, 'T2'))!);
    expect(await call(officer, 'T1')).toBeNull();
  });
});

describe('the priority lane: weighted, never starving the others', () => {
  it('calls priority first, but after two priority calls in a row the oldest normal ticket', async () => {
    const n = [
      await walkIn({ category: 'licence' }),
      await walkIn({ category: 'licence' }),
      await walkIn({ category: 'licence' }),
    ];
    const p = [];
    for (const reason of ['aged-70', 'disabled', 'military'])
      p.push(await walkIn({ category: 'licence', priorityReason: reason }));
    expect(p[0]!.priority).toBe(true);
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = (await call(officer, 'T1'))!;
      order.push(c.id);
      await finish(officer, c);
    }
    expect(order).toEqual([p[0]!.id, p[1]!.id, n[0]!.id, p[2]!.id, n[1]!.id, n[2]!.id]);
  });

  it('a normal ticket that waited past the bound goes before a priority ticket', async () => {
    const normal = await walkIn({ category: 'licence' });
    tick(31);
    const prio = await walkIn({ category: 'licence', priorityReason: 'aged-70' });
    const first = (await call(officer, 'T1'))!;
    expect(first.id).toBe(normal.id);
    const [e] = await rows<{ details: { reason: string } }>(
      sql`select details from queue_events where ticket_id = ${normal.id} and action = 'call'`,
    );
    expect(e!.details.reason).toBe('starved');
    await finish(officer, first);
    expect((await call(officer, 'T1'))!.id).toBe(prio.id);
    await finish(officer, prio);
  });
});

describe('two counters calling at once', () => {
  it('never get the same ticket', async () => {
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      await walkIn({ category: 'licence' });
      await walkIn({ category: 'licence', ...(round % 2 ? { priorityReason: 'disabled' } : {}) });
      tick();
      const [a, b] = await Promise.all([
        officer.post(`/api/v1/hall/counters/${counters.T1!.id}/call-next`),
        officer2.post(`/api/v1/hall/counters/${counters.T2!.id}/call-next`),
      ]);
      const got = [ok(a).ticket, ok(b).ticket].filter(Boolean) as QueueTicketDto[];
      expect(got.length).toBeGreaterThan(0);
      if (got.length === 2) expect(got[0]!.id).not.toBe(got[1]!.id);
      for (const g of got) {
        expect(seen.has(g.id)).toBe(false);
        seen.add(g.id);
        await finish(g.counterId === counters.T1!.id ? officer : officer2, g);
      }
      // Whatever one counter skipped over, the next call takes.
      for (const [agent, c] of [
        [officer, 'T1'],
        [officer2, 'T2'],
      ] as const) {
        const more = await call(agent, c);
        if (more) {
          expect(seen.has(more.id)).toBe(false);
          seen.add(more.id);
          await finish(agent, more);
        }
      }
    }
    expect(seen.size).toBe(12);
    const [dup] = await rows<{ n: number }>(
      sql`select count(*)::int n from queue_events where action = 'call' group by ticket_id, counter_id having count(*) > 1`,
    );
    expect(dup).toBeUndefined();
  });
});

describe('recall, transfer, skip', () => {
  it('recall counts; a transferred ticket goes to the head of the other counter; a skip is a no-show', async () => {
    const older = await walkIn({ category: 'licence' });
    const ticket = await walkIn({ category: 'licence', priorityReason: 'aged-70' });
    const called = (await call(officer, 'T1'))!;
    expect(called.id).toBe(ticket.id);
    const recalled = ok(await officer.post(`/api/v1/hall/tickets/${ticket.id}/recall`)) as QueueTicketDto;
    expect(recalled.recalls).toBe(1);
    ok(await officer.post(`/api/v1/hall/tickets/${ticket.id}/transfer`, {}), 400);
    ok(await officer.post(`/api/v1/hall/tickets/${ticket.id}/transfer`, { counterId: ticket.id }), 404);
    const moved = ok(
      await officer.post(`/api/v1/hall/tickets/${ticket.id}/transfer`, { counterId: counters.T2!.id }),
    ) as QueueTicketDto;
    expect(moved.status).toBe('waiting');
    expect(moved.counterId).toBe(counters.T2!.id);
    // T1 does not get it back; T2 calls it ahead of the older ticket.
    expect((await call(officer, 'T1'))!.id).toBe(older.id);
    const atT2 = (await call(officer2, 'T2'))!;
    expect(atT2.id).toBe(ticket.id);
    expect(atT2.calledAt).toBe(called.calledAt);
    await finish(officer2, atT2);
    const skipped = ok(await officer.post(`/api/v1/hall/tickets/${older.id}/skip`)) as QueueTicketDto;
    expect(skipped.status).toBe('no-show');
    ok(await officer.post(`/api/v1/hall/tickets/${older.id}/serve`), 409);
  });
});

describe('check-in by appointment', () => {
  let officeId: string;
  async function appointment(username: string, code: string, slotStart: Date) {
    const personId = await personIdOf(t, username);
    const [slot] = await rows<{ id: string }>(sql`
      insert into appointment_slots (office_id, category, day, starts_at, ends_at, capacity, booked)
      values (${officeId}, 'licence', ${clock.today()}, ${slotStart.toISOString()},
              ${new Date(slotStart.getTime() + 30 * 60_000).toISOString()}, 5, 1)
      returning id`);
    await rows(sql`
      insert into appointments (slot_id, person_id, category, status, channel, code, created_at, updated_at)
      values (${slot!.id}, ${personId}, 'licence', 'confirmed', 'online', ${code}, now(), now())`);
  }

  it('on time: an appointment ticket and the appointment checked in; more than 15 minutes late: the walk-in queue', async () => {
    officeId = counters.T1!.officeId;
    tick();
    const now = clock.now().getTime();
    await appointment('citizen1', 'HALLOK01', new Date(now - 10 * 60_000 + 7_000));
    await appointment('citizen2', 'HALLLATE', new Date(now - 16 * 60_000 + 11_000));
    const onTime = ok(
      await officer.post('/api/v1/hall/check-in', { appointmentCode: 'HALLOK01' }),
      201,
    ) as QueueTicketDto;
    expect(onTime.source).toBe('appointment');
    expect(onTime.category).toBe('licence');
    expect(onTime.appointmentId).toBeTruthy();
    const [a] = await rows<{ status: string }>(sql`select status from appointments where code = 'HALLOK01'`);
    expect(a!.status).toBe('checked-in');
    ok(await officer.post('/api/v1/hall/check-in', { appointmentCode: 'HALLOK01' }), 422);
    ok(await officer.post('/api/v1/hall/check-in', { appointmentCode: 'NOSUCHCODE' }), 404);

    const late = ok(
      await officer.post('/api/v1/hall/check-in', { idNumber: await idNumberOf(t, 'citizen2') }),
      201,
    ) as QueueTicketDto;
    expect(late.source).toBe('late-appointment');
    const [b] = await rows<{ status: string }>(sql`select status from appointments where code = 'HALLLATE'`);
    expect(b!.status).toBe('late');
    // The on-time appointment queues at its slot start, ahead of a walk-in issued before its check-in.
    await finish(officer, (await call(officer, 'T1'))!);
    await finish(officer, (await call(officer, 'T1'))!);
    const order = await rows<{ id: string }>(
      sql`select ticket_id id from queue_events where action = 'call' and ticket_id in (${onTime.id}, ${late.id}) order by at`,
    );
    expect(order.map((o) => o.id)).toEqual([onTime.id, late.id]);
  });
});

describe('the board, the position, the statistics', () => {
  it('the public board shows numbers and counters, never a name, an ID number or a priority reason', async () => {
    const waiting = await walkIn({ category: 'vehicle', idNumber: await idNumberOf(t, 'citizen1') });
    const called = (await call(officer2, 'T2'))!;
    expect(called.id).toBe(waiting.id);
    const res = await t.anonymous().get(`/api/v1/hall/board?officeId=${counters.T1!.officeId}`);
    const board = ok(res) as HallBoardDto;
    expect(board.counters.find((c) => c.number === 'T2')!.current!.number).toBe(called.number);
    expect(board.recentCalls[0]!.number).toBe(called.number);
    expect(board.waiting.map((w) => w.letter)).toEqual(['A', 'B', 'C', 'D']);
    const [person] = await rows<{ name: string }>(
      sql`select name from persons where id = ${called.personId}`,
    );
    expect(res.body).not.toContain(person!.name);
    expect(res.body).not.toContain(await idNumberOf(t, 'citizen1'));
    expect(res.body).not.toContain(called.personId!);
    for (const word of ['aged-70', 'disabled', 'military', 'priority']) expect(res.body).not.toContain(word);
    ok(await t.anonymous().get('/api/v1/hall/board'), 400);
    await finish(officer2, called);
  });

  it("a ticket's position: people ahead and an estimate from recent service times", async () => {
    const first = await walkIn({ category: 'violation' });
    const second = await walkIn({ category: 'violation' });
    const pos = ok(
      await t.anonymous().get(`/api/v1/hall/tickets/${second.id}/position`),
    ) as TicketPositionDto;
    expect(pos.ahead).toBe(1);
    expect(pos.status).toBe('waiting');
    expect(pos.estimatedWaitSeconds).toBeGreaterThan(0);
    expect(second.estimatedWaitSeconds).toBe(pos.estimatedWaitSeconds);
    expect(JSON.stringify(pos)).not.toContain('personId');
    ok(await t.anonymous().get(`/api/v1/hall/tickets/${crypto.randomUUID()}/position`), 404);
    expect(first.number).toMatch(/^C/);
  });

  it('statistics: waits, service times, no-shows, sources and the estimate error', async () => {
    const day = clock.today();
    const stats = ok(await supervisor.get(`/api/v1/hall/stats?from=${day}&to=${day}`)) as HallStatsDto;
    const licence = stats.waitByCategory.find((w) => w.category === 'licence')!;
    expect(licence.count).toBeGreaterThanOrEqual(10);
    expect(licence.p90!).toBeGreaterThanOrEqual(licence.p50!);
    expect(stats.serviceByCategory.find((s) => s.category === 'licence')!.count).toBeGreaterThan(5);
    expect(stats.serviceByCounter.map((c) => c.counterNumber).sort()).toEqual(['T1', 'T2']);
    expect(stats.serviceByOfficer).toHaveLength(2);
    expect(stats.noShow.noShows).toBe(1);
    expect(stats.noShow.rate).toBeCloseTo(1 / stats.noShow.called);
    expect(stats.sources.appointment).toBe(1);
    expect(stats.sources.lateAppointment).toBe(1);
    expect(stats.sources.walkIn).toBe(stats.tickets - 2);
    expect(stats.estimateError.count).toBe(
      licence.count + stats.waitByCategory.find((w) => w.category === 'vehicle')!.count,
    );
    expect(stats.estimateError.meanAbsolute).toBeGreaterThan(0);
    ok(await supervisor.get(`/api/v1/hall/stats?from=${day}&to=2026-01-01`), 400);
  });
});
