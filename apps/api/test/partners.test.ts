import {
  PARTNER_ROUTE_SEGMENTS,
  PARTNER_SOURCES,
  type PartnerIngestResult,
  type PartnerRecordBySource,
  type PartnerRecordDto,
  type PartnerSource,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDeliveryEvents, findPartnerRecordsFor } from '../src/modules/partners/index.ts';
import {
  medicalRecord,
  newVin,
  PARTNER_NAMES,
  partnerClient,
  policyRecord,
  runRound,
  saleRecord,
  simulateMedicalExam,
  simulateVehicleSale,
} from '../src/simulators/index.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';
import { partnerFixtures, unregisteredId } from './support/partners.ts';

let t: TestApp;
const partner = {} as Record<PartnerSource, Agent>;
const secretOf = (s: PartnerSource) => t.demo.apiTokens.find((x) => x.partnerSource === s)!.secret;

beforeAll(async () => {
  t = await startTestApp();
  for (const s of PARTNER_SOURCES) partner[s] = t.bearer(secretOf(s));
});
afterAll(() => t?.close());

const send = <S extends PartnerSource>(s: S, records: PartnerRecordBySource[S][], as: Agent = partner[s]) =>
  as.post(`/api/v1/partner/${PARTNER_ROUTE_SEGMENTS[s]}`, { records });
const ok = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as PartnerIngestResult;
};
const { rows, count, people, registeredVehicles, storedRow, postCase } = partnerFixtures(() => t);

describe('each source accepts a valid batch and stores it', () => {
  it('hospital: medical results by ID number → person, valid six months, no ID number in the payload', async () => {
    const ps = await people(2);
    const records = ps.map((p) => medicalRecord({ idNumber: p.idNumber, examDate: '2026-11-20' }));
    const res = ok(await send('hospital-medical', records));
    expect(res).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(res.ids).toHaveLength(2);
    const row = await storedRow(records[0]!.reference);
    expect(row).toMatchObject({ kind: 'medical-result', person_id: ps[0]!.id, valid_from: '2026-11-20' });
    expect(row.valid_until).toBe('2027-05-20');
    const payload = JSON.stringify(row.payload);
    expect(payload).not.toContain(ps[0]!.idNumber);
    expect(payload).not.toContain('idNumber');
    expect(row.payload).toMatchObject({ result: 'pass', hospital: records[0]!.hospital });
  });

  it('insurer: a policy by VIN → vehicle, valid start to end', async () => {
    const [v] = await registeredVehicles(1);
    const record = policyRecord({ vin: v!.vin.toLowerCase(), startDate: '2026-12-01' });
    ok(await send('insurer-policy', [record]));
    expect(await storedRow(record.reference)).toMatchObject({
      kind: 'compulsory-insurance',
      vehicle_id: v!.id,
      vin: v!.vin,
      valid_from: '2026-12-01',
      valid_until: '2027-11-30',
    });
  });

  it('inspection station: a result valid three months; tax bureau: the tax year', async () => {
    const [a, b] = await registeredVehicles(2, 1);
    const inspection = {
      reference: 'JY-T-1',
      vin: a!.vin,
      station: '检测站',
      inspectedOn: '2026-11-21',
      result: 'pass' as const,
    };
    ok(await send('inspection-result', [inspection]));
    expect(await storedRow('JY-T-1')).toMatchObject({ vehicle_id: a!.id, valid_until: '2027-02-21' });
    const tax = {
      reference: 'CCS-T-1',
      vin: b!.vin,
      taxYear: 2026,
      status: 'paid' as const,
      amountFen: 48_000,
    };
    ok(await send('tax-payment', [tax]));
    expect(await storedRow('CCS-T-1')).toMatchObject({
      kind: 'vehicle-tax',
      vehicle_id: b!.id,
      valid_from: '2026-01-01',
      valid_until: '2026-12-31',
    });
  });

  it('post: delivery events of a case, read back in the order they happened', async () => {
    await postCase('C20261121000001');
    const ev = (reference: string, event: 'accepted' | 'delivered', at: string) => ({
      reference,
      trackingNumber: 'EA123456785CN',
      caseNumber: 'C20261121000001',
      event,
      at,
      place: '示范市',
    });
    ok(
      await send('post-delivery', [
        ev('EV-2', 'delivered', '2026-11-21T09:30:00+08:00'),
        ev('EV-1', 'accepted', '2026-11-20T16:00:00+08:00'),
      ]),
    );
    expect(await storedRow('EV-1')).toMatchObject({ kind: 'delivery-event', case_number: 'C20261121000001' });
    const events = await findDeliveryEvents(t.app.ctx.db, 'C20261121000001');
    expect(events.map((e) => e.event)).toEqual(['accepted', 'delivered']);
  });

  it('dealer: a new car sold to a person; the insurer and the tax bureau then cover the unregistered VIN', async () => {
    const [buyer] = await people(1, 5);
    const sale = saleRecord({ buyerIdNumber: buyer!.idNumber, saleDate: '2026-11-21' });
    ok(await send('dealer-sale', [sale]));
    const row = await storedRow(sale.reference);
    expect(row).toMatchObject({ kind: 'sale', person_id: buyer!.id, vin: sale.vin, vehicle_id: null });
    expect(JSON.stringify(row.payload)).not.toContain(buyer!.idNumber);
    ok(await send('insurer-policy', [policyRecord({ vin: sale.vin, startDate: '2026-11-21' })]));
    ok(
      await send('tax-payment', [
        { reference: 'CCS-NEW-1', vin: sale.vin, taxYear: 2026, status: 'paid', amountFen: 36_000 },
      ]),
    );
    const held = await findPartnerRecordsFor(t.app.ctx.db, { personId: buyer!.id, vin: sale.vin });
    expect(held.map((r) => r.source).sort()).toEqual(['dealer-sale', 'insurer-policy', 'tax-payment']);
  });

  it('education platform: exam results by ID number → person', async () => {
    const [p] = await people(1, 7);
    const record = {
      reference: 'XF-T-1',
      idNumber: p!.idNumber,
      examDate: '2026-11-21',
      passed: true,
      pointsEarned: 2 as const,
      studyMinutes: 200,
    };
    ok(await send('study-exam', [record]));
    const row = await storedRow('XF-T-1');
    expect(row).toMatchObject({ kind: 'exam', person_id: p!.id, valid_from: '2026-11-21' });
    expect(JSON.stringify(row.payload)).not.toContain(p!.idNumber);
  });
});

describe('all or nothing', () => {
  it('refuses the whole batch for one bad record, naming each bad field and why, and stores nothing', async () => {
    const ps = await people(3, 10);
    const badCheck = `${ps[2]!.idNumber.slice(0, 17)}${ps[2]!.idNumber[17] === '0' ? '1' : '0'}`;
    const before = await count();
    const res = await send('hospital-medical', [
      medicalRecord({ idNumber: ps[0]!.idNumber, examDate: '2026-11-21' }),
      medicalRecord({ idNumber: unregisteredId(), examDate: '2026-11-21' }),
      medicalRecord({ idNumber: badCheck, examDate: '2026-11-21' }),
      medicalRecord({ idNumber: ps[1]!.idNumber, examDate: '2026-12-01' }),
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { field: 'body.records.1.idNumber', message: 'no such person' },
        { field: 'body.records.2.idNumber', message: 'ID number check failed (checksum)' },
        { field: 'body.records.3.examDate', message: 'examDate is in the future' },
      ],
    });
    expect(await count()).toBe(before);
    const [audit] = await rows<{ outcome: string; details: Record<string, unknown> }>(
      sql`select outcome, details from audit_log where action = 'partner.refuse' order by seq desc limit 1`,
    );
    expect(audit!.outcome).toBe('failure');
    expect(audit!.details).toMatchObject({ source: 'hospital-medical', count: 4, refused: 3 });
    for (const p of ps) expect(JSON.stringify(audit!.details)).not.toContain(p.idNumber.slice(0, 14));
  });

  it('gives the reasons of the other sources', async () => {
    const [v] = await registeredVehicles(1, 3);
    const policy = await send('insurer-policy', [
      {
        reference: 'P-BAD-1',
        vin: v!.vin,
        insurer: '某保险',
        startDate: '2026-12-01',
        endDate: '2026-11-30',
      },
      {
        reference: 'P-BAD-2',
        vin: newVin('LSV', 2026),
        insurer: '某保险',
        startDate: '2026-12-01',
        endDate: '2027-11-30',
      },
    ]);
    expect(policy.json().fields).toEqual([
      { field: 'body.records.0.endDate', message: 'endDate before startDate' },
      { field: 'body.records.1.vin', message: 'no such vehicle (neither registered nor sold new)' },
    ]);
    await postCase('C20261121000002', 'collect');
    const post = await send('post-delivery', [
      {
        reference: 'E-X',
        trackingNumber: 'EA1',
        caseNumber: 'C20261121999999',
        event: 'accepted',
        at: '2026-11-21T08:00:00+08:00',
        place: 'x',
      },
      {
        reference: 'E-Y',
        trackingNumber: 'EA1',
        caseNumber: 'C20261121000002',
        event: 'accepted',
        at: '2026-11-21T08:00:00+08:00',
        place: 'x',
      },
    ]);
    expect(post.statusCode).toBe(400); // EA1 is too short: refused by the schema before any lookup
    const post2 = await send('post-delivery', [
      {
        reference: 'E-X',
        trackingNumber: 'EA123456785CN',
        caseNumber: 'C20261121999999',
        event: 'accepted',
        at: '2026-11-21T08:00:00+08:00',
        place: 'x',
      },
      {
        reference: 'E-Y',
        trackingNumber: 'EA123456785CN',
        caseNumber: 'C20261121000002',
        event: 'accepted',
        at: '2026-11-21T08:00:00+08:00',
        place: 'x',
      },
      {
        reference: 'E-X',
        trackingNumber: 'EA123456785CN',
        caseNumber: 'C20261121000002',
        event: 'accepted',
        at: '2026-11-21T08:00:00+08:00',
        place: 'x',
      },
    ]);
    expect(post2.json().fields).toEqual([
      { field: 'body.records.0.caseNumber', message: 'unknown case number' },
      { field: 'body.records.1.caseNumber', message: 'the case is not delivered by post' },
      { field: 'body.records.2.reference', message: 'reference repeated in this batch (record 0)' },
      { field: 'body.records.2.caseNumber', message: 'the case is not delivered by post' },
    ]);
  });

  it('refuses a sale whose VIN fails the ISO 3779 check digit or is already registered', async () => {
    const [buyer] = await people(1, 12);
    const good = newVin('LGX', 2026);
    const bad = `${good.slice(0, 8)}${good[8] === 'X' ? '0' : 'X'}${good.slice(9)}`;
    const [registered] = await registeredVehicles(1, 4);
    const before = await count('dealer-sale');
    const res = await send('dealer-sale', [
      saleRecord({ buyerIdNumber: buyer!.idNumber, vin: good, saleDate: '2026-11-21' }),
      saleRecord({ buyerIdNumber: buyer!.idNumber, vin: bad, saleDate: '2026-11-21' }),
      saleRecord({ buyerIdNumber: buyer!.idNumber, vin: registered!.vin, saleDate: '2026-11-21' }),
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { field: 'body.records.1.vin', message: 'VIN check failed' },
      { field: 'body.records.2.vin', message: 'VIN already registered' },
    ]);
    expect(await count('dealer-sale')).toBe(before);
  });

  it('refuses more than 500 records, or none, by the schema', async () => {
    const [p] = await people(1);
    const many = Array.from({ length: 501 }, (_, i) =>
      medicalRecord({ idNumber: p!.idNumber, reference: `M-${i}` }),
    );
    expect((await send('hospital-medical', many)).statusCode).toBe(400);
    expect((await send('hospital-medical', [])).statusCode).toBe(400);
  });
});

describe('idempotency', () => {
  it('counts a resent batch as duplicates, answers the same ids and stores nothing new', async () => {
    const ps = await people(3, 20);
    const records = ps.map((p) => medicalRecord({ idNumber: p.idNumber, examDate: '2026-11-19' }));
    const first = ok(await send('hospital-medical', records));
    const before = await count();
    const again = ok(await send('hospital-medical', records));
    expect(again).toEqual({ accepted: 0, duplicates: 3, ids: first.ids });
    expect(await count()).toBe(before);
    const mixed = ok(
      await send('hospital-medical', [
        records[0]!,
        medicalRecord({ idNumber: ps[0]!.idNumber, examDate: '2026-11-21' }),
      ]),
    );
    expect(mixed).toMatchObject({ accepted: 1, duplicates: 1 });
    const [audit] = await rows<{ details: Record<string, unknown> }>(
      sql`select details from audit_log where action = 'partner.ingest' order by seq desc limit 1`,
    );
    expect(audit!.details).toEqual({ source: 'hospital-medical', count: 2, accepted: 1, duplicates: 1 });
  });
});

describe('who may send what', () => {
  it('refuses a token posting for another source (403), and audits it', async () => {
    const [p] = await people(1);
    const res = await send(
      'study-exam',
      [
        {
          reference: 'X-1',
          idNumber: p!.idNumber,
          examDate: '2026-11-21',
          passed: true,
          pointsEarned: 1,
          studyMinutes: 40,
        },
      ],
      partner['hospital-medical'],
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const [audit] = await rows<{ details: Record<string, unknown> }>(
      sql`select details from audit_log where action = 'access.denied' order by seq desc limit 1`,
    );
    expect(audit!.details).toMatchObject({ source: 'study-exam', tokenSource: 'hospital-medical' });
  });

  it('refuses citizens, officers and kiosks', async () => {
    const [p] = await people(1);
    const body = [medicalRecord({ idNumber: p!.idNumber })];
    for (const who of [
      await t.login('citizen1'),
      await t.login('officer1'),
      t.bearer(t.demo.apiTokens.find((x) => x.kind === 'kiosk')!.secret),
    ]) {
      expect((await send('hospital-medical', body, who)).statusCode).toBe(403);
      expect((await who.get('/api/v1/partner/records')).statusCode).toBe(403);
    }
    expect((await send('hospital-medical', body, t.anonymous())).statusCode).toBe(401);
  });

  it('lists only what the calling token sent, newest first', async () => {
    const res = await partner['insurer-policy'].get('/api/v1/partner/records?limit=100');
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as { items: PartnerRecordDto[] };
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.source))).toEqual(new Set(['insurer-policy']));
    const times = items.map((i) => i.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('simulators', () => {
  it('post through a real socket with their own tokens, and every partner’s round works against the demo city', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const hospital = partnerClient(base, secretOf('hospital-medical'), 'hospital-medical');
    const [p] = await people(1, 30);
    const res = await simulateMedicalExam(hospital, { idNumber: p!.idNumber, examDate: '2026-11-21' });
    expect(res).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(
      await rows(sql`select 1 from partner_records where id = ${res.ids[0]!} and person_id = ${p!.id}`),
    ).toHaveLength(1);

    const dealer = partnerClient(base, secretOf('dealer-sale'), 'dealer-sale');
    const sold = await simulateVehicleSale(dealer, { buyerIdNumber: p!.idNumber, saleDate: '2026-11-21' });
    expect(sold.accepted).toBe(1);

    await postCase('C20261121000003');
    const clients = Object.fromEntries(PARTNER_SOURCES.map((s) => [s, partnerClient(base, secretOf(s), s)]));
    const world = { db: t.app.ctx.db, pii: t.app.ctx.pii, clock: t.clock };
    const before = await count();
    const results = await runRound(clients, world, () => 2);
    expect(Object.keys(results).sort()).toEqual([...PARTNER_NAMES].sort());
    for (const [name, r] of Object.entries(results)) {
      expect('error' in r ? r.error : null, name).toBeNull();
      if (!('error' in r)) expect(r.posted, name).toBeGreaterThan(0);
    }
    expect(await count()).toBeGreaterThan(before);
    // The sale just made is insured and taxed by the next round's insurer and tax bureau.
    const held = await findPartnerRecordsFor(t.app.ctx.db, { vin: sold.vin });
    expect(held.map((r) => r.source)).toEqual(
      expect.arrayContaining(['dealer-sale', 'insurer-policy', 'tax-payment']),
    );
  });
});
