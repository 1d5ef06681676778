import { describe, expect, it } from 'vitest';
import { deriveFacts, FACTS, isKnownFact } from './facts.ts';
import {
  exam,
  inspection,
  insurance,
  licence,
  medical,
  person,
  sale,
  snapshot,
  tax,
  theoryTest,
  vehicle,
  violation,
} from './fixtures.ts';
import type { FactValue } from './predicate.ts';
import type { SnapshotPriorCase } from './snapshot.ts';

const typeOf = (v: FactValue): string => (Array.isArray(v) ? 'string[]' : typeof v);

describe('FACTS catalogue', () => {
  it('names are unique and every derived fact is catalogued with its declared type (or null)', () => {
    const names = FACTS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    const facts = deriveFacts(
      snapshot({ violation: violation(), form: { phone: '13800000000' } }),
      'DL-RENEW',
    );
    for (const def of FACTS) {
      expect(facts, def.name).toHaveProperty([def.name]);
      const value = facts[def.name]!;
      if (value !== null) expect(typeOf(value), def.name).toBe(def.type);
    }
    for (const key of Object.keys(facts)) expect(isKnownFact(key), key).toBe(true);
    expect(facts['form.phone']).toBe('13800000000');
  });

  it('every catalogued fact has zh and en labels', () => {
    for (const f of FACTS) expect(f.label.zh.length * f.label.en.length, f.name).toBeGreaterThan(0);
  });

  it.each([
    ['form.sellerName', true],
    ['form.9x', false],
    ['licence.exists', true],
    ['licence.nope', false],
    ['data.study-exam', true],
  ])('isKnownFact(%s) = %s', (name, known) => expect(isKnownFact(name)).toBe(known));

  it('absent subjects give false / null / [] and data.registry is always true', () => {
    const f = deriveFacts(snapshot({ applicant: null, licence: null, vehicle: null }));
    expect(f).toMatchObject({
      'applicant.exists': false,
      'applicant.age': null,
      'licence.exists': false,
      'licence.status': null,
      'licence.classes': [],
      'points.allowanceLeft': 0,
      'vehicle.exists': false,
      'vehicle.ownedByApplicant': false,
      'vehicle.inspectionCategory': null,
      'violation.exists': false,
      'data.registry': true,
      'case.openSameItem': false,
    });
  });
});

describe('licence renewal state (renewalStatus) on 2026-03-16', () => {
  it.each<[string | null, string, number | null]>([
    ['2030-05-10', 'valid', 1516],
    ['2026-05-10', 'renewal-window', 55],
    ['2026-03-16', 'renewal-window', 0],
    ['2025-12-01', 'expired-renewable', null],
    ['2024-01-10', 'expired-needs-theory-test', null],
    ['2022-01-01', 'expired-unrecoverable', null],
    [null, 'long-term', null],
  ])('validUntil %s → %s', (validUntil, state, days) => {
    const f = deriveFacts(snapshot({ licence: licence({ validUntil }) }));
    expect(f['licence.renewalState']).toBe(state);
    expect(f['licence.daysToExpiry']).toBe(days);
  });

  it('a theory test counts only when passed after expiry', () => {
    const expired = licence({ validUntil: '2024-01-10' });
    const run = (records: ReturnType<typeof theoryTest>[]) =>
      deriveFacts(snapshot({ licence: expired, partnerRecords: records }))['licence.theoryTestPassed'];
    expect(run([theoryTest('2026-03-01', true)])).toBe(true);
    expect(run([theoryTest('2026-03-01', false)])).toBe(false);
    expect(run([theoryTest('2023-12-01', true)])).toBe(false);
  });
});

describe('insurance: registry copy or insurer record covering today', () => {
  it.each([
    ['registry until 2026-09-30', '2026-09-30', [], true, true, false],
    ['registry ends today', '2026-03-16', [], true, true, false],
    ['registry expired, no record', '2026-01-01', [], false, false, false],
    [
      'registry expired, insurer covers',
      '2026-01-01',
      [insurance('2026-01-02', '2027-01-01')],
      false,
      true,
      true,
    ],
    ['no registry date, insurer covers', null, [insurance('2025-06-01', '2026-05-31')], false, true, true],
    ['insurer policy ended', null, [insurance('2025-01-01', '2025-12-31')], false, false, false],
    ['insurer policy not started', null, [insurance('2026-04-01', '2027-03-31')], false, false, false],
  ])('%s', (_label, insuranceUntil, records, onRegistry, valid, insurerData) => {
    const f = deriveFacts(snapshot({ vehicle: vehicle({ insuranceUntil }), partnerRecords: records }));
    expect(f['vehicle.insuranceOnRegistry']).toBe(onRegistry);
    expect(f['vehicle.insuranceValid']).toBe(valid);
    expect(f['data.insurer-policy']).toBe(insurerData);
  });
});

describe('vehicle tax: paid or exempt for the current year', () => {
  it.each([
    [[tax(2026, 'paid')], true],
    [[tax(2026, 'exempt')], true],
    [[tax(2026, 'unpaid')], false],
    [[tax(2025, 'paid')], false],
    [[tax(2025, 'paid'), tax(2026, 'paid')], true],
    [[], false],
  ])('%#', (records, paid) => {
    const f = deriveFacts(snapshot({ partnerRecords: records }));
    expect(f['vehicle.taxPaid']).toBe(paid);
    expect(f['data.tax-payment']).toBe(paid);
  });
});

describe('medical and inspection results', () => {
  it.each([
    ['current pass', [medical('2026-02-01', 'pass', '2026-08-01')], 'pass', true],
    ['current fail', [medical('2026-02-01', 'fail', '2026-08-01')], 'fail', false],
    ['expired pass', [medical('2025-06-01', 'pass', '2025-12-01')], null, false],
    ['no validUntil: exam + 6 months', [medical('2025-10-01', 'pass', null)], 'pass', true],
    ['no validUntil, too old', [medical('2025-09-01', 'pass', null)], null, false],
    [
      'newer fail supersedes an older pass',
      [
        medical('2026-03-01', 'fail', '2026-09-01', '2026-03-02T09:00:00+08:00'),
        medical('2026-01-05', 'pass', '2026-07-05', '2026-01-06T09:00:00+08:00'),
      ],
      'fail',
      false,
    ],
  ])('medical: %s', (_label, records, latest, data) => {
    const f = deriveFacts(snapshot({ partnerRecords: records }));
    expect(f['medical.latestResult']).toBe(latest);
    expect(f['data.hospital-medical']).toBe(data);
  });

  it.each([
    [[inspection('2026-03-10', 'pass', '2026-06-10')], 'pass', true],
    [[inspection('2026-03-10', 'fail', '2026-06-10')], 'fail', false],
    [[inspection('2025-11-01', 'pass', null)], null, false],
  ])('inspection %#', (records, latest, data) => {
    const f = deriveFacts(snapshot({ partnerRecords: records }));
    expect(f['inspection.latestResult']).toBe(latest);
    expect(f['data.inspection-result']).toBe(data);
  });
});

describe('points: cycle 2025-05-10 … 2026-05-09', () => {
  const reduction = (
    submittedOn: string,
    pointsReduced: number,
    state: SnapshotPriorCase['state'] = 'completed',
  ) => ({
    itemCode: 'POINT-REDUCE',
    state,
    submittedOn,
    pointsReduced,
  });
  it.each<[string, number, SnapshotPriorCase[], number, number, boolean]>([
    ['none reduced', 4, [], 0, 4, false],
    ['3 reduced this cycle', 4, [reduction('2025-12-01', 3)], 3, 3, false],
    ['cap reached', 9, [reduction('2025-06-01', 2), reduction('2026-01-10', 4)], 6, 0, false],
    ['previous cycle does not count', 4, [reduction('2025-05-09', 5)], 0, 4, false],
    ['withdrawn does not count', 4, [reduction('2026-01-10', 2, 'withdrawn')], 0, 4, false],
    ['cannot store in advance', 1, [], 0, 1, false],
    ['no points, nothing to reduce', 0, [], 0, 0, false],
    ['full score', 12, [], 0, 0, true],
  ])('%s', (_label, points, priorCases, reduced, left, full) => {
    const f = deriveFacts(snapshot({ licence: licence({ points }), priorCases }));
    expect(f['points.reducedThisCycle']).toBe(reduced);
    expect(f['points.allowanceLeft']).toBe(left);
    expect(f['licence.fullScore']).toBe(full);
  });

  it.each([
    ['12 points inside the last three cycles', '2023-06-01', 12, true],
    ['12 points before them', '2023-05-09', 12, false],
    ['6 points', '2025-06-01', 6, false],
  ])('serious offence: %s', (_label, day, points, serious) => {
    const f = deriveFacts(
      snapshot({ driverViolations: [violation({ occurredAt: `${day}T10:00:00+08:00`, points })] }),
    );
    expect(f['points.seriousOffenceRecent']).toBe(serious);
  });

  it.each([
    [[exam('2026-02-01', true, 2)], true, 2],
    [[exam('2026-02-01', false)], false, 0],
    [[exam('2025-05-01', true)], false, 0],
  ])('study exam %#', (records, data, earned) => {
    const f = deriveFacts(snapshot({ licence: licence({ points: 3 }), partnerRecords: records }));
    expect(f['data.study-exam']).toBe(data);
    expect(f['points.examPointsEarned']).toBe(earned);
  });
});

describe('licence classes and the 70+ certificate', () => {
  const senior = person({ birthDate: '1950-01-01' });
  // first issued 2000-03-01: the cycle ended 2026-02-28, submission window 2026-03-01 … 2026-03-30
  it.each<[string, string, string[], boolean, boolean]>([
    ['70+ C1 inside the window', '2026-03-16', ['C1'], true, true],
    ['70+ C1 on the last day', '2026-03-30', ['C1'], true, true],
    ['70+ C1 after the window', '2026-03-31', ['C1'], true, false],
    ['70+ C2', '2026-03-16', ['C2'], true, true],
    ['70+ motorcycle only', '2026-03-16', ['E'], false, false],
  ])('%s', (_label, today, classes, small, due) => {
    const f = deriveFacts(
      snapshot({
        today,
        applicant: senior,
        licence: licence({ firstIssueDate: '2000-03-01', classes: classes as never }),
      }),
    );
    expect(f['licence.hasSmallCarClass']).toBe(small);
    expect(f['licence.seniorCheckDue']).toBe(due);
  });

  it('a 60-year-old is never due', () => {
    const f = deriveFacts(
      snapshot({
        applicant: person({ birthDate: '1966-01-01' }),
        licence: licence({ firstIssueDate: '2000-03-01' }),
      }),
    );
    expect(f['licence.seniorCheckDue']).toBe(false);
  });

  it.each([
    ['B2 at 66', '1960-01-01', ['B2'], true, true],
    ['B2 at 40', '1985-06-15', ['B2'], true, false],
    ['C1 at 66', '1960-01-01', ['C1'], false, false],
  ])('%s', (_label, birthDate, classes, large, over) => {
    const f = deriveFacts(
      snapshot({ applicant: person({ birthDate }), licence: licence({ classes: classes as never }) }),
    );
    expect(f['licence.hasLargeClass']).toBe(large);
    expect(f['licence.overAgeLimit']).toBe(over);
  });
});

describe('vehicle inspection facts (2022 reform)', () => {
  it.each([
    ['exempt car, 4th-year label', vehicle(), 'exempt-private-car', 'label-online', 'window-open', true, 48],
    [
      '6th-year on-site',
      vehicle({ registrationDate: '2020-03-10' }),
      'exempt-private-car',
      'on-site',
      'window-open',
      true,
      72,
    ],
    [
      'van is not exempt',
      vehicle({ vehicleType: 'van' }),
      'private-small-car',
      'on-site',
      'window-open',
      true,
      48,
    ],
    [
      'not yet in the window',
      vehicle({ inspectionValidUntil: '2026-07-31' }),
      'exempt-private-car',
      'on-site',
      'valid',
      false,
      48,
    ],
    [
      'overdue',
      vehicle({ inspectionValidUntil: '2026-02-28' }),
      'exempt-private-car',
      'label-online',
      'overdue',
      true,
      48,
    ],
    [
      'validity from schedule',
      vehicle({ inspectionValidUntil: null }),
      'exempt-private-car',
      'label-online',
      'window-open',
      true,
      48,
    ],
  ])('%s', (_label, v, category, action, status, open, age) => {
    const f = deriveFacts(snapshot({ vehicle: v }));
    expect(f['vehicle.inspectionCategory']).toBe(category);
    expect(f['vehicle.nextInspectionAction']).toBe(action);
    expect(f['vehicle.inspectionStatus']).toBe(status);
    expect(f['vehicle.inspectionWindowOpen']).toBe(open);
    expect(f['vehicle.ageMonths']).toBe(age);
  });

  it('isNev follows the energy type', () => {
    expect(deriveFacts(snapshot({ vehicle: vehicle({ energyType: 'bev' }) }))['vehicle.isNev']).toBe(true);
    expect(deriveFacts(snapshot({ vehicle: vehicle({ energyType: 'hybrid' }) }))['vehicle.isNev']).toBe(
      false,
    );
  });
});

describe('cases, plates, sales, transfers, violations', () => {
  it('plate selections: last 365 days, not withdrawn or rejected', () => {
    const c = (submittedOn: string, state: SnapshotPriorCase['state']): SnapshotPriorCase => ({
      itemCode: 'PLATE-SELECT',
      state,
      submittedOn,
    });
    const f = deriveFacts(
      snapshot({
        priorCases: [
          c('2025-06-01', 'completed'),
          c('2025-03-16', 'completed'),
          c('2025-09-01', 'withdrawn'),
          c('2025-10-01', 'rejected'),
          c('2026-03-01', 'approved'),
        ],
      }),
    );
    expect(f['plate.selectionsThisYear']).toBe(2);
  });

  it.each<[string | undefined, SnapshotPriorCase['state'], boolean]>([
    ['DL-RENEW', 'accepted', true],
    ['DL-RENEW', 'correction-requested', true],
    ['DL-RENEW', 'completed', false],
    ['DL-LOST', 'accepted', false],
    [undefined, 'accepted', false],
  ])('openSameItem for %s with a DL-RENEW case %s → %s', (code, state, open) => {
    const f = deriveFacts(
      snapshot({ priorCases: [{ itemCode: 'DL-RENEW', state, submittedOn: '2026-03-01' }] }),
      code,
    );
    expect(f['case.openSameItem']).toBe(open);
  });

  it.each([
    [{ vin: 'lsvau2180n2000099' }, null, true],
    [{ vin: 'LSVAU2180N2000098' }, null, false],
    [{}, null, false], // no VIN known: no sale (the server puts a new vehicle's VIN into the form)
    [{}, vehicle({ vin: 'LSVAU2180N2000099' }), true],
  ])('sale.exists %#', (form, v, exists) => {
    const f = deriveFacts(snapshot({ form, vehicle: v, partnerRecords: [sale('LSVAU2180N2000099')] }));
    expect(f['sale.exists']).toBe(exists);
    expect(f['data.dealer-sale']).toBe(exists);
  });

  it.each([
    ['2026-03-01', 15],
    ['2026-03-20', -4],
    ['2026-02-30', null],
  ])('transfer date %s → %s days', (transferDate, days) => {
    expect(deriveFacts(snapshot({ form: { transferDate } }))['transfer.daysSinceDelivery']).toBe(days);
  });

  it('violation facts: driver, points, full score', () => {
    const v = violation({ points: 3 });
    const f = deriveFacts(
      snapshot({
        violation: v,
        driverViolations: [v],
        vehicle: vehicle({ ownedByApplicant: false }),
        licence: licence({ points: 9 }),
      }),
    );
    expect(f).toMatchObject({
      'violation.exists': true,
      'violation.status': 'unhandled',
      'violation.points': 3,
      'violation.applicantIsDriver': true,
      'violation.wouldReachFullScore': true,
    });
    const g = deriveFacts(
      snapshot({ violation: violation({ points: 0 }), licence: licence({ points: 11 }) }),
    );
    expect(g['violation.applicantIsDriver']).toBe(false);
    expect(g['violation.wouldReachFullScore']).toBe(false);
  });
});
