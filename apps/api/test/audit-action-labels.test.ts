import {
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  type CaseDetail,
  type VehicleDto,
  type ViolationList,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db/client.ts';
import { createOffice, officeOf, STRONG_PASSWORD, unique } from './admin-support.ts';
import { drive, idNumberOf, personIdOf, postMedicalResult, transferableVehicle } from './support/cases.ts';
import { startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ gateway: true });
});
afterAll(() => t?.close());

const ok = (res: { statusCode: number; body: string }, status = 200) =>
  expect(res.statusCode, res.body).toBe(status);

/** The operations a working day (and the test suite) performs, each through the HTTP API. */
async function typicalDay() {
  const officer = await t.login('officer1');
  const citizen = await t.login('citizen1');
  const supervisor = await t.login('supervisor1');
  const admin = await t.login('admin1');

  // auth.login failure, access.denied
  ok(
    await t.anonymous().post('/api/v1/auth/login', { username: 'officer1', password: 'wrong-password' }),
    401,
  );
  ok(await officer.get('/api/v1/audit/events'), 403);

  // person.create, person.reveal, violation.record, violation.decide
  ok(
    await officer.post('/api/v1/persons', {
      idNumber: '34052419800101001X',
      name: '测试人',
      phone: '13900001111',
    }),
    201,
  );
  const vehicles = (await citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] };
  const vehicle = vehicles.items[0]!;
  ok(await officer.post(`/api/v1/persons/${vehicle.ownerId}/reveal`, { purpose: '窗口业务核对身份' }));
  ok(
    await officer.post('/api/v1/violations', {
      code: '1625',
      occurredAt: '2026-11-20T08:15:00+08:00',
      place: '人民路与解放路口',
      plate: vehicle.plate!,
    }),
    201,
  );
  const open = (await citizen.get('/api/v1/me/violations?status=unhandled')).json() as ViolationList;
  ok(await officer.post(`/api/v1/violations/${open.items[0]!.id}/decide`));

  // partner.ingest, partner.refuse: the insurer reports a policy, then a batch with an unknown VIN
  const insurer = t.bearer(t.demo.apiTokens.find((x) => x.partnerSource === 'insurer-policy')!.secret);
  const policy = (vin: string, reference: string) => ({
    records: [{ reference, vin, insurer: '示范保险', startDate: '2026-12-01', endDate: '2027-11-30' }],
  });
  ok(await insurer.post('/api/v1/partner/insurance-policies', policy(vehicle.vin, 'LBL-P-1')));
  ok(await insurer.post('/api/v1/partner/insurance-policies', policy('LSVAA4187C2000000', 'LBL-P-2')), 400);

  // office.create, staff.create/unlock/disable/enable, api-token.create/revoke
  const office = await officeOf(admin);
  await createOffice(admin, office.id, 'branch');
  const created = await admin.post('/api/v1/staff', {
    username: unique('lbl_'),
    displayName: '测试民警',
    role: 'officer',
    officeId: office.id,
    password: STRONG_PASSWORD,
  });
  ok(created, 201);
  const staffId = (created.json() as { staff: { id: string } }).staff.id;
  for (const action of ['unlock', 'disable', 'enable'])
    ok(await admin.post(`/api/v1/staff/${staffId}/${action}`));
  const token = await admin.post('/api/v1/api-tokens', {
    name: '测试终端',
    kind: 'kiosk',
    officeId: office.id,
  });
  ok(token, 201);
  ok(await admin.post(`/api/v1/api-tokens/${(token.json() as { token: { id: string } }).token.id}/revoke`));

  // case.*: an online renewal that waits for the hospital (recheck → instant-approve), and a window
  // transfer through correction to completion; a refusal and a withdrawal; catalog.revise
  ok(
    await citizen.post('/api/v1/me/cases', {
      itemCode: 'DL-RENEW',
      subject: {},
      form: {},
      delivery: 'collect',
    }),
    201,
  );
  await postMedicalResult(t, await idNumberOf(t, 'citizen1'), t.clock.today());
  const transfer = async (skip: number) =>
    (
      await officer.post('/api/v1/cases', {
        applicantIdNumber: await idNumberOf(t, 'citizen2'),
        itemCode: 'TRANSFER',
        subject: { plate: await transferableVehicle(t, await personIdOf(t, 'citizen2'), skip) },
        form: { sellerName: '原车主', transferDate: '2026-11-15' },
        delivery: 'post',
        deliveryAddress: '示范市东湖区湖滨路1号',
        provided: ['ownership-transfer-proof'],
      })
    ).json() as CaseDetail;
  const done = await transfer(0);
  await drive(officer, done.id, ['request-correction']);
  ok(
    await (await t.login('citizen2')).post(`/api/v1/me/cases/${done.id}/actions`, {
      action: 'answer-correction',
    }),
  );
  await drive(officer, done.id, ['review', 'approve', 'produce', 'deliver', 'complete']);
  // document.verified: the completed transfer's decision document, checked through its QR link
  const decision = await officer.get(`/api/v1/cases/${done.id}/decision`);
  ok(decision);
  ok(await t.anonymous().get(`/api/v1/public/documents/${(decision.json() as { id: string }).id}`));
  // case.document-upload: the window scans the applicant's paper
  const scanned = await transfer(4);
  ok(
    await officer.post(`/api/v1/cases/${scanned.id}/documents`, {
      materialCode: 'ownership-transfer-proof',
      fileName: 'invoice.pdf',
      contentType: 'application/pdf',
      dataBase64: Buffer.from('%PDF-1.4\n').toString('base64'),
    }),
    201,
  );
  await drive(officer, (await transfer(1)).id, ['reject']);
  ok(
    await (await t.login('citizen2')).post(`/api/v1/me/cases/${(await transfer(2)).id}/actions`, {
      action: 'withdraw',
    }),
  );
  const collected = await transfer(3);
  await drive(officer, collected.id, ['review', 'approve', 'produce', 'collect']);
  // authorization.grant, authorization.revoke
  const granted = await citizen.post('/api/v1/me/authorizations', {
    agentUsername: 'agent1',
    itemCodes: ['TRANSFER'],
    validDays: 3,
  });
  ok(granted, 201);
  ok(await citizen.post(`/api/v1/me/authorizations/${(granted.json() as { id: string }).id}/revoke`));
  const versions = (await admin.get('/api/v1/admin/catalog/DL-DAMAGED/versions')).json() as {
    items: { version: number; definition: unknown }[];
  };
  ok(
    await admin.request('PUT', '/api/v1/admin/catalog/DL-DAMAGED', {
      baseVersion: versions.items[0]!.version,
      definition: versions.items[0]!.definition,
      changeNote: '复核（无改动）',
    }),
  );

  // licence.verified, share-code.create/use/refuse/revoke: the e-licence QR checked, a share code used twice
  const eLicence = (await citizen.get('/api/v1/me/e-licence')).json() as { token: string };
  ok(await t.anonymous().post('/api/v1/public/e-licence/verify', { token: eLicence.token }));
  const share = (await citizen.post('/api/v1/me/e-licence/share-codes', {})).json() as {
    id: string;
    code: string;
  };
  ok(await t.anonymous().post('/api/v1/public/e-licence/check', { code: share.code, checker: '示范租车' }));
  ok(
    await t.anonymous().post('/api/v1/public/e-licence/check', { code: share.code, checker: '示范租车' }),
    409,
  );
  const unused = (await citizen.post('/api/v1/me/e-licence/share-codes', {})).json() as { id: string };
  ok(await citizen.post(`/api/v1/me/e-licence/share-codes/${unused.id}/revoke`));

  // notification.preferences
  ok(
    await citizen.request('PUT', '/api/v1/me/notification-preferences', {
      sms: false,
      inApp: true,
      reminders: true,
    }),
  );

  // payment.create, payment.settle, violation.pay: a fine paid online; payment.reconcile: the day checked
  const fines = (await citizen.get('/api/v1/me/violations')).json() as {
    items: { id: string; status: string }[];
  };
  const fine = fines.items.find((v) => v.status === 'decided')!;
  const order = (
    await citizen.post('/api/v1/me/payment-orders', { kind: 'fine', violationId: fine.id })
  ).json() as {
    id: string;
  };
  const intent = (
    await citizen.post(`/api/v1/me/payment-orders/${order.id}/pay`, { provider: 'alipay' })
  ).json() as {
    order: { providerRef: string };
  };
  t.world!.payments.pay(intent.order.providerRef);
  await t.world!.payments.drain();
  ok(
    await supervisor.post('/api/v1/payments/reconciliations', { date: t.clock.today(), provider: 'alipay' }),
  );

  // audit.verify, auth.logout
  ok(await supervisor.get('/api/v1/audit/verify'));
  ok(await citizen.post('/api/v1/auth/logout'), 204);
}

describe('audit action labels', () => {
  it('has a Chinese and an English label for every action in the audit log after a typical day', async () => {
    await typicalDay();
    const rows = await queryRows<{ action: string }>(
      t.app.ctx.db,
      sql`select distinct action from audit_log order by action`,
    );
    const actions = rows.map((r) => r.action);
    // The day above reached every kind of write the API has today.
    // escalate and deem-approve come from timers (cases/timers.test.ts); expiry, cancellation, refunds
    // and unmatched notifications from the payment tests (payments/payments.test.ts).
    const fromElsewhere = [
      'case.escalate',
      'case.deem-approve',
      'payment.expire',
      'payment.cancel',
      'payment.refund',
      'payment.refund-settle',
      'payment.notification-unmatched',
      // scarce releases and risk signals: appointments/allocation.test.ts and abuse.test.ts
      'allocation.release',
      'allocation.request',
      'allocation.draw',
      'risk-signal.review',
      // Appointments: each action is driven and its audit record checked in apps/api/test/appointments.
      'appointment.hold',
      'appointment.confirm',
      'appointment.expire',
      'appointment.cancel',
      'appointment.reschedule-out',
      'appointment.office-close',
      'appointment.check-in',
      'appointment.arrive-late',
      'appointment.no-show',
      'appointment.close-day',
      'appointment.ban',
      // The service hall: each action is driven in apps/api/test/hall/hall.test.ts.
      ...Object.keys(AUDIT_ACTION_LABELS).filter((a) => a.startsWith('hall.')),
    ];
    const expected = Object.keys(AUDIT_ACTION_LABELS).filter((a) => !fromElsewhere.includes(a));
    expect(actions).toEqual(expect.arrayContaining(expected));
    const unlabelled = actions.filter((a) => !auditActionLabel(a)?.zh || !auditActionLabel(a)?.en);
    expect(unlabelled).toEqual([]);
  });
});
