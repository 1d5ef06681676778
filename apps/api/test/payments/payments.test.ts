import type {
  CaseDetail,
  PayIntentDto,
  PaymentOrderDto,
  ReconciliationDto,
  ViolationList,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { movableClock } from '../support/cases.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

let t: TestApp;
let citizen1: Agent;
let citizen2: Agent;
let officer: Agent;
let supervisor: Agent;
const clock = movableClock();

beforeAll(async () => {
  t = await startTestApp({ gateway: true, clock });
  [citizen1, citizen2, officer, supervisor] = await Promise.all([
    t.login('citizen1'),
    t.login('citizen2'),
    t.login('officer1'),
    t.login('supervisor1'),
  ]);
});
afterAll(() => t?.close());

const count = async (q: string) => Number((await queryRows<{ n: string }>(t.app.ctx.db, sql.raw(q)))[0]!.n);

async function decidedFine(agent: Agent) {
  const list = (await agent.get('/api/v1/me/violations')).json() as ViolationList;
  return list.items.find((v) => v.status === 'decided' && v.surchargeFen > 0)!;
}

describe('a fine paid online with its late surcharge', () => {
  let order: PaymentOrderDto;

  it('the order holds the fine and the surcharge as of today; asking again returns the same order', async () => {
    const fine = await decidedFine(citizen1);
    expect(fine, 'demo citizen1 has a decided fine past its grace period').toBeTruthy();
    const res = await citizen1.post('/api/v1/me/payment-orders', { kind: 'fine', violationId: fine.id });
    expect(res.statusCode, res.body).toBe(201);
    order = res.json();
    expect(order.status).toBe('pending');
    expect(order.amountFen).toBe(fine.amountDueFen);
    expect(order.breakdown.surchargeFen).toBe(fine.surchargeFen);
    expect(order.breakdown.fineFen! + order.breakdown.surchargeFen!).toBe(order.amountFen);
    const again = await citizen1.post('/api/v1/me/payment-orders', { kind: 'fine', violationId: fine.id });
    expect(again.statusCode).toBe(200);
    expect((again.json() as PaymentOrderDto).id).toBe(order.id);
  });

  it("the provider's cashier takes the money; its signed notification settles the order, the fine and the receipt", async () => {
    const res = await citizen1.post(`/api/v1/me/payment-orders/${order.id}/pay`, {
      provider: 'wechat',
      returnPath: `/citizen/payments/${order.id}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const intent = res.json() as PayIntentDto;
    expect(intent.qrContent).toContain(intent.payUrl);
    // The payer confirms on the provider's own page (another site), which sends them back.
    const cashier = await fetch(intent.payUrl, { method: 'POST', redirect: 'manual' });
    expect(cashier.status).toBe(303);
    expect(cashier.headers.get('location')).toBe(`${'http://localhost:80'}/citizen/payments/${order.id}`);
    await t.world!.payments.drain();
    const paid = (await citizen1.get(`/api/v1/me/payment-orders/${order.id}`)).json() as PaymentOrderDto;
    expect(paid.status).toBe('paid');
    expect(paid.provider).toBe('wechat');
    expect(paid.receiptId).toMatch(/^[0-9a-f-]{36}$/);
    const v = (
      await queryRows<{ status: string }>(
        t.app.ctx.db,
        sql.raw(`select status from violations where id = '${order.violationId}'`),
      )
    )[0]!;
    expect(v.status).toBe('paid');
    expect(await count(`select count(*) n from payment_ledger where order_id = '${order.id}'`)).toBe(1);
    expect(
      await count(`select count(*) n from notifications where dedupe_key = 'payment:${order.id}:settled'`),
    ).toBe(1);
    const again = await citizen1.post('/api/v1/me/payment-orders', {
      kind: 'fine',
      violationId: order.violationId,
    });
    expect(again.statusCode).toBe(422);
  });

  it('a notification replayed, forged or tampered with changes nothing', async () => {
    const sent = t.world!.payments.queue.find((n) => n.body.orderNumber === order.number)!;
    expect(await t.world!.payments.send('wechat', sent.body)).toBe(200);
    const raw = JSON.stringify({ ...sent.body, notificationId: 'N-forged-000001' });
    const forged = await fetch(`${t.baseUrl}/api/v1/payments/notify/wechat`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-pay-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-pay-nonce': 'abc',
        'x-pay-signature': 'AAAA',
      },
      body: raw,
    });
    expect(forged.status).toBe(401);
    // Signed by another provider's key.
    const wrongKey = await fetch(`${t.baseUrl}/api/v1/payments/notify/alipay`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await import('../../src/platform/crypto/signing.ts')).signBody(
          t.world!.payments.key('wechat'),
          raw,
        ),
      },
      body: raw,
    });
    expect(wrongKey.status).toBe(401);
    expect(await count(`select count(*) n from payment_ledger where order_id = '${order.id}'`)).toBe(1);
  });

  it('another citizen cannot see the order; staff and agents cannot use the citizen routes', async () => {
    expect((await citizen2.get(`/api/v1/me/payment-orders/${order.id}`)).statusCode).toBe(404);
    expect((await officer.get('/api/v1/me/payment-orders')).statusCode).toBe(403);
    expect((await citizen1.get('/api/v1/payments/reconciliations?date=2026-11-21')).statusCode).toBe(403);
    expect((await officer.get('/api/v1/payments/reconciliations?date=2026-11-21')).statusCode).toBe(403);
    expect(
      (await citizen1.post(`/api/v1/payment-orders/${order.id}/collect`, { provider: 'cash' })).statusCode,
    ).toBe(403);
    expect((await citizen1.get('/api/v1/payment-orders')).statusCode).toBe(403);
  });

  it('bad input gets field errors', async () => {
    const bad = await citizen1.post('/api/v1/me/payment-orders', { kind: 'fine', violationId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('violationId');
    const badProvider = await citizen1.post(`/api/v1/me/payment-orders/${order.id}/pay`, {
      provider: 'bitcoin',
    });
    expect(badProvider.statusCode).toBe(400);
    const cash = await citizen1.post(`/api/v1/me/payment-orders/${order.id}/pay`, { provider: 'cash' });
    expect(cash.statusCode).toBe(400);
  });
});

describe('a case fee: paid, then refunded when the applicant withdraws', () => {
  let c: CaseDetail;
  let order: PaymentOrderDto;

  it('the fee is paid by bank card', async () => {
    const res = await citizen1.post('/api/v1/me/cases', {
      itemCode: 'DL-RENEW',
      subject: {},
      form: {},
      delivery: 'post',
      deliveryAddress: '示范市东湖区湖滨路1号',
    });
    expect(res.statusCode, res.body).toBe(201);
    c = res.json();
    expect(c.feeFen).toBeGreaterThan(0);
    order = (await citizen1.post('/api/v1/me/payment-orders', { kind: 'fee', caseId: c.id })).json();
    expect(order.amountFen).toBe(c.feeFen);
    const intent = (
      await citizen1.post(`/api/v1/me/payment-orders/${order.id}/pay`, { provider: 'unionpay' })
    ).json() as PayIntentDto;
    t.world!.payments.pay(intent.order.providerRef!);
    await t.world!.payments.drain();
    const paid = (await citizen1.get(`/api/v1/me/payment-orders?caseId=${c.id}`)).json() as {
      items: PaymentOrderDto[];
    };
    expect(paid.items.map((o) => o.status)).toEqual(['paid']);
  });

  it('withdrawing asks for the refund in the same transaction; the provider refunds; the receipt is void', async () => {
    const res = await citizen1.post(`/api/v1/me/cases/${c.id}/actions`, { action: 'withdraw' });
    expect(res.statusCode, res.body).toBe(200);
    let o = (await citizen1.get(`/api/v1/me/payment-orders/${order.id}`)).json() as PaymentOrderDto;
    expect(o.status).toBe('refund-pending');
    const { sendDueRefunds } = await import('../../src/modules/payments/index.ts');
    expect(await sendDueRefunds(t.app.ctx)).toBe(1);
    await t.world!.payments.drain();
    o = (await citizen1.get(`/api/v1/me/payment-orders/${order.id}`)).json() as PaymentOrderDto;
    expect(o.status).toBe('refunded');
    expect(await count(`select count(*) n from payment_ledger where order_id = '${order.id}'`)).toBe(2);
    const [doc] = await queryRows<{ voided_at: string | null }>(
      t.app.ctx.db,
      sql.raw(`select voided_at from issued_documents where source_id = '${order.id}'`),
    );
    expect(doc!.voided_at).not.toBeNull();
  });
});

describe('at the window, and the day reconciled', () => {
  it('cash: the change is worked out, the till confirms, the order settles', async () => {
    const res = await officer.post('/api/v1/me/cases', {}); // an officer is no citizen
    expect(res.statusCode).toBe(403);
    const fine = (
      await queryRows<{ id: string }>(
        t.app.ctx.db,
        sql.raw(`select v.id from violations v where v.status = 'decided' and v.driver_id is not null
           and not exists (select 1 from payment_orders o where o.violation_id = v.id) limit 1`),
      )
    )[0]!;
    const created = await officer.post('/api/v1/payment-orders', { kind: 'fine', violationId: fine.id });
    expect(created.statusCode, created.body).toBe(201);
    const order = created.json() as PaymentOrderDto;
    expect(order.channel).toBe('window');
    const short = await officer.post(`/api/v1/payment-orders/${order.id}/collect`, {
      provider: 'cash',
      tenderedFen: order.amountFen - 1,
    });
    expect(short.statusCode).toBe(400);
    const ok = await officer.post(`/api/v1/payment-orders/${order.id}/collect`, {
      provider: 'cash',
      tenderedFen: order.amountFen + 5_000,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as { changeFen: number }).changeFen).toBe(5_000);
    await t.world!.payments.drain();
    expect(((await officer.get(`/api/v1/payment-orders/${order.id}`)).json() as PaymentOrderDto).status).toBe(
      'paid',
    );
  });

  it("reconciliation of the day finds the ledger and each provider's statement equal", async () => {
    const res = await supervisor.post('/api/v1/payments/reconciliations', { date: clock.today() });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: ReconciliationDto[] }).items;
    expect(items).toHaveLength(5);
    for (const r of items) {
      expect(r.differences, r.provider).toEqual([]);
      expect(r.ledgerFen).toBe(r.providerFen);
    }
    expect(items.find((r) => r.provider === 'unionpay')!.providerCount).toBe(2); // payment and refund
    const listed = (
      await supervisor.get(`/api/v1/payments/reconciliations?date=${clock.today()}`)
    ).json() as {
      items: ReconciliationDto[];
    };
    expect(listed.items).toHaveLength(5);
  });

  it('money the ledger never saw shows up as a difference', async () => {
    const intent = t.world!.payments.createIntent('alipay', {
      orderNumber: 'P-UNKNOWN-1',
      amountFen: 1234,
      description: 'not ours',
    });
    t.world!.payments.hold = true;
    t.world!.payments.pay(intent.providerRef);
    const res = await supervisor.post('/api/v1/payments/reconciliations', {
      date: clock.today(),
      provider: 'alipay',
    });
    const [r] = (res.json() as { items: ReconciliationDto[] }).items;
    expect(r!.differences).toEqual([
      expect.objectContaining({ kind: 'missing-in-ledger', orderNumber: 'P-UNKNOWN-1', providerFen: 1234 }),
    ]);
    t.world!.payments.hold = false;
  });
});

describe('an order never paid expires; a payment started on it is looked up first', () => {
  it('expires after its time, and the provider can no longer take money for it', async () => {
    const c = (
      await citizen2.post('/api/v1/me/cases', {
        itemCode: 'DL-RENEW',
        subject: {},
        form: {},
        delivery: 'post',
        deliveryAddress: '示范市东湖区湖滨路2号',
      })
    ).json() as CaseDetail;
    const order = (
      await citizen2.post('/api/v1/me/payment-orders', { kind: 'fee', caseId: c.id })
    ).json() as PaymentOrderDto;
    const intent = (
      await citizen2.post(`/api/v1/me/payment-orders/${order.id}/pay`, { provider: 'alipay' })
    ).json() as PayIntentDto;
    clock.set(new Date(new Date(order.expiresAt).getTime() + 1000).toISOString());
    const { expireDueOrders } = await import('../../src/modules/payments/index.ts');
    expect(await expireDueOrders(t.app.ctx)).toBeGreaterThanOrEqual(1);
    const after = (
      await (await t.login('citizen2')).get(`/api/v1/me/payment-orders/${order.id}`)
    ).json() as PaymentOrderDto;
    expect(after.status).toBe('expired');
    const late = await fetch(intent.payUrl, { method: 'POST', redirect: 'manual' });
    expect(late.status).toBe(409);
  });
});

describe('what else the provider or the applicant may do', () => {
  it('a withdrawn case cancels its unpaid fee order', async () => {
    const c2 = citizen1;
    const res = await c2.post('/api/v1/me/cases', {
      itemCode: 'DL-RENEW',
      subject: {},
      form: {},
      delivery: 'post',
      deliveryAddress: '示范市东湖区湖滨路4号',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as CaseDetail;
    const order = (
      await c2.post('/api/v1/me/payment-orders', { kind: 'fee', caseId: c.id })
    ).json() as PaymentOrderDto;
    expect((await c2.post(`/api/v1/me/cases/${c.id}/actions`, { action: 'withdraw' })).statusCode).toBe(200);
    const after = (await c2.get(`/api/v1/me/payment-orders/${order.id}`)).json() as PaymentOrderDto;
    expect(after.status).toBe('cancelled');
    expect((await c2.post('/api/v1/me/payment-orders', { kind: 'fee', caseId: c.id })).statusCode).toBe(422);
  });

  it('a signed notification for an order nobody made is recorded and audited, and changes no money', async () => {
    const status = await t.world!.payments.send('unionpay', {
      notificationId: 'N-unknown-order-1',
      event: 'payment.succeeded',
      orderNumber: 'P20261121999999',
      providerRef: 'UN-unknown',
      transactionId: 'T-unknown-1',
      amountFen: 500,
      at: new Date().toISOString(),
    });
    expect(status).toBe(200);
    expect(await count(`select count(*) n from payment_ledger where transaction_id = 'T-unknown-1'`)).toBe(0);
    expect(
      await count(
        `select count(*) n from payment_notifications where notification_id = 'N-unknown-order-1' and outcome = 'unknown-order'`,
      ),
    ).toBe(1);
  });

  it('every payment action in the audit log has its Chinese and English label', async () => {
    const { auditActionLabel } = await import('@opendmv/contracts');
    const rows = await queryRows<{ action: string }>(
      t.app.ctx.db,
      sql`select distinct action from audit_log where action like 'payment.%' order by action`,
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'payment.cancel',
        'payment.create',
        'payment.expire',
        'payment.notification-unmatched',
        'payment.reconcile',
        'payment.refund',
        'payment.refund-settle',
        'payment.settle',
      ]),
    );
    for (const a of actions) expect(auditActionLabel(a)?.en, a).toBeTruthy();
  });
});
