import { describe, expect, it } from 'vitest';
import {
  type CheckOutcome,
  checkItem,
  exam,
  INSTANT,
  licence,
  OFFICER,
  person,
  refused,
  reviewed,
  snapshot,
  vehicle,
  violation,
} from '../fixtures.ts';
import type { SubjectSnapshot } from '../snapshot.ts';

type Row = [string, SubjectSnapshot, CheckOutcome];

describe('VIOLATION-HANDLE', () => {
  const v = violation();
  it.each<Row>([
    ['owner, 6 points, licence at 0 → instant', snapshot({ violation: v }), INSTANT],
    [
      'driver but not owner → instant',
      snapshot({ violation: v, driverViolations: [v], vehicle: vehicle({ ownedByApplicant: false }) }),
      INSTANT,
    ],
    [
      'neither owner nor driver',
      snapshot({ violation: v, vehicle: vehicle({ ownedByApplicant: false }) }),
      refused('owner-or-driver'),
    ],
    [
      'already decided',
      snapshot({ violation: violation({ status: 'decided' }) }),
      refused('violation-unhandled'),
    ],
    ['paid', snapshot({ violation: violation({ status: 'paid' }) }), refused('violation-unhandled')],
    [
      'would reach 12 points → officer',
      snapshot({ violation: v, licence: licence({ points: 6 }) }),
      reviewed('not-reaching-full-score'),
    ],
    ['points but no licence', snapshot({ violation: v, licence: null }), refused('licence-for-points')],
    [
      'no points, no licence → instant',
      snapshot({ violation: violation({ points: 0 }), licence: null }),
      INSTANT,
    ],
    [
      'points on a suspended licence',
      snapshot({ violation: v, licence: licence({ status: 'suspended' }) }),
      refused('licence-not-blocked'),
    ],
    ['no violation', snapshot(), refused('violation-on-record', 'violation-unhandled')],
  ])('%s', (_label, s, expected) => expect(checkItem('VIOLATION-HANDLE', s)).toEqual(expected));
});

describe('POINT-REDUCE (cycle 2025-05-10 … 2026-05-09)', () => {
  const passed = exam('2026-03-10', true);
  const withPoints = (points: number, extra: Partial<SubjectSnapshot> = {}) =>
    snapshot({ licence: licence({ points }), partnerRecords: [passed], ...extra });
  it.each<Row>([
    ['3 points, exam passed this cycle → instant', withPoints(3), INSTANT],
    ['3 points, exam not yet passed → waits', withPoints(3, { partnerRecords: [] }), OFFICER],
    [
      'exam passed in the previous cycle → waits',
      withPoints(3, { partnerRecords: [exam('2025-04-01', true)] }),
      OFFICER,
    ],
    ['no points', withPoints(0), refused('has-points', 'cycle-cap')],
    ['full score', withPoints(12), refused('not-full-score', 'cycle-cap')],
    [
      'drink-driving (12 points) last year',
      withPoints(3, {
        driverViolations: [violation({ code: '1711', points: 12, occurredAt: '2025-01-01T22:00:00+08:00' })],
      }),
      refused('no-serious-offence'),
    ],
    [
      'cap of 6 reached',
      withPoints(3, {
        priorCases: [
          { itemCode: 'POINT-REDUCE', state: 'completed', submittedOn: '2025-08-01', pointsReduced: 6 },
        ],
      }),
      refused('cycle-cap'),
    ],
    [
      'ID-level account online',
      withPoints(3, { applicant: person({ realNameLevel: 'id' }) }),
      refused('real-person'),
    ],
    [
      'ID-level account at a window',
      withPoints(3, { channel: 'window', applicant: person({ realNameLevel: 'id' }) }),
      INSTANT,
    ],
    [
      'no licence',
      snapshot({ licence: null, partnerRecords: [passed] }),
      refused('licence-held', 'has-points', 'cycle-cap'),
    ],
  ])('%s', (_label, s, expected) => expect(checkItem('POINT-REDUCE', s)).toEqual(expected));
});
