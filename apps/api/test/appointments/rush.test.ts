import type { AppointmentDto } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Booker, holdSlot } from '../../src/modules/appointments/index.ts';
import { ensureSlots } from '../../src/modules/appointments/slots.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.ts';
import { type Database, openDatabase, queryRows } from '../../src/platform/db/client.ts';
import { AppError } from '../../src/platform/http/errors.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

/**
 * The rush (抢号): 2,000 distinct people ask for the same 50 seats at once. On PGlite through one app;
 * on PostgreSQL (TEST_DATABASE_URL) through TWO app instances on one database, half the requests each —
 * two API nodes. The database alone decides: the conditional UPDATE (`booked < capacity`) and the partial
 * unique index (one active per person and category).
 *
 * The 2,000 are real rows in `persons` (inserted by SQL), booking through the same use case the HTTP
 * route calls (`holdSlot`), with synthetic citizen principals (creating 2,000 accounts and sessions would
 * only measure password hashing); five real citizens join in over HTTP.
 */
const postgres = Boolean(process.env.TEST_DATABASE_URL);
const RUSH = 2_000;
const SEATS = 50;

let t1: TestApp;
let t2: TestApp;
/** The second node's own connection pool to the same PostgreSQL database. */
let secondPool: Database | undefined;
let citizens: Agent[];
let personIds: string[];
let slotId: string;

const rows = <T>(q: string) => queryRows<T>(t1.app.ctx.db, sql.raw(q));

beforeAll(async () => {
  // This test is about the database, not the per-identity and per-IP request limits (tested with them).
  const env = { BOOKING_RATE_LIMITS: 'identity=1000,device=1000,ip=100000' };
  t1 = await startTestApp({ env });
  if (postgres) {
    // A second API node: its own app and its own connection pool, on the same database.
    const url = (t1.app.ctx.database.pool as unknown as { options: { connectionString: string } }).options
      .connectionString;
    secondPool = await openDatabase({ kind: 'postgres', url });
    t2 = await startTestApp({ database: secondPool, env });
  } else t2 = t1;
  citizens = await Promise.all(
    ['citizen1', 'citizen2', 'citizen4', 'citizen5', 'citizen6'].map((u) => t1.login(u)),
  );
  const [cgs] = await rows<{ id: string }>(`select id from offices where code = 'CGS'`);
  personIds = (
    await rows<{ id: string }>(
      `insert into persons (id_number_enc, id_number_hash, id_number_masked, name, sex, birth_date, region_code, office_id)
       select 'synthetic', 'rush-' || g, '190102********' || lpad(g::text, 4, '0'), '抢号' || g, 'M', '1990-01-01', '190102', '${cgs!.id}'
       from generate_series(1, ${RUSH}) g returning id`,
    )
  ).map((r) => r.id);
  await ensureSlots(t1.app.ctx, cgs!.id, '2026-11-25', '2026-11-25');
  // One slot of the day is the scarce one: 50 seats.
  [{ id: slotId }] = (await rows<{ id: string }>(
    `update appointment_slots set capacity = ${SEATS}
     where office_id = '${cgs!.id}' and category = 'licence' and starts_at = '2026-11-25T01:00:00Z' returning id`,
  )) as [{ id: string }];
}, 120_000);
afterAll(async () => {
  if (t2 !== t1) await t2?.close();
  await secondPool?.close();
  await t1?.close();
});

const booker = (personId: string): Booker => ({
  personId,
  realNameLevel: 'id',
  channel: 'online',
  bookedById: null,
  agentUserId: null,
  actor: { audit: { ...SYSTEM_ACTOR, actorKind: 'user', actorRole: 'citizen' }, name: 'citizen' },
});

/** What a request ended as: 'ok', or the conflict's message. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.fields?.[0]?.message ?? err.code;
    throw err;
  }
}

describe(`the rush: ${RUSH} people, ${SEATS} seats${postgres ? ', two API nodes on PostgreSQL' : ', PGlite'}`, () => {
  it('exactly the capacity is booked, never more; nobody holds two', async () => {
    const started = performance.now();
    const requests: Promise<string>[] = personIds.map((id, i) =>
      outcome(holdSlot((i % 2 === 0 ? t1 : t2).app.ctx, booker(id), slotId)),
    );
    // Real citizens over HTTP, in the middle of the crowd.
    const http = citizens.map((c) => c.post('/api/v1/me/appointments', { slotId }));
    const results = await Promise.all(requests);
    const httpResults = await Promise.all(http);
    const ms = Math.round(performance.now() - started);

    const ok =
      results.filter((r) => r === 'ok').length + httpResults.filter((r) => r.statusCode === 201).length;
    const refused = results.filter((r) => r !== 'ok');
    expect(new Set(refused)).toEqual(new Set(['slot full']));
    for (const r of httpResults) expect([201, 409]).toContain(r.statusCode);
    expect(ok).toBe(SEATS);

    const [slot] = await rows<{ booked: number; capacity: number }>(
      `select booked, capacity from appointment_slots where id = '${slotId}'`,
    );
    expect(slot).toEqual({ booked: SEATS, capacity: SEATS });
    const [active] = await rows<{ n: string; people: string }>(
      `select count(*) n, count(distinct person_id) people from appointments where slot_id = '${slotId}' and status in ('held','confirmed')`,
    );
    expect(Number(active!.n)).toBe(SEATS);
    expect(Number(active!.people)).toBe(SEATS);
    const twice = await rows(
      `select person_id from appointments where status in ('held','confirmed') group by person_id, category having count(*) > 1`,
    );
    expect(twice).toEqual([]);
    const [audited] = await rows<{ n: string }>(
      `select count(*) n from audit_log where action = 'appointment.hold' and details->>'slotId' = '${slotId}'`,
    );
    expect(Number(audited!.n)).toBe(SEATS);
    console.info(
      `[rush] ${RUSH + citizens.length} requests for ${SEATS} seats on ${postgres ? 'PostgreSQL, 2 nodes' : 'PGlite'}: ${ok} booked, ${refused.length} slot full, ${ms} ms`,
    );
  }, 120_000);

  it('one person firing 20 requests at once over several slots gets exactly one', async () => {
    const [cgs] = await rows<{ id: string }>(`select id from offices where code = 'CGS'`);
    const open = await rows<{ id: string }>(
      `select id from appointment_slots where office_id = '${cgs!.id}' and category = 'vehicle' and day = '2026-11-25' order by starts_at limit 5`,
    );
    const someone = personIds[0]!; // holds a licence seat or not: this is another category
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcome(holdSlot((i % 2 === 0 ? t1 : t2).app.ctx, booker(someone), open[i % open.length]!.id)),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(new Set(results.filter((r) => r !== 'ok'))).toEqual(
      new Set(['you already hold an appointment for this category']),
    );
    const ids = open.map((s) => `'${s.id}'`).join(',');
    const [sum] = await rows<{ n: string }>(
      `select sum(booked) n from appointment_slots where id in (${ids})`,
    );
    expect(Number(sum!.n)).toBe(1);
    // And over HTTP, the same for a real citizen: 20 at once, one 201.
    const c = citizens[4]!;
    const http = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        c.post('/api/v1/me/appointments', { slotId: open[i % open.length]!.id }),
      ),
    );
    expect(
      http.filter((r) => r.statusCode === 201),
      JSON.stringify(http.filter((r) => r.statusCode !== 409).map((r) => r.body)),
    ).toHaveLength(1);
    expect(http.filter((r) => r.statusCode !== 201 && r.statusCode !== 409).map((r) => r.body)).toEqual([]);
    expect(http.filter((r) => r.statusCode === 409)).toHaveLength(19);
    const mine = (await c.get('/api/v1/me/appointments')).json() as { items: AppointmentDto[] };
    expect(mine.items.filter((a) => a.category === 'vehicle' && a.status === 'held')).toHaveLength(1);
  }, 60_000);
});
