import { describe, expect, it } from 'vitest';
import {
  type CheckOutcome,
  checkItem,
  INSTANT,
  inspection,
  insurance,
  OFFICER,
  person,
  refused,
  reviewed,
  sale,
  snapshot,
  tax,
  vehicle,
} from '../fixtures.ts';
import type { SubjectSnapshot } from '../snapshot.ts';

type Row = [string, SubjectSnapshot, CheckOutcome];
const TAX = tax(2026, 'paid');

describe('INSPECT-LABEL (exempt car registered 2022-03, 4th-year label due 2026-03-31)', () => {
  const car = (extra: Partial<SubjectSnapshot> = {}) => snapshot({ partnerRecords: [TAX], ...extra });
  it.each<Row>([
    ['window open, registry insurance, tax paid → instant', car(), INSTANT],
    [
      'registry insurance lapsed, insurer record covers → instant',
      car({
        vehicle: vehicle({ insuranceUntil: '2026-01-01' }),
        partnerRecords: [TAX, insurance('2026-01-02', '2027-01-01')],
      }),
      INSTANT,
    ],
    ['no insurance', car({ vehicle: vehicle({ insuranceUntil: '2026-01-01' }) }), refused('insurance-valid')],
    ['tax not paid', snapshot(), refused('vehicle-tax-paid')],
    ['last year’s tax only', car({ partnerRecords: [tax(2025, 'paid')] }), refused('vehicle-tax-paid')],
    ['open violations (configurable gate)', car({ vehicleOpenViolations: 1 }), refused('no-open-violations')],
    [
      'van (not exempt)',
      car({ vehicle: vehicle({ vehicleType: 'van' }) }),
      refused('exempt-category', 'label-online-due'),
    ],
    [
      '6th year is on site',
      car({ vehicle: vehicle({ registrationDate: '2020-03-10' }) }),
      refused('label-online-due'),
    ],
    [
      'too early (due 2026-08-31)',
      car({ vehicle: vehicle({ registrationDate: '2022-08-10', inspectionValidUntil: '2026-08-31' }) }),
      refused('inspection-window'),
    ],
    [
      'overdue → officer',
      car({ vehicle: vehicle({ inspectionValidUntil: '2026-02-28' }) }),
      reviewed('not-overdue'),
    ],
    ['not the owner', car({ vehicle: vehicle({ ownedByApplicant: false }) }), refused('applicant-is-owner')],
    ['scrapped', car({ vehicle: vehicle({ status: 'scrapped' }) }), refused('vehicle-in-use')],
    ['mortgaged car may get its label', car({ vehicle: vehicle({ status: 'mortgaged' }) }), INSTANT],
  ])('%s', (_label, s, expected) => expect(checkItem('INSPECT-LABEL', s)).toEqual(expected));
});

describe('INSPECT-ONSITE (6th-year car)', () => {
  const sixth = vehicle({ registrationDate: '2020-03-10' });
  const car = (records = [TAX, inspection('2026-03-12', 'pass', '2026-06-12')]) =>
    snapshot({ vehicle: sixth, partnerRecords: records, channel: 'partner-outlet' });
  it.each<Row>([
    ['station result pass → instant label', car(), INSTANT],
    ['result not yet uploaded → waits', car([TAX]), OFFICER],
    [
      'station result fail → officer',
      car([TAX, inspection('2026-03-12', 'fail', '2026-06-12')]),
      reviewed('inspection-not-failed'),
    ],
    ['no tax', car([inspection('2026-03-12', 'pass', '2026-06-12')]), refused('vehicle-tax-paid')],
  ])('%s', (_label, s, expected) => expect(checkItem('INSPECT-ONSITE', s)).toEqual(expected));
});

describe('TRANSFER (applicant is the buyer)', () => {
  const buy = (extra: Partial<SubjectSnapshot> = {}, form: Record<string, string> = {}) =>
    snapshot({
      vehicle: vehicle({ ownedByApplicant: false }),
      form: { sellerName: '张三', transferDate: '2026-03-01', ...form },
      ...extra,
    });
  it.each<Row>([
    ['within 30 days → officer handles', buy(), OFFICER],
    ['exactly 30 days', buy({}, { transferDate: '2026-02-14' }), OFFICER],
    ['45 days after delivery → review', buy({}, { transferDate: '2026-01-30' }), reviewed('within-30-days')],
    ['delivery date in the future', buy({}, { transferDate: '2026-03-20' }), refused('delivery-date-valid')],
    ['no form answers', buy({ form: {} }), refused('seller-named', 'delivery-date-valid')],
    ['the owner applies', buy({ vehicle: vehicle() }), refused('applicant-is-new-owner')],
    [
      'mortgaged',
      buy({ vehicle: vehicle({ ownedByApplicant: false, status: 'mortgaged' }) }),
      refused('vehicle-status-normal'),
    ],
    [
      'seized',
      buy({ vehicle: vehicle({ ownedByApplicant: false, status: 'seized' }) }),
      refused('vehicle-status-normal'),
    ],
    ['open violations', buy({ vehicleOpenViolations: 2 }), refused('no-open-violations')],
    [
      'insurance lapsed → review',
      buy({ vehicle: vehicle({ ownedByApplicant: false, insuranceUntil: '2026-01-01' }) }),
      reviewed('insurance-valid'),
    ],
    [
      'unknown vehicle',
      buy({ vehicle: null }),
      { ...refused('vehicle-on-record', 'vehicle-status-normal'), review: ['insurance-valid'] },
    ],
  ])('%s', (_label, s, expected) => expect(checkItem('TRANSFER', s)).toEqual(expected));
});

describe('NEW-REG (dealer outlet)', () => {
  const VIN = 'LSVAU2180N2000099';
  const newCar = (extra: Partial<SubjectSnapshot> = {}) =>
    snapshot({
      channel: 'partner-outlet',
      vehicle: null,
      form: { vin: VIN },
      partnerRecords: [sale(VIN)],
      ...extra,
    });
  it.each<Row>([
    ['sale on record → officer decides', newCar(), OFFICER],
    ['no sale record', newCar({ partnerRecords: [] }), refused('sale-on-record')],
    ['VIN already registered', newCar({ vehicle: vehicle({ vin: VIN }) }), refused('not-yet-registered')],
    [
      'no VIN known (the server puts the subject VIN into the form)',
      newCar({ form: {} }),
      refused('sale-on-record'),
    ],
    [
      'VIN in the form differs from the sale',
      newCar({ form: { vin: 'LSVAU2180N2000098' } }),
      refused('sale-on-record'),
    ],
    ['online is not a channel', newCar({ channel: 'online' }), refused()],
    ['at a window', newCar({ channel: 'window' }), OFFICER],
  ])('%s', (_label, s, expected) => expect(checkItem('NEW-REG', s)).toEqual(expected));
});

describe('PLATE-SELECT', () => {
  const VIN = 'LSVAU2180N2000099';
  const newCar = (extra: Partial<SubjectSnapshot> = {}) =>
    snapshot({ vehicle: null, form: { vin: VIN }, partnerRecords: [sale(VIN)], ...extra });
  it.each<Row>([
    ['new car with a sale record → instant', newCar(), INSTANT],
    ['owner of a registered car → instant', snapshot(), INSTANT],
    [
      'selected 3 months ago',
      newCar({ priorCases: [{ itemCode: 'PLATE-SELECT', state: 'completed', submittedOn: '2025-12-16' }] }),
      refused('yearly-limit'),
    ],
    [
      'selected 13 months ago',
      newCar({ priorCases: [{ itemCode: 'PLATE-SELECT', state: 'completed', submittedOn: '2025-02-16' }] }),
      INSTANT,
    ],
    ['no sale and no vehicle', newCar({ partnerRecords: [] }), refused('has-vehicle')],
    [
      'phone-level account online',
      newCar({ applicant: person({ realNameLevel: 'phone' }) }),
      refused('real-name-online'),
    ],
  ])('%s', (_label, s, expected) => expect(checkItem('PLATE-SELECT', s)).toEqual(expected));
});

describe('PLATE-REPLACE', () => {
  const lost = (what: string, extra: Partial<SubjectSnapshot> = {}) =>
    snapshot({ form: { lostWhat: what }, ...extra });
  it.each<Row>([
    ['vehicle licence only → instant', lost('vehicle-licence'), INSTANT],
    ['plates → officer', lost('plate'), reviewed('plate-reviewed')],
    ['both → officer', lost('both'), reviewed('plate-reviewed')],
    [
      'seized vehicle',
      lost('vehicle-licence', { vehicle: vehicle({ status: 'seized' }) }),
      refused('vehicle-in-use'),
    ],
    [
      'not the owner',
      lost('vehicle-licence', { vehicle: vehicle({ ownedByApplicant: false }) }),
      refused('applicant-is-owner'),
    ],
  ])('%s', (_label, s, expected) => expect(checkItem('PLATE-REPLACE', s)).toEqual(expected));
});

describe('mortgage and scrapping', () => {
  const mortgage = { mortgagee: '某银行', contractNumber: 'M-1' };
  it.each<[string, string, SubjectSnapshot, CheckOutcome]>([
    ['MORTGAGE-REG', 'normal vehicle', snapshot({ form: mortgage }), OFFICER],
    [
      'MORTGAGE-REG',
      'already mortgaged',
      snapshot({ form: mortgage, vehicle: vehicle({ status: 'mortgaged' }) }),
      refused('vehicle-status-normal'),
    ],
    ['MORTGAGE-REG', 'no mortgagee', snapshot(), refused('mortgagee-named')],
    [
      'MORTGAGE-RELEASE',
      'mortgaged vehicle',
      snapshot({ vehicle: vehicle({ status: 'mortgaged' }) }),
      OFFICER,
    ],
    ['MORTGAGE-RELEASE', 'not mortgaged', snapshot(), refused('vehicle-mortgaged')],
    ['SCRAP-DEREG', 'normal vehicle', snapshot(), OFFICER],
    [
      'SCRAP-DEREG',
      'reached scrapping status',
      snapshot({ vehicle: vehicle({ status: 'scrapped' }) }),
      OFFICER,
    ],
    [
      'SCRAP-DEREG',
      'mortgaged',
      snapshot({ vehicle: vehicle({ status: 'mortgaged' }) }),
      refused('not-encumbered'),
    ],
    [
      'SCRAP-DEREG',
      'seized',
      snapshot({ vehicle: vehicle({ status: 'seized' }) }),
      refused('not-encumbered'),
    ],
    ['SCRAP-DEREG', 'open violations', snapshot({ vehicleOpenViolations: 1 }), refused('no-open-violations')],
    [
      'SCRAP-DEREG',
      'not the owner',
      snapshot({ vehicle: vehicle({ ownedByApplicant: false }) }),
      refused('applicant-is-owner'),
    ],
  ])('%s: %s', (code, _label, s, expected) => expect(checkItem(code, s)).toEqual(expected));
});
