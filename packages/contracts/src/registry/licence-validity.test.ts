import { describe, expect, it } from 'vitest';
import {
  isSeventyPlusAnnualCheckDue,
  nextValidityTier,
  type RenewalStatus,
  renewalStatus,
  type ValidityTier,
  validUntilFor,
} from './licence-validity.ts';

describe('nextValidityTier', () => {
  it.each<[ValidityTier, boolean, ValidityTier]>([
    ['6y', false, '10y'],
    ['6y', true, '6y'],
    ['10y', false, 'long'],
    ['10y', true, '10y'],
    ['long', false, 'long'],
    ['long', true, 'long'],
  ])('%s, full score %s → %s', (current, full, expected) =>
    expect(nextValidityTier(current, full)).toBe(expected),
  );
});

describe('validUntilFor', () => {
  it.each<[string, ValidityTier, string | null]>([
    ['2020-03-15', '6y', '2026-03-15'],
    ['2020-03-15', '10y', '2030-03-15'],
    ['2020-02-29', '6y', '2026-02-28'],
    ['2010-07-01', '6y', '2016-07-01'],
    ['2020-03-15', 'long', null],
  ])('issued %s, %s → %s', (issued, tier, expected) => expect(validUntilFor(issued, tier)).toBe(expected));
});

describe('renewalStatus (valid until 2026-03-15)', () => {
  const until = '2026-03-15';
  it.each<[string, RenewalStatus]>([
    ['2025-12-14', { state: 'valid', daysToExpiry: 91 }],
    ['2025-12-15', { state: 'renewal-window', daysToExpiry: 90 }],
    ['2026-03-15', { state: 'renewal-window', daysToExpiry: 0 }],
    ['2026-03-16', { state: 'expired-renewable', daysExpired: 1 }],
    ['2027-03-15', { state: 'expired-renewable', daysExpired: 365 }],
    ['2027-03-16', { state: 'expired-needs-theory-test', daysExpired: 366 }],
    ['2029-03-15', { state: 'expired-needs-theory-test', daysExpired: 1096 }],
    ['2029-03-16', { state: 'expired-unrecoverable', daysExpired: 1097 }],
  ])('on %s → %j', (today, expected) => expect(renewalStatus(until, today)).toEqual(expected));

  it('long-term licences never expire', () => {
    expect(renewalStatus(null, '2099-01-01')).toEqual({ state: 'long-term' });
  });

  it('uses the window from the rule data', () => {
    const rules = {
      tierYears: { '6y': 6, '10y': 10, long: null },
      renewalWindowDays: 30,
      renewableWithinYears: 1,
      recoverableWithinYears: 3,
    };
    expect(renewalStatus(until, '2026-02-01', rules).state).toBe('valid');
    expect(renewalStatus(until, '2026-02-13', rules).state).toBe('renewal-window');
  });
});

describe('isSeventyPlusAnnualCheckDue (cycle ends 2025-06-09)', () => {
  const cycleEnd = '2025-06-09';
  it.each([
    ['1955-01-01', '2025-06-10', true],
    ['1955-01-01', '2025-07-09', true],
    ['1955-01-01', '2025-07-10', false],
    ['1955-01-01', '2025-06-09', false],
    ['1955-06-09', '2025-06-20', true],
    ['1955-06-10', '2025-06-20', false],
    ['1980-01-01', '2025-06-20', false],
  ])('born %s, on %s → %s', (birth, today, expected) => {
    expect(isSeventyPlusAnnualCheckDue(birth, cycleEnd, today)).toBe(expected);
  });
});
