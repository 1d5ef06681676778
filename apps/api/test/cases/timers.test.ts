import type { CaseDetail, ItemDefinition } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fireDueTimers } from '../../src/modules/cases/index.ts';
import { type Database, openDatabase, queryRows } from '../../src/platform/db/client.ts';
import {
  drive,
  eventsOf,
  idNumberOf,
  movableClock,
  personIdOf,
  transferableVehicle,
} from '../support/cases.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { openTestDatabase } from '../support/template.ts';

/**
 * Legal clocks: a timer is a row; it fires once when due, survives a restart, and fires once even when
 * two API nodes scan at the same moment.
 */
const clock = movableClock('2026-11-20T02:00:00.000Z'); // Friday 10:00 in Beijing
let skip = 0;

async function newTransfer(t: TestApp): Promise<CaseDetail> {
  const officer = await t.login('officer1');
  const plate = await transferableVehicle(t, await personIdOf(t, 'citizen2'), skip++);
  const res = await officer.post('/api/v1/cases', {
    applicantIdNumber: await idNumberOf(t, 'citizen2'),
    itemCode: 'TRANSFER',
    subject: { plate },
    form: { sellerName: '原车主', transferDate: '2026-11-15' },
    delivery: 'collect',
    provided: ['ownership-transfer-proof'],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CaseDetail;
}

const timersOf = (t: TestApp, caseId: string) =>
  queryRows<{ status: string; state: string; fired_by: string | null; due_at: string }>(
    t.app.ctx.db,
    sql`SELECT status, state, fired_by, due_at::text FROM case_timers WHERE case_id = ${caseId} ORDER BY created_at`,
  );

describe('one node', () => {
  let t: TestApp;
  beforeAll(async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    t = await startTestApp({ clock });
  });
  afterAll(() => t?.close());

  it('review overdue: escalated to the supervisor once, counting working days only', async () => {
    const c = await newTransfer(t);
    // Accepted at the window on Friday; the review is due within 1 working day: Monday (the weekend does not count).
    expect(c.stateDueDate).toBe('2026-11-23');
    clock.set('2026-11-23T12:00:00.000Z'); // Monday 20:00: still in time
    expect(await fireDueTimers(t.app.ctx, 'node-a')).toBe(0);
    clock.set('2026-11-23T16:30:00.000Z'); // Tuesday 00:30 Beijing: overdue
    expect(await fireDueTimers(t.app.ctx, 'node-a')).toBeGreaterThanOrEqual(1);
    expect(await fireDueTimers(t.app.ctx, 'node-a')).toBe(0);
    const events = await eventsOf(t, c.id);
    expect(events.filter((e) => e.action === 'escalate')).toHaveLength(1);
    const supervisor = await t.login('supervisor1');
    const escalated = (await supervisor.get('/api/v1/cases?due=escalated')).json() as {
      items: { id: string }[];
    };
    expect(escalated.items.map((i) => i.id)).toContain(c.id);
    const timers = await timersOf(t, c.id);
    // The auto-check timer was cancelled by the acceptance at the window; the review timer fired.
    expect(timers.map((x) => x.status)).toEqual(['cancelled', 'fired']);
    expect(timers[1]).toMatchObject({ state: 'accepted', fired_by: 'node-a' });
  });

  it('a timer whose state was left in time is void', async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    const c = await newTransfer(t);
    await drive(await t.login('officer1'), c.id, ['review']);
    clock.set('2026-11-24T02:00:00.000Z');
    await fireDueTimers(t.app.ctx, 'node-a');
    const timers = await timersOf(t, c.id);
    expect(timers[0]!.status).toBe('cancelled');
    expect((await eventsOf(t, c.id)).filter((e) => e.action === 'escalate')).toHaveLength(1); // the reviewed-state timer
  });

  it('where the item allows it, an overdue review is deemed approved (视为批准), as edited by an administrator', async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    const admin = await t.login('admin1');
    const { items } = (await admin.get('/api/v1/admin/catalog/TRANSFER/versions')).json() as {
      items: { version: number; definition: ItemDefinition }[];
    };
    const d = structuredClone(items[0]!.definition);
    d.workflow.states = d.workflow.states.map((s) =>
      s.state === 'reviewed' ? { ...s, escalation: { action: 'deem-approve', toRole: 'supervisor' } } : s,
    );
    d.workflow.transitions.push({
      action: 'deem-approve',
      from: ['reviewed'],
      to: 'approved',
      roles: ['system'],
    });
    const saved = await admin.request('PUT', '/api/v1/admin/catalog/TRANSFER', {
      baseVersion: items[0]!.version,
      definition: d,
      changeNote: '审核超时视为批准（测试）',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const c = await newTransfer(t);
    expect(c.itemVersion).toBe(items[0]!.version + 1);
    await drive(await t.login('officer1'), c.id, ['review']);
    clock.set('2026-11-25T02:00:00.000Z');
    await fireDueTimers(t.app.ctx, 'node-a');
    const after = (await (await t.login('officer1')).get(`/api/v1/cases/${c.id}`)).json() as CaseDetail;
    expect(after.status).toBe('approved');
    expect(after.decidedBy).toBe('deemed');
  });
});

describe('restart and two nodes', () => {
  it('a pending timer survives a restart of the server and fires once afterwards', async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    const template = inject('dbTemplate');
    const first = await openTestDatabase(template);
    const a = await startTestApp({ clock, database: first });
    const c = await newTransfer(a);
    await a.close();
    // The process is gone; only what the database holds is left.
    let second: Database;
    let closeFirst = async () => {};
    if (first.kind === 'pglite') {
      const dump = await first.lite!.dumpDataDir('none');
      await first.close();
      second = await openDatabase({ kind: 'pglite', loadDataDir: dump });
    } else {
      second = await openDatabase({
        kind: 'postgres',
        url: (first.pool as unknown as { options: { connectionString: string } }).options.connectionString,
      });
      closeFirst = () => first.close();
    }
    const b = await startTestApp({ clock, database: second });
    try {
      expect((await timersOf(b, c.id)).at(-1)!.status).toBe('pending');
      clock.set('2026-11-24T02:00:00.000Z');
      expect(await fireDueTimers(b.app.ctx, 'node-b')).toBe(1);
      expect(await fireDueTimers(b.app.ctx, 'node-b')).toBe(0);
      expect((await eventsOf(b, c.id)).filter((e) => e.action === 'escalate')).toHaveLength(1);
    } finally {
      await b.close();
      await second.close();
      await closeFirst();
    }
  });

  it('two nodes scanning at the same moment fire each timer once', async () => {
    clock.set('2026-11-20T02:00:00.000Z');
    const template = inject('dbTemplate');
    const shared = await openTestDatabase(template);
    const nodeA = await startTestApp({ clock, database: shared });
    // On a server the second node has its own connection pool; PGlite has one connection, so both scan it.
    const otherDb =
      shared.kind === 'postgres'
        ? await openDatabase({
            kind: 'postgres',
            url: (shared.pool as unknown as { options: { connectionString: string } }).options
              .connectionString,
          })
        : shared;
    const nodeB = await startTestApp({ clock, database: otherDb });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await newTransfer(nodeA)).id);
      clock.set('2026-11-24T02:00:00.000Z');
      const [fa, fb] = await Promise.all([
        fireDueTimers(nodeA.app.ctx, 'node-a'),
        fireDueTimers(nodeB.app.ctx, 'node-b'),
      ]);
      expect(fa + fb).toBe(5);
      for (const id of ids)
        expect((await eventsOf(nodeA, id)).filter((e) => e.action === 'escalate')).toHaveLength(1);
    } finally {
      await nodeB.close();
      await nodeA.close();
      if (otherDb !== shared) await otherDb.close();
      await shared.close();
    }
  });
});
