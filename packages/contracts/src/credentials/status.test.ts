import { describe, expect, it } from 'vitest';
import { type LiveLicenceStatus, liveLicenceStatus, qrColour } from './status.ts';

const TODAY = '2026-12-01';

describe('liveLicenceStatus (12123: red when suspended, expired or 12 points)', () => {
  it.each<[string, string, string | null, number, LiveLicenceStatus]>([
    ['valid, in date, no points', 'valid', '2030-05-10', 0, 'valid'],
    ['valid, 11 points', 'valid', '2030-05-10', 11, 'valid'],
    ['long-term licence', 'valid', null, 3, 'valid'],
    ['last day of validity', 'valid', TODAY, 0, 'valid'],
    ['day after validUntil: expired by date', 'valid', '2026-11-30', 0, 'expired'],
    ['recorded expired', 'expired', '2030-05-10', 0, 'expired'],
    ['12 points reached', 'valid', '2030-05-10', 12, 'full-score'],
    ['more than 12 points', 'valid', null, 15, 'full-score'],
    ['expired beats full score', 'valid', '2026-11-30', 12, 'expired'],
    ['suspended (暂扣)', 'suspended', '2030-05-10', 0, 'suspended'],
    ['seized (扣押)', 'seized', '2030-05-10', 0, 'seized'],
    ['revoked (吊销)', 'revoked', '2030-05-10', 0, 'revoked'],
    ['cancelled (注销)', 'cancelled', '2030-05-10', 0, 'cancelled'],
    ['revoked beats expired and points', 'revoked', '2020-01-01', 12, 'revoked'],
    ['suspended beats expired', 'suspended', '2020-01-01', 0, 'suspended'],
    ['an unknown record status is never valid', 'frozen', '2030-05-10', 0, 'suspended'],
  ])('%s', (_, status, validUntil, points, expected) => {
    expect(liveLicenceStatus({ status, validUntil, points }, TODAY)).toBe(expected);
  });
});

describe('qrColour: black = normal, red = abnormal', () => {
  it.each<[LiveLicenceStatus, 'normal' | 'abnormal']>([
    ['valid', 'normal'],
    ['expired', 'abnormal'],
    ['full-score', 'abnormal'],
    ['suspended', 'abnormal'],
    ['seized', 'abnormal'],
    ['revoked', 'abnormal'],
    ['cancelled', 'abnormal'],
  ])('%s → %s', (status, colour) => expect(qrColour(status)).toBe(colour));
});
