import type {
  LicenceDto,
  PersonDetail,
  SearchResult,
  VehicleDetail,
  VehicleDto,
  ViolationDto,
  ViolationList,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db/client.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
let citizen: Agent;
let officer: Agent;
let supervisor: Agent;

beforeAll(async () => {
  t = await startTestApp();
  [citizen, officer, supervisor] = await Promise.all([
    t.login('citizen1'),
    t.login('officer1'),
    t.login('supervisor1'),
  ]);
});
afterAll(() => t?.close());

describe('citizen home', () => {
  it('shows my licence with renewal state and the current scoring cycle', async () => {
    const res = await citizen.get('/api/v1/me/licence');
    expect(res.statusCode).toBe(200);
    const { licence } = res.json() as { licence: LicenceDto };
    expect(licence.classes.length).toBeGreaterThan(0);
    expect(licence.cycleStart <= '2026-11-21' && licence.cycleEnd >= '2026-11-21').toBe(true);
    expect(licence.renewal.state).toBeTruthy();
  });

  it('lists only my vehicles, with inspection and insurance status', async () => {
    const me = (await citizen.get('/api/v1/me/person')).json() as { id: string; idNumber: string };
    const { items } = (await citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] };
    expect(items.length).toBeGreaterThan(0);
    for (const v of items) {
      expect(v.ownerId).toBe(me.id);
      expect(['valid', 'expiring', 'expired']).toContain(v.insuranceStatus);
    }
    expect(me.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
  });

  it('prices violations as of today: a decided one older than 15 days carries the surcharge', async () => {
    const list = (await citizen.get('/api/v1/me/violations')).json() as ViolationList;
    expect(list.items.length).toBeGreaterThan(0);
    for (const v of list.items) {
      if (v.status === 'paid') expect(v.amountDueFen).toBe(0);
      if (v.status === 'unhandled') expect(v.surchargeFen).toBe(0);
      if (v.status === 'decided') {
        expect(v.amountDueFen).toBe(v.fineFen + v.surchargeFen);
        expect(v.surchargeFen).toBeLessThanOrEqual(v.fineFen);
      }
    }
    expect(list.items.some((v) => v.surchargeFen > 0)).toBe(true);
    const open = list.items.filter((v) => v.status !== 'paid');
    expect(list.totals.amountDueFen).toBe(open.reduce((s, v) => s + v.amountDueFen, 0));
  });

  it('cannot read another plate’s violations through the plate filter', async () => {
    const other = (
      await officer.get(`/api/v1/registry/search?q=${encodeURIComponent(await plateNotOwnedByCitizen())}`)
    ).json() as SearchResult;
    expect(other.vehicles.length).toBe(1);
    const res = await citizen.get(
      `/api/v1/me/violations?plate=${encodeURIComponent(other.vehicles[0]!.plate!)}`,
    );
    expect(res.statusCode).toBe(200);
    expect((res.json() as ViolationList).items).toEqual([]);
  });

  it('is refused the officer routes', async () => {
    expect((await citizen.get('/api/v1/registry/search?q=京A12345')).statusCode).toBe(403);
  });
});

async function plateNotOwnedByCitizen(): Promise<string> {
  const mine = ((await citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] }).items.map(
    (v) => v.plate,
  );
  const detail = (await officer.get(`/api/v1/persons/${await otherPersonId()}`)).json() as PersonDetail;
  const plate = detail.vehicles.map((v) => v.plate).find((p) => p && !mine.includes(p));
  if (!plate) throw new Error('fixture: no other plate');
  return plate;
}
async function otherPersonId(): Promise<string> {
  const c2 = await t.login('citizen2');
  const p = (await c2.get('/api/v1/me/person')).json() as { id: string };
  const vs = ((await c2.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] }).items;
  if (vs.length === 0) throw new Error('fixture: citizen2 has no vehicles');
  return p.id;
}

describe('officer lookup', () => {
  it('finds a vehicle by plate and by VIN, and a person by ID number', async () => {
    const vehicles = ((await citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] }).items;
    const v = vehicles[0]!;
    const byPlate = (
      await officer.get(`/api/v1/registry/search?q=${encodeURIComponent(v.plate!)}`)
    ).json() as SearchResult;
    expect(byPlate.kind).toBe('plate');
    expect(byPlate.vehicles.map((x) => x.id)).toEqual([v.id]);
    const byVin = (
      await officer.get(`/api/v1/registry/search?q=${v.vin.toLowerCase()}`)
    ).json() as SearchResult;
    expect(byVin.kind).toBe('vin');
    expect(byVin.vehicles[0]!.id).toBe(v.id);

    const revealed = (
      await officer.post(`/api/v1/persons/${v.ownerId}/reveal`, { purpose: '窗口核对身份' })
    ).json() as { idNumber: string; isMasked: boolean };
    expect(revealed.isMasked).toBe(false);
    expect(revealed.idNumber).toMatch(/^\d{17}[\dX]$/);
    const byId = (await officer.get(`/api/v1/registry/search?q=${revealed.idNumber}`)).json() as SearchResult;
    expect(byId.kind).toBe('id-number');
    expect(byId.persons[0]!.id).toBe(v.ownerId);
    expect(byId.persons[0]!.idNumber).not.toBe(revealed.idNumber);
  });

  it('audits a reveal with its purpose, and the supervisor cannot reveal', async () => {
    const v = ((await citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] }).items[0]!;
    const res = await supervisor.post(`/api/v1/persons/${v.ownerId}/reveal`, { purpose: 'curiosity check' });
    expect(res.statusCode).toBe(403);
    await officer.post(`/api/v1/persons/${v.ownerId}/reveal`, { purpose: '核对车主身份 #42' });
    const rows = await queryRows<{ details: { purpose: string } }>(
      t.app.ctx.db,
      sql`select action, details from audit_log where entity_id = ${v.ownerId} and action = 'person.reveal' order by seq desc limit 1`,
    );
    expect(rows[0]!.details.purpose).toBe('核对车主身份 #42');
  });

  it('answers an unknown search kindly, and a too-short query with a field error', async () => {
    expect(((await officer.get('/api/v1/registry/search?q=hello')).json() as SearchResult).kind).toBe(
      'unknown',
    );
    const bad = await officer.get('/api/v1/registry/search?q=x', { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('query.q');
  });

  it('decides an unhandled violation once: the points land on the licence, a second decision is refused', async () => {
    const list = (await citizen.get('/api/v1/me/violations?status=unhandled')).json() as ViolationList;
    const v = list.items.find((x) => x.points > 0) ?? list.items[0]!;
    const before = ((await citizen.get('/api/v1/me/licence')).json() as { licence: LicenceDto }).licence;
    const res = await officer.post(`/api/v1/violations/${v.id}/decide`);
    expect(res.statusCode).toBe(200);
    const decided = res.json() as ViolationDto;
    expect(decided.status).toBe('decided');
    expect(decided.decisionDate).toBe('2026-11-21');
    expect(decided.surchargeFen).toBe(0);
    const after = ((await citizen.get('/api/v1/me/licence')).json() as { licence: LicenceDto }).licence;
    if (v.vehicleId) expect(after.points - before.points).toBe(v.points);
    const again = await officer.post(`/api/v1/violations/${v.id}/decide`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ILLEGAL_TRANSITION');
    const detail = (await officer.get(`/api/v1/vehicles/${v.vehicleId}`)).json() as VehicleDetail;
    expect(detail.history.some((h) => h.action === 'violation.decide' && h.entityId === v.id)).toBe(true);
  });

  it('records a violation from the code table, refusing unknown codes and future times', async () => {
    const plate = ((await citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] }).items[0]!
      .plate!;
    const ok = await officer.post('/api/v1/violations', {
      code: '1625',
      occurredAt: '2026-11-20T08:15:00+08:00',
      place: '人民路与解放路口',
      plate,
    });
    expect(ok.statusCode).toBe(201);
    expect((ok.json() as ViolationDto).status).toBe('unhandled');
    expect((ok.json() as ViolationDto).points).toBe(6);
    const unknown = await officer.post('/api/v1/violations', {
      code: '99999',
      occurredAt: '2026-11-20T08:15:00+08:00',
      place: '人民路',
      plate,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].field).toBe('body.code');
    const future = await officer.post('/api/v1/violations', {
      code: '1625',
      occurredAt: '2027-01-01T08:15:00+08:00',
      place: '人民路',
      plate,
    });
    expect(future.json().fields[0].field).toBe('body.occurredAt');
  });

  it('registers a person with a valid ID number once; a bad check character is a field error', async () => {
    const body = { idNumber: '34052419800101001X', name: '测试人', phone: '13900001111' };
    const created = await officer.post('/api/v1/persons', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().idNumber).toBe('340***********001X');
    expect(created.json().phone).toBe('139****1111');
    expect((await officer.post('/api/v1/persons', body)).statusCode).toBe(409);
    const bad = await officer.post('/api/v1/persons', { ...body, idNumber: '340524198001010013' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('body.idNumber');
  });
});
