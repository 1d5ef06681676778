import { drawLottery, rankAllocation, seedCommitment } from '@opendmv/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawDueAllocations, drawSlot } from '../../src/modules/appointments/allocation.ts';
import { allocationRequests, appointmentSlots, appointments } from '../../src/modules/appointments/schema.ts';
import { notifications } from '../../src/modules/notifications/schema.ts';
import { offices } from '../../src/modules/offices/schema.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.ts';
import { type Clock, shanghaiDate } from '../../src/platform/context.ts';
import { createPiiCipher } from '../../src/platform/crypto/pii.ts';
import { TEST_NOW } from '../support/constants.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

let now = new Date(TEST_NOW);
const clock: Clock = { now: () => new Date(now), today: () => shanghaiDate(now) };
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();
const HOUR = 3_600_000;

let t: TestApp;
let sup: Agent;
let officer: Agent;
const citizens: Record<string, Agent> = {};
let officeId: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  sup = await t.login('supervisor1');
  officer = await t.login('officer1');
  for (const u of ['citizen1', 'citizen2', 'citizen3', 'citizen4', 'citizen5', 'citizen6'])
    citizens[u] = await t.login(u);
  const [cgs] = await t.app.ctx.db.select({ id: offices.id }).from(offices).where(eq(offices.code, 'CGS'));
  officeId = cgs!.id;
});
afterAll(() => t.close());

const release = (over: Record<string, unknown> = {}) => ({
  officeId,
  category: 'inspection',
  startsAt: later(72 * HOUR),
  capacity: 2,
  method: 'lottery',
  requestsCloseAt: later(2 * HOUR),
  ...over,
});
const ELIGIBLE = ['citizen1', 'citizen2', 'citizen4', 'citizen5', 'citizen6'];

describe('scarce release: lottery', () => {
  let slotId: string;
  let commitment: string;

  it('only a supervisor publishes a release (403 for citizen and officer); bad input is 400', async () => {
    expect((await citizens.citizen1!.post('/api/v1/appointments/releases', release())).statusCode).toBe(403);
    expect((await officer.post('/api/v1/appointments/releases', release())).statusCode).toBe(403);
    for (const bad of [
      release({ capacity: 0 }),
      release({ method: 'first-come' }),
      release({ extra: 1 }),
      release({ category: 'nope' }),
      release({ requestsCloseAt: later(-HOUR) }),
      release({ startsAt: later(HOUR) }),
    ])
      expect((await sup.post('/api/v1/appointments/releases', bad)).statusCode).toBe(400);
  });

  it('publishes the slot with the seed commitment; the public record shows the commitment only', async () => {
    const res = await sup.post('/api/v1/appointments/releases', release());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    slotId = body.slotId;
    commitment = body.seedCommitment;
    const pub = await t.anonymous().get(`/api/v1/public/allocations/${slotId}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      drawn: false,
      seed: null,
      winners: null,
      seedCommitment: commitment,
      method: 'lottery',
    });
  });

  it('citizens request while the window is open: one per person, real-name ID or better, citizens only', async () => {
    for (const u of ELIGIBLE) {
      const res = await citizens[u]!.post('/api/v1/me/allocation-requests', { slotId });
      expect(res.statusCode, u).toBe(201);
      expect(res.json()).toMatchObject({ slotId, status: 'requested' });
    }
    expect((await citizens.citizen1!.post('/api/v1/me/allocation-requests', { slotId })).statusCode).toBe(
      409,
    );
    expect((await citizens.citizen3!.post('/api/v1/me/allocation-requests', { slotId })).statusCode).toBe(
      422,
    );
    expect((await sup.post('/api/v1/me/allocation-requests', { slotId })).statusCode).toBe(403);
    expect(
      (await citizens.citizen1!.post('/api/v1/me/allocation-requests', { slotId: 'x' })).statusCode,
    ).toBe(400);
    expect(
      (await citizens.citizen1!.post('/api/v1/me/allocation-requests', { slotId: crypto.randomUUID() }))
        .statusCode,
    ).toBe(404);
    expect((await t.anonymous().get(`/api/v1/public/allocations/${slotId}`)).json().requestCount).toBe(5);
  });

  it('cannot be drawn while the window is open; after it, no more requests', async () => {
    expect((await sup.post(`/api/v1/appointments/slots/${slotId}/draw`)).statusCode).toBe(409);
    now = new Date(now.getTime() + 2 * HOUR + 1000);
    const late = await citizens.citizen3!.post('/api/v1/me/allocation-requests', { slotId });
    expect(late.statusCode).toBe(422); // not eligible comes first for citizen3
    const res = await (await t.login('citizen1')).post('/api/v1/me/allocation-requests', { slotId });
    expect(res.statusCode).toBe(409);
  });

  it('a drawing seed that does not match the commitment is refused (another master key)', async () => {
    const forged = { ...t.app.ctx, pii: createPiiCipher(Buffer.alloc(32, 9)) };
    await expect(drawSlot(forged, slotId, SYSTEM_ACTOR)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await citizens.citizen1!.post(`/api/v1/appointments/slots/${slotId}/draw`)).statusCode).toBe(403);
  });

  it('the draw: winners = capacity, confirmed appointments, and anyone re-runs it from the published seed', async () => {
    const res = await sup.post(`/api/v1/appointments/slots/${slotId}/draw`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ winners: 2, requestCount: 5, method: 'lottery' });
    const pub = (await t.anonymous().get(`/api/v1/public/allocations/${slotId}`)).json();
    expect(pub.drawn).toBe(true);
    expect(seedCommitment(pub.seed)).toBe(commitment);
    expect(pub.seedCommitment).toBe(commitment);
    const rerun = drawLottery(
      pub.seed,
      pub.requests.map((r: { id: string }) => r.id),
      pub.capacity,
    );
    expect(rerun.winners).toEqual(pub.winners);
    expect(rerun.resultSha256).toBe(pub.resultSha256);
    expect(pub.winners).toHaveLength(2);

    const db = t.app.ctx.db;
    const [slot] = await db.select().from(appointmentSlots).where(eq(appointmentSlots.id, slotId));
    expect(slot!.booked).toBe(2);
    const reqs = await db.select().from(allocationRequests).where(eq(allocationRequests.slotId, slotId));
    const won = reqs.filter((r) => r.status === 'won');
    expect(won.map((r) => r.id).sort()).toEqual([...pub.winners].sort());
    expect(reqs.filter((r) => r.status === 'lost')).toHaveLength(3);
    const appts = await db
      .select()
      .from(appointments)
      .where(
        inArray(
          appointments.id,
          won.map((r) => r.appointmentId!),
        ),
      );
    expect(appts.map((a) => a.status)).toEqual(['confirmed', 'confirmed']);

    // Winners and losers are told.
    const msgs = await db
      .select()
      .from(notifications)
      .where(inArray(notifications.template, ['allocation.won', 'allocation.lost']));
    expect(msgs.filter((m) => m.template === 'allocation.won')).toHaveLength(2);
    const lost = msgs.filter((m) => m.template === 'allocation.lost');
    expect(lost.map((m) => m.personId).sort()).toEqual(
      reqs
        .filter((r) => r.status === 'lost')
        .map((r) => r.personId)
        .sort(),
    );

    // Each citizen sees their outcome.
    const outcomes = await Promise.all(
      ELIGIBLE.map(
        async (u) => (await citizens[u]!.get('/api/v1/me/allocation-requests')).json().items[0].status,
      ),
    );
    expect(outcomes.filter((s) => s === 'won')).toHaveLength(2);
    expect(outcomes.filter((s) => s === 'lost')).toHaveLength(3);

    expect((await sup.post(`/api/v1/appointments/slots/${slotId}/draw`)).statusCode).toBe(409);
  });
});

describe('scarce release: rank, drawn by the sweep', () => {
  it('ranks by request time; drawDueAllocations draws every release whose window closed', async () => {
    const res = await sup.post(
      '/api/v1/appointments/releases',
      release({ method: 'rank', category: 'vehicle', capacity: 2, startsAt: later(96 * HOUR) }),
    );
    expect(res.statusCode).toBe(201);
    const slotId = res.json().slotId as string;
    const order = ['citizen5', 'citizen2', 'citizen6'];
    const ids: string[] = [];
    for (const u of order) {
      now = new Date(now.getTime() + 60_000);
      ids.push((await citizens[u]!.post('/api/v1/me/allocation-requests', { slotId })).json().id);
    }
    expect(await drawDueAllocations(t.app.ctx)).toEqual([]);
    now = new Date(now.getTime() + 3 * HOUR);
    const drawn = await drawDueAllocations(t.app.ctx);
    expect(drawn.map((d) => d.slotId)).toEqual([slotId]);
    const pub = (await t.anonymous().get(`/api/v1/public/allocations/${slotId}`)).json();
    expect(pub.winners).toEqual(ids.slice(0, 2));
    expect(
      rankAllocation(
        pub.requests.map((r: { id: string; rankKey: string }) => ({ key: r.id, rankKey: r.rankKey })),
        2,
      ).resultSha256,
    ).toBe(pub.resultSha256);
    const rows = await t.app.ctx.db
      .select()
      .from(allocationRequests)
      .where(and(eq(allocationRequests.slotId, slotId), eq(allocationRequests.status, 'won')));
    expect(rows).toHaveLength(2);
  });

  it('a first-come slot is not a release (404)', async () => {
    expect((await t.anonymous().get(`/api/v1/public/allocations/${crypto.randomUUID()}`)).statusCode).toBe(
      404,
    );
  });
});
