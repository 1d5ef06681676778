import { type CaseDetail, vinCheckDigit } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { drive, idNumberOf, partnerSecret, personIdOf } from '../support/cases.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

/** New-car registration filed by a dealer outlet (合作网点): the sale and the policy come as data. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** A VIN with a correct check digit that is not on the register. */
function newVin(serial: number): string {
  const draft = `LFV3A23C${'0'}M${String(serial).padStart(7, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}

describe('new-car registration through the dealer', () => {
  it('the dealer files the case, an officer registers the car, and the buyer owns it', async () => {
    const vin = newVin(4_301_001);
    const buyerId = await idNumberOf(t, 'citizen3');
    const dealer = t.bearer(partnerSecret(t, 'dealer-sale'));
    const sale = await dealer.post('/api/v1/partner/vehicle-sales', {
      records: [
        {
          reference: `INV-${vin}`,
          vin,
          buyerIdNumber: buyerId,
          saleDate: '2026-11-20',
          brand: '比亚迪',
          model: '海豹',
          vehicleType: 'small-passenger',
          energyType: 'bev',
          seats: 5,
          colour: '蓝色',
          priceFen: 18_980_000,
          certificateNumber: `WAC${vin.slice(-8)}`,
        },
      ],
    });
    expect(sale.statusCode, sale.body).toBe(200);
    const policy = await t
      .bearer(partnerSecret(t, 'insurer-policy'))
      .post('/api/v1/partner/insurance-policies', {
        records: [
          {
            reference: `POL-${vin}`,
            vin,
            insurer: '示范保险',
            startDate: '2026-11-20',
            endDate: '2027-11-19',
          },
        ],
      });
    expect(policy.statusCode, policy.body).toBe(200);

    const filed = await dealer.post('/api/v1/partner/cases', {
      applicantIdNumber: buyerId,
      itemCode: 'NEW-REG',
      subject: { vin },
      form: {},
      delivery: 'post',
      deliveryAddress: '示范市西岭区学府路8号',
      // The dealer hands in what only it holds on paper: the purchase-tax proof and its checker's record.
      provided: ['purchase-tax', 'vehicle-check'],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const [row] = await queryRows<{ id: string; channel: string; outlet: string; handling: string }>(
      t.app.ctx.db,
      sql`SELECT c.id, c.channel, o.code AS outlet, h.code AS handling FROM cases c
          JOIN offices o ON o.id = c.outlet_id JOIN offices h ON h.id = c.handling_office_id
          WHERE c.subject_label = ${vin}`,
    );
    expect(row).toMatchObject({ channel: 'partner-outlet', outlet: 'OT04', handling: 'BR03' });
    const detail = (await (await t.login('officer4')).get(`/api/v1/cases/${row!.id}`)).json() as CaseDetail;
    const supplied = detail.check.materials.filter((m) => m.supplier === 'dealer-sale');
    expect(supplied.length).toBeGreaterThan(0);
    for (const m of supplied) expect(m.state).toBe('supplied');

    const done = await drive(await t.login('officer4'), row!.id, ['accept', 'review', 'approve']);
    expect(done.status).toBe('approved');
    const [vehicle] = await queryRows<{ owner_id: string; plate: string | null; energy_type: string }>(
      t.app.ctx.db,
      sql`SELECT owner_id, plate, energy_type FROM vehicles WHERE vin = ${vin}`,
    );
    expect(vehicle).toMatchObject({
      owner_id: await personIdOf(t, 'citizen3'),
      plate: null,
      energy_type: 'bev',
    });
  });

  it('a VIN already on the register is refused before a case is opened; a dealer files only cars it sold', async () => {
    const [v] = await queryRows<{ vin: string }>(
      t.app.ctx.db,
      sql`SELECT vin FROM vehicles ORDER BY vin LIMIT 1`,
    );
    const body = {
      applicantIdNumber: await idNumberOf(t, 'citizen3'),
      itemCode: 'NEW-REG',
      subject: { vin: v!.vin },
      form: {},
      delivery: 'collect',
    };
    expect((await (await t.login('officer1')).post('/api/v1/cases', body)).statusCode).toBe(422);
    const dealer = t.bearer(partnerSecret(t, 'dealer-sale'));
    expect((await dealer.post('/api/v1/partner/cases', body)).statusCode).toBe(403);
    const [p] = await queryRows<{ plate: string }>(
      t.app.ctx.db,
      sql`SELECT plate FROM vehicles WHERE plate IS NOT NULL LIMIT 1`,
    );
    const scrap = { ...body, itemCode: 'SCRAP-DEREG', subject: { plate: p!.plate } };
    expect((await dealer.post('/api/v1/partner/cases', scrap)).statusCode).toBe(403);
  });

  it('a car sold to one person cannot be registered or given a plate by another', async () => {
    const vin = newVin(4_301_003);
    const dealer = t.bearer(partnerSecret(t, 'dealer-sale'));
    const sold = await dealer.post('/api/v1/partner/vehicle-sales', {
      records: [
        {
          reference: `INV-${vin}`,
          vin,
          buyerIdNumber: await idNumberOf(t, 'citizen3'),
          saleDate: '2026-11-20',
          brand: '吉利',
          model: '银河E5',
          vehicleType: 'small-passenger',
          energyType: 'bev',
          seats: 5,
          colour: '白色',
          priceFen: 10_980_000,
          certificateNumber: `WAC${vin.slice(-8)}`,
        },
      ],
    });
    expect(sold.statusCode, sold.body).toBe(200);
    const other = await t.login('citizen1');
    const plateSelect = await other.post('/api/v1/me/cases/precheck', {
      itemCode: 'PLATE-SELECT',
      subject: { vin },
      form: {},
    });
    expect((plateSelect.json() as { check: { eligible: boolean } }).check.eligible).toBe(false);
    const atWindow = await (await t.login('officer1')).post('/api/v1/cases', {
      applicantIdNumber: await idNumberOf(t, 'citizen1'),
      itemCode: 'NEW-REG',
      subject: { vin },
      form: {},
      delivery: 'collect',
      provided: ['purchase-tax', 'vehicle-check'],
    });
    expect(atWindow.statusCode).toBe(422);
  });

  it('only a dealer files cases through the partner route', async () => {
    const res = await t.bearer(partnerSecret(t, 'hospital-medical')).post('/api/v1/partner/cases', {
      applicantIdNumber: await idNumberOf(t, 'citizen3'),
      itemCode: 'NEW-REG',
      subject: { vin: newVin(4_301_002) },
      form: {},
      delivery: 'collect',
    });
    expect(res.statusCode).toBe(403);
  });
});
