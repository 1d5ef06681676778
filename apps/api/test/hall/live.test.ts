import type { HallCounterDto, QueueTicketDto } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardSnapshot, TicketPosition } from '../../src/modules/hall/live-board.ts';
import { notifyNearTickets } from '../../src/modules/hall/live-board.ts';
import { type Database, openDatabase, queryRows } from '../../src/platform/db/client.ts';
import { idNumberOf, movableClock, personIdOf } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

/**
 * Two API nodes on one database (PGlite: one shared instance; PostgreSQL: LISTEN/NOTIFY between two
 * pools): a call committed through node A reaches a board and a phone connected to node B.
 */
let a: TestApp;
let b: TestApp;
let urlA: string;
let urlB: string;
let officeId: string;
let personId: string;
let counterId: string;
let officerA: Agent;
let current: QueueTicketDto | null = null;
const clock = movableClock();
const tickets: QueueTicketDto[] = [];
const streams: AbortController[] = [];

interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

/** Opens an event stream and lets the test wait for the next event that passes a check. */
async function openStream(url: string) {
  const abort = new AbortController();
  streams.push(abort);
  const res = await fetch(url, { signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const queue: SseEvent[] = [];
  let buffer = '';
  let wake = null as (() => void) | null;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let i = buffer.indexOf('\n\n');
        while (i >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event && data) queue.push({ event, data: JSON.parse(data), at: performance.now() });
          wake?.();
          i = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    async next<T>(
      check: (data: T) => boolean = () => true,
      timeoutMs = 3_000,
    ): Promise<SseEvent & { data: T }> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const idx = queue.findIndex((e) => check(e.data as T));
        if (idx >= 0) {
          const [e] = queue.splice(0, idx + 1).slice(-1);
          return e as SseEvent & { data: T };
        }
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`no matching event on ${url} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(left, 50));
        });
      }
    },
  };
}

const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body);
};
/** Each step a minute later, so every ticket and call has its own time. */
const tick = () => clock.set(new Date(clock.now().getTime() + 60_000).toISOString());

/** A call made through node A's API: the officer finishes the ticket at the counter, then calls the next. */
async function callThroughNodeA(): Promise<{ ticket: QueueTicketDto; started: number }> {
  if (current) {
    tick();
    ok(await officerA.post(`/api/v1/hall/tickets/${current.id}/finish`));
  }
  tick();
  const started = performance.now();
  const { ticket } = ok(await officerA.post(`/api/v1/hall/counters/${counterId}/call-next`)) as {
    ticket: QueueTicketDto | null;
  };
  current = ticket!;
  return { ticket: ticket!, started };
}

let ownPool: Database | undefined;

beforeAll(async () => {
  a = await startTestApp({ clock });
  // Node B: on PostgreSQL its own connection pool on the same database, as a second API process has.
  const pool = a.app.ctx.database.pool as unknown as { options: { connectionString: string } } | undefined;
  ownPool = pool ? await openDatabase({ kind: 'postgres', url: pool.options.connectionString }) : undefined;
  b = await startTestApp({ clock, database: ownPool ?? a.app.ctx.database });
  urlA = await a.app.listen({ port: 0, host: '127.0.0.1' });
  urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
  const [supervisor, officer] = await Promise.all([a.login('supervisor1'), a.login('officer1')]);
  officerA = officer;
  const counter = ok(
    await supervisor.post('/api/v1/hall/counters', { number: 'L9', categories: ['licence'] }),
    201,
  ) as HallCounterDto;
  counterId = counter.id;
  officeId = counter.officeId;
  ok(await officerA.post(`/api/v1/hall/counters/${counterId}/open`));
  const citizenIdNumber = await idNumberOf(a, 'citizen1');
  personId = await personIdOf(a, 'citizen1');
  for (let i = 1; i <= 7; i++) {
    tick();
    tickets.push(
      ok(
        await officerA.post('/api/v1/hall/tickets', {
          category: 'licence',
          ...(i === 7 ? { idNumber: citizenIdNumber } : {}),
        }),
        201,
      ) as QueueTicketDto,
    );
  }
});

afterAll(async () => {
  for (const s of streams) s.abort();
  await b?.close();
  await ownPool?.close();
  await a?.close();
});

describe('live hall screens across API nodes', () => {
  it('refuses a stream for an unknown office or ticket, or a malformed id', async () => {
    expect((await fetch(`${urlB}/api/v1/hall/board/stream?officeId=${crypto.randomUUID()}`)).status).toBe(
      404,
    );
    expect((await fetch(`${urlB}/api/v1/hall/board/stream?officeId=nope`)).status).toBe(400);
    expect((await fetch(`${urlB}/api/v1/hall/tickets/${crypto.randomUUID()}/stream`)).status).toBe(404);
  });

  it('shows a call made through node A on a board connected to node B within one second; the phone counts down; one three-ahead text', async () => {
    const board = await openStream(`${urlB}/api/v1/hall/board/stream?officeId=${officeId}`);
    const mine = tickets[6]!;
    const phone = await openStream(`${urlB}/api/v1/hall/tickets/${mine.id}/stream`);

    const boardOnA = await openStream(`${urlA}/api/v1/hall/board/stream?officeId=${officeId}`);
    await boardOnA.next();

    const first = await board.next<BoardSnapshot>();
    expect(first.event).toBe('board');
    expect(first.data.officeName.zh).toBeTruthy();
    const waiting0 = first.data.waiting.find((w) => w.category === 'licence')!.count;
    expect(waiting0).toBeGreaterThanOrEqual(7);
    const pos0 = await phone.next<TicketPosition>();
    expect(pos0.event).toBe('ticket');
    expect(pos0.data).toMatchObject({ number: mine.number, status: 'waiting' });
    expect(pos0.data.ahead).toBe(6);
    expect(pos0.data.estimatedWaitSeconds).toBeGreaterThan(0);

    const aheads: number[] = [pos0.data.ahead];
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { ticket, started } = await callThroughNodeA();
      expect(ticket.id).toBe(tickets[i]!.id);
      const shown = await board.next<BoardSnapshot>(
        (s) => s.counters.find((c) => c.counterId === counterId)?.current?.number === ticket.number,
        1_000,
      );
      latencies.push(Math.round(shown.at - started));
      expect(shown.data.recentCalls[0]).toMatchObject({ number: ticket.number, counterNumber: 'L9' });
      expect(shown.data.waiting.find((w) => w.category === 'licence')?.count).toBe(waiting0 - i - 1);
      const pos = await phone.next<TicketPosition>((p) => p.ahead === 5 - i, 1_000);
      aheads.push(pos.data.ahead);
    }
    console.log(
      `[hall live ${a.app.ctx.database.kind}] call-next on node A → board on node B: ${latencies.join(', ')} ms`,
    );
    for (const ms of latencies) expect(ms).toBeLessThan(1_000);
    expect(aheads).toEqual([6, 5, 4, 3, 2, 1]);
    // The node that made the calls shows them too.
    await boardOnA.next<BoardSnapshot>(
      (s) => s.counters.find((c) => c.counterId === counterId)?.current?.number === tickets[4]!.number,
      1_000,
    );

    // The three-ahead text: written once (by node A, right after the call leaving three ahead).
    const near = async () =>
      queryRows<{ id: string; person_id: string; template: string; params: Record<string, unknown> }>(
        a.app.ctx.db,
        sql`SELECT id, person_id, template, params FROM notifications WHERE dedupe_key = ${`hall:${mine.id}:near`}`,
      );
    const deadline = Date.now() + 3_000;
    while ((await near()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // A later run on either node, or a repeated change, writes nothing more.
    expect(await notifyNearTickets(b.app.ctx, officeId)).toEqual([]);
    expect(await notifyNearTickets(a.app.ctx, officeId)).toEqual([]);
    const rows = await near();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      person_id: personId,
      template: 'hall.three-ahead',
      params: { number: mine.number, ahead: 3 },
    });
    const [t] = await queryRows<{ near_notified_at: unknown }>(
      a.app.ctx.db,
      sql`SELECT near_notified_at FROM queue_tickets WHERE id = ${mine.id}`,
    );
    expect(t!.near_notified_at).not.toBeNull();

    // Called at last: the phone shows the counter.
    await callThroughNodeA();
    expect((await callThroughNodeA()).ticket.id).toBe(mine.id);
    const called = await phone.next<TicketPosition>((p) => p.status === 'called', 1_000);
    expect(called.data).toMatchObject({ ahead: 0, counterNumber: 'L9' });
  });

  it('PostgreSQL: a listener whose connection dropped reconnects, and its screens re-read what they missed', async () => {
    if (a.app.ctx.database.kind !== 'postgres') return;
    const board = await openStream(`${urlB}/api/v1/hall/board/stream?officeId=${officeId}`);
    await board.next();
    for (let i = 0; i < 2; i++) {
      tick();
      ok(await officerA.post('/api/v1/hall/tickets', { category: 'licence' }), 201);
    }
    // Every node's LISTEN connection is cut; a call made meanwhile is not heard, then the resync shows it.
    const killed = await queryRows<{ ok: boolean }>(
      a.app.ctx.db,
      sql`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
           WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
    );
    expect(killed.length).toBeGreaterThanOrEqual(2);
    const missed = await callThroughNodeA();
    await board.next<BoardSnapshot>(
      (s) => s.counters.find((c) => c.counterId === counterId)?.current?.number === missed.ticket.number,
      5_000,
    );
    // Listening again: the next call arrives as fast as before.
    const { ticket, started } = await callThroughNodeA();
    const shown = await board.next<BoardSnapshot>(
      (s) => s.counters.find((c) => c.counterId === counterId)?.current?.number === ticket.number,
      1_000,
    );
    expect(shown.at - started).toBeLessThan(1_000);
  });

  it('ends its streams when the node closes', async () => {
    const extra = await startTestApp({ database: a.app.ctx.database });
    const url = await extra.app.listen({ port: 0, host: '127.0.0.1' });
    const s = await openStream(`${url}/api/v1/hall/board/stream?officeId=${officeId}`);
    await s.next();
    const started = performance.now();
    await extra.close();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
