import { describe, expect, it } from 'vitest';
import { amountDue, daysLate, lateSurcharge, paymentDeadline } from './surcharge.ts';

const DECIDED = '2025-03-01';
const day = (n: number) =>
  new Date(Date.parse(`${DECIDED}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('lateSurcharge (fine 200 yuan = 20 000 fen)', () => {
  it.each([
    [0, 0],
    [15, 0],
    [16, 600],
    [17, 1_200],
    [30, 9_000],
    [48, 19_800],
    [49, 20_000],
    [50, 20_000],
    [400, 20_000],
  ])('on day %i → %i fen', (n, expected) => expect(lateSurcharge(20_000, DECIDED, day(n))).toBe(expected));

  it('a today before the decision counts as not late', () => {
    expect(lateSurcharge(20_000, DECIDED, '2025-02-01')).toBe(0);
  });
});

describe('rounding and cap', () => {
  it.each([
    [1, 16, 0],
    [33, 16, 0],
    [34, 16, 1],
    [333, 16, 9],
    [333, 17, 19],
    [5_001, 20, 750],
    [100, 48, 99],
    [100, 49, 100],
    [0, 40, 0],
  ])('fine %i fen on day %i → %i fen (floor on the total)', (fine, n, expected) => {
    expect(lateSurcharge(fine, DECIDED, day(n))).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN]])('rejects fine %s', (fine) => {
    expect(() => lateSurcharge(fine, DECIDED, day(20))).toThrow(RangeError);
  });
});

describe('amountDue', () => {
  it.each([
    [15, { fineFen: 20_000, surchargeFen: 0, totalFen: 20_000, daysLate: 0 }],
    [16, { fineFen: 20_000, surchargeFen: 600, totalFen: 20_600, daysLate: 1 }],
    [49, { fineFen: 20_000, surchargeFen: 20_000, totalFen: 40_000, daysLate: 34 }],
    [100, { fineFen: 20_000, surchargeFen: 20_000, totalFen: 40_000, daysLate: 85 }],
  ])('on day %i → %j', (n, expected) => expect(amountDue(20_000, DECIDED, day(n))).toEqual(expected));
});

describe('non-working last day (optional)', () => {
  // Decision 2026-09-20 (make-up workday): day 15 = 2026-10-05, inside the National Day holiday (10-01…10-07).
  const holiday = (d: string) => d >= '2026-10-01' && d <= '2026-10-07';
  it('moves the deadline to the next working day', () => {
    expect(paymentDeadline('2026-09-20')).toBe('2026-10-05');
    expect(paymentDeadline('2026-09-20', { isNonWorkingDay: holiday })).toBe('2026-10-08');
    expect(daysLate('2026-09-20', '2026-10-08', { isNonWorkingDay: holiday })).toBe(0);
    expect(daysLate('2026-09-20', '2026-10-08')).toBe(3);
    expect(lateSurcharge(20_000, '2026-09-20', '2026-10-09', undefined, holiday)).toBe(600);
  });
});
