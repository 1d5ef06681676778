import { describe, expect, it } from 'vitest';
import {
  INSPECTION_RULES,
  type InspectionVehicle,
  inspectionDue,
  inspectionDuePoints,
  inspectionStatus,
  insuranceStatus,
} from './inspection.ts';
import { ruleAt } from './rule-set.ts';

const car = (registrationDate: string, extra: Partial<InspectionVehicle> = {}): InspectionVehicle => ({
  registrationDate,
  useType: 'non-operating',
  vehicleType: 'small-passenger',
  seats: 5,
  ...extra,
});

describe('inspectionDue — private small car after the 2022 reform (registered 2020-05-15)', () => {
  it.each([
    ['2022-01-10', '2022-05-31', 'label-online'],
    ['2022-05-31', '2022-05-31', 'label-online'],
    ['2022-06-01', '2024-05-31', 'label-online'],
    ['2025-01-01', '2026-05-31', 'on-site'],
    ['2026-06-01', '2028-05-31', 'label-online'],
    ['2028-06-01', '2030-05-31', 'on-site'],
    ['2030-06-01', '2031-05-31', 'on-site'],
    ['2035-01-01', '2035-05-31', 'on-site'],
    ['2035-06-01', '2035-11-30', 'on-site'],
    ['2035-12-01', '2036-05-31', 'on-site'],
  ])('on %s → due %s, %s', (onDate, nextDueDate, action) => {
    expect(inspectionDue(car('2020-05-15'), onDate)).toMatchObject({
      nextDueDate,
      action,
      exempt: action === 'label-online',
    });
  });
});

describe('inspectionDue — other vehicles and older rules', () => {
  it.each<[string, InspectionVehicle, string, string, string]>([
    [
      'van (excluded from exemption)',
      car('2020-05-15', { vehicleType: 'van' }),
      '2025-01-01',
      '2026-05-31',
      'private-small-car',
    ],
    [
      'van at 8 years is yearly',
      car('2020-05-15', { vehicleType: 'van' }),
      '2026-06-01',
      '2027-05-31',
      'private-small-car',
    ],
    [
      '10 seats is out of scope',
      car('2020-05-15', { seats: 10 }),
      '2026-06-01',
      '2027-05-31',
      'private-small-car',
    ],
    [
      'excluded after an injury accident',
      car('2020-05-15', { exemptionExcluded: true }),
      '2022-01-01',
      '2022-05-31',
      'private-small-car',
    ],
    [
      'operating taxi yearly',
      car('2020-05-15', { useType: 'operating' }),
      '2021-06-01',
      '2022-05-31',
      'operating-passenger',
    ],
    [
      'operating taxi half-yearly after 5 y',
      car('2020-05-15', { useType: 'operating' }),
      '2025-06-01',
      '2025-11-30',
      'operating-passenger',
    ],
    [
      'truck yearly',
      car('2020-05-15', { vehicleType: 'truck', seats: 3 }),
      '2021-06-01',
      '2022-05-31',
      'large-or-truck',
    ],
    [
      'private large bus yearly',
      car('2020-05-15', { vehicleType: 'large-passenger', seats: 40 }),
      '2020-06-01',
      '2021-05-31',
      'large-or-truck',
    ],
    [
      'motorcycle every 2 y',
      car('2020-05-15', { vehicleType: 'motorcycle', seats: 2 }),
      '2020-06-01',
      '2022-05-31',
      'motorcycle',
    ],
    [
      'motorcycle yearly after 4 y',
      car('2020-05-15', { vehicleType: 'motorcycle', seats: 2 }),
      '2024-06-01',
      '2025-05-31',
      'motorcycle',
    ],
    [
      'tractor yearly',
      car('2020-05-15', { vehicleType: 'tractor', seats: 1 }),
      '2020-06-01',
      '2021-05-31',
      'other',
    ],
  ])('%s', (_name, vehicle, onDate, nextDueDate, category) => {
    expect(inspectionDue(vehicle, onDate)).toMatchObject({
      nextDueDate,
      category,
      action: 'on-site',
      exempt: false,
    });
  });

  it.each([
    ['2019-01-01', 5, '2019-05-31', 'on-site', 'exempt-private-car'],
    ['2019-01-01', 7, '2019-05-31', 'on-site', 'private-small-car'],
    ['2021-01-01', 7, '2021-05-31', 'on-site', 'exempt-private-car'],
  ])('registered 2013-05-15 (%s, %i seats): next %s %s', (onDate, seats, nextDueDate, action, category) => {
    expect(inspectionDue(car('2013-05-15', { seats }), onDate)).toMatchObject({
      nextDueDate,
      action,
      category,
    });
  });

  it('before 2014-09 every private car followed Art. 16 (on-site every 2 years)', () => {
    expect(inspectionDue(car('2011-05-15'), '2012-01-01')).toMatchObject({
      nextDueDate: '2013-05-31',
      action: 'on-site',
      category: 'private-small-car',
    });
  });

  it('before 2022-10 the 2014 scheme made years 7–15 yearly', () => {
    expect(inspectionDue(car('2014-05-15'), '2021-06-01')).toMatchObject({
      nextDueDate: '2022-05-31',
      action: 'on-site',
    });
    expect(inspectionDue(car('2014-05-15'), '2022-10-01')).toMatchObject({
      nextDueDate: '2024-05-31',
      action: 'on-site',
    });
  });

  it('2022 schedule has exactly two on-site points in the first 10 years', () => {
    const bands = ruleAt(INSPECTION_RULES, '2023-01-01').value.schedules['exempt-private-car'];
    const first = [...inspectionDuePoints(bands, 120)];
    expect(first).toEqual([
      { month: 24, action: 'label-online' },
      { month: 48, action: 'label-online' },
      { month: 72, action: 'on-site' },
      { month: 96, action: 'label-online' },
      { month: 120, action: 'on-site' },
    ]);
  });
});

describe('inspectionStatus (valid until 2026-05-31)', () => {
  it.each([
    ['2026-02-28', 'valid'],
    ['2026-03-01', 'window-open'],
    ['2026-05-31', 'window-open'],
    ['2026-06-01', 'overdue'],
  ])('on %s → %s', (today, expected) => expect(inspectionStatus('2026-05-31', today)).toBe(expected));

  it.each([
    ['2025-12-31', '2026-03-15', 'valid'],
    ['2026-01-01', '2026-03-15', 'window-open'],
    ['2025-12-31', '2026-02-28', 'window-open'],
    ['2025-10-31', '2026-01-31', 'valid'],
    ['2025-11-01', '2026-01-31', 'window-open'],
  ])('on %s with validity %s → %s (month-based window)', (today, until, expected) => {
    expect(inspectionStatus(until, today)).toBe(expected);
  });
});

describe('insuranceStatus (covered through 2025-09-30)', () => {
  it.each([
    ['2025-08-30', 'valid'],
    ['2025-08-31', 'expiring'],
    ['2025-09-30', 'expiring'],
    ['2025-10-01', 'expired'],
  ])('on %s → %s', (today, expected) => expect(insuranceStatus('2025-09-30', today)).toBe(expected));
});
