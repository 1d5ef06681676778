import { todayInShanghai } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileDay } from '../../src/modules/payments/index.ts';
import { paymentOrders } from '../../src/modules/payments/schema.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { personIdOf } from '../support/cases.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

/**
 * G4 of the reference goals: 1,000 fine payments, each notification delivered three times — one pair
 * concurrently, the third later and out of order — settle exactly once: ledger rows = payments, and the
 * reconciliation with the provider's statement finds no difference.
 */
const N = 1_000;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ gateway: true });
});
afterAll(() => t?.close());

const one = async (q: string) => (await queryRows<Record<string, string>>(t.app.ctx.db, sql.raw(q)))[0]!;

/** A seeded shuffle, so a failure can be replayed. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

describe(`${N} payments, each notification delivered three times`, () => {
  it('settle exactly once, and the day reconciles with zero difference', { timeout: 300_000 }, async () => {
    const person = await personIdOf(t, 'citizen3');
    const office = (await one(`select office_id from persons where id = '${person}'`)).office_id!;
    // Fixture: N decided fines for one driver (the decision 20 days ago: each carries a surcharge).
    await t.app.ctx.db.execute(
      sql.raw(`insert into violations (code, occurred_at, place, plate, driver_id, fine_fen, points, status, decision_date, source, office_id)
       select '1042', now() - interval '30 days', '测试路口' || g, '测A' || lpad(g::text, 5, '0'), '${person}',
              20000, 0, 'decided', (date '${t.clock.today()}' - 20), 'camera', '${office}'
       from generate_series(1, ${N}) g`),
    );
    const fines = await queryRows<{ id: string; plate: string }>(
      t.app.ctx.db,
      sql.raw(`select id, plate from violations where place like '测试路口%' order by plate`),
    );
    expect(fines).toHaveLength(N);
    const gw = t.world!.payments;
    const now = t.clock.now();
    const rows = fines.map((f, i) => {
      const number = `PX${String(i).padStart(6, '0')}`;
      const intent = gw.createIntent('wechat', {
        orderNumber: number,
        amountFen: 20_600,
        description: f.plate,
      });
      return {
        number,
        kind: 'fine' as const,
        status: 'pending',
        channel: 'online' as const,
        payerPersonId: person,
        violationId: f.id,
        amountFen: 20_600,
        breakdown: { fineFen: 20_000, surchargeFen: 600, daysLate: 5 },
        subjectLabel: f.plate,
        provider: 'wechat',
        providerRef: intent.providerRef,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
        updatedAt: now,
      };
    });
    for (let i = 0; i < rows.length; i += 250)
      await t.app.ctx.db.insert(paymentOrders).values(rows.slice(i, i + 250));

    // Every payer pays; the provider's notifications are held back, then delivered three times each.
    gw.hold = true;
    for (const r of rows) gw.pay(r.providerRef);
    const notes = gw.queue.filter(
      (q) => q.body.event === 'payment.succeeded' && q.body.orderNumber.startsWith('PX'),
    );
    expect(notes).toHaveLength(N);
    const statuses: number[] = [];
    const order = shuffle(notes, 7);
    for (let i = 0; i < order.length; i += 40) {
      const batch = order.slice(i, i + 40);
      // Two copies of each at the same moment.
      const res = await Promise.all(
        batch.flatMap((n) => [gw.send('wechat', n.body), gw.send('wechat', n.body)]),
      );
      statuses.push(...res);
    }
    // The third copy, later and in another order.
    const third = shuffle(notes, 11);
    for (let i = 0; i < third.length; i += 40)
      statuses.push(...(await Promise.all(third.slice(i, i + 40).map((n) => gw.send('wechat', n.body)))));
    expect(statuses).toHaveLength(3 * N);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const ledger = await one(
      `select count(*) n, sum(l.amount_fen) fen from payment_ledger l join payment_orders o on o.id = l.order_id
        where o.number like 'PX%'`,
    );
    expect(Number(ledger.n)).toBe(N);
    expect(Number(ledger.fen)).toBe(N * 20_600);
    expect(
      Number(
        (await one(`select count(*) n from payment_orders where number like 'PX%' and status = 'paid'`)).n,
      ),
    ).toBe(N);
    expect(
      Number(
        (await one(`select count(*) n from violations where place like '测试路口%' and status = 'paid'`)).n,
      ),
    ).toBe(N);
    const outcomes = await queryRows<{ outcome: string; n: string }>(
      t.app.ctx.db,
      sql.raw(
        `select outcome, count(*) n from payment_notifications where order_number like 'PX%' group by outcome`,
      ),
    );
    expect(outcomes.map((o) => [o.outcome, Number(o.n)])).toEqual([['settled', N]]);
    expect(
      Number((await one(`select count(*) n from issued_documents where kind = 'receipt'`)).n),
    ).toBeGreaterThanOrEqual(N);
    gw.hold = false;

    const [wechat] = await reconcileDay(t.app.ctx, todayInShanghai(now), 'test', ['wechat']);
    expect(wechat!.differences).toEqual([]);
    expect(wechat!.ledgerCount).toBe(N);
    expect(wechat!.providerCount).toBe(N);
    expect(wechat!.ledgerFen - wechat!.providerFen).toBe(0);
  });
});
