import { describe, expect, it } from 'vitest';
import { autoCheck } from '../eligibility.ts';
import { deriveFacts } from '../facts.ts';
import {
  type CheckOutcome,
  checkItem,
  INSTANT,
  licence,
  MEDICAL_PASS,
  medical,
  OFFICER,
  person,
  refused,
  reviewed,
  snapshot,
  theoryTest,
} from '../fixtures.ts';
import type { SubjectSnapshot } from '../snapshot.ts';
import { seedItem } from './index.ts';

type Row = [string, SubjectSnapshot, CheckOutcome];
const inWindow = licence({ validUntil: '2026-05-10' });

describe('DL-RENEW', () => {
  it.each<Row>([
    [
      'in the window, valid, medical on file → instant',
      snapshot({ licence: inWindow, partnerRecords: [MEDICAL_PASS] }),
      INSTANT,
    ],
    ['in the window, medical not yet uploaded → waits', snapshot({ licence: inWindow }), OFFICER],
    [
      'expired 8 months, medical on file → instant',
      snapshot({
        licence: licence({ validUntil: '2025-07-16', status: 'expired' }),
        partnerRecords: [MEDICAL_PASS],
      }),
      INSTANT,
    ],
    [
      'expired 2 years, no theory test → officer',
      snapshot({ licence: licence({ validUntil: '2024-01-10' }), partnerRecords: [MEDICAL_PASS] }),
      reviewed('theory-test-after-expiry'),
    ],
    [
      'expired 2 years, theory test passed → instant',
      snapshot({
        licence: licence({ validUntil: '2024-01-10' }),
        partnerRecords: [MEDICAL_PASS, theoryTest('2026-03-01', true)],
      }),
      INSTANT,
    ],
    ['expired 4 years', snapshot({ licence: licence({ validUntil: '2022-01-10' }) }), refused('recoverable')],
    ['too early', snapshot({ partnerRecords: [MEDICAL_PASS] }), refused('in-renewal-window')],
    [
      'long-term licence',
      snapshot({ licence: licence({ validUntil: null, validityTier: 'long' }) }),
      refused('in-renewal-window'),
    ],
    [
      'seized',
      snapshot({ licence: licence({ validUntil: '2026-05-10', status: 'seized' }) }),
      refused('licence-not-blocked'),
    ],
    [
      'suspended',
      snapshot({ licence: licence({ validUntil: '2026-05-10', status: 'suspended' }) }),
      refused('licence-not-blocked'),
    ],
    ['no licence', snapshot({ licence: null }), refused('licence-held')],
    [
      'failed medical',
      snapshot({ licence: inWindow, partnerRecords: [medical('2026-03-01', 'fail', '2026-09-01')] }),
      refused('medical-not-failed'),
    ],
    [
      'B2 holder over 63',
      snapshot({
        applicant: person({ birthDate: '1960-01-01' }),
        licence: licence({ validUntil: '2026-05-10', classes: ['B2'] }),
        partnerRecords: [MEDICAL_PASS],
      }),
      refused('within-class-age-limit'),
    ],
    [
      'an open renewal exists',
      snapshot({
        licence: inWindow,
        priorCases: [{ itemCode: 'DL-RENEW', state: 'accepted', submittedOn: '2026-03-10' }],
      }),
      refused('no-open-case'),
    ],
    [
      'at a partner outlet (channel closed)',
      snapshot({ channel: 'partner-outlet', licence: inWindow, partnerRecords: [MEDICAL_PASS] }),
      refused(),
    ],
    [
      'at a kiosk',
      snapshot({ channel: 'kiosk', licence: inWindow, partnerRecords: [MEDICAL_PASS] }),
      INSTANT,
    ],
  ])('%s', (_label, s, expected) => expect(checkItem('DL-RENEW', s)).toEqual(expected));
});

describe('DL-LOST', () => {
  it.each<Row>([
    ['valid licence → instant', snapshot(), INSTANT],
    ['in the renewal window → instant', snapshot({ licence: inWindow }), INSTANT],
    ['seized', snapshot({ licence: licence({ status: 'seized' }) }), refused('licence-not-blocked')],
    ['suspended', snapshot({ licence: licence({ status: 'suspended' }) }), refused('licence-not-blocked')],
    ['revoked', snapshot({ licence: licence({ status: 'revoked' }) }), refused('licence-not-blocked')],
    ['expired', snapshot({ licence: licence({ validUntil: '2025-12-01' }) }), refused('licence-not-expired')],
    ['no licence', snapshot({ licence: null }), refused('licence-held')],
  ])('%s', (_label, s, expected) => expect(checkItem('DL-LOST', s)).toEqual(expected));

  it('the refusal for a seized licence says so in both languages', () => {
    const r = autoCheck(
      seedItem('DL-LOST')!,
      deriveFacts(snapshot({ licence: licence({ status: 'seized' }) })),
      'online',
    );
    const msg = r.rules.find((x) => x.id === 'licence-not-blocked')!.message;
    expect(msg.zh).toContain('扣押');
    expect(msg.en).toContain('seized');
  });
});

describe('DL-DAMAGED', () => {
  it.each<Row>([
    ['valid licence → an officer checks the damaged card', snapshot(), OFFICER],
    ['seized', snapshot({ licence: licence({ status: 'seized' }) }), refused('licence-not-blocked')],
  ])('%s', (_label, s, expected) => expect(checkItem('DL-DAMAGED', s)).toEqual(expected));

  it('still not instant once the damaged licence is handed in', () => {
    expect(checkItem('DL-DAMAGED', snapshot(), ['damaged-licence']).instant).toBe(false);
  });
});

describe('DL-SENIOR-MEDICAL (cycle ended 2026-02-28, window to 2026-03-30)', () => {
  const senior = (extra: Partial<SubjectSnapshot> = {}) =>
    snapshot({
      applicant: person({ birthDate: '1950-01-01' }),
      licence: licence({ firstIssueDate: '2000-03-01' }),
      partnerRecords: [medical('2026-03-05', 'pass', '2026-09-05')],
      ...extra,
    });
  it.each<Row>([
    ['70+, in the window, hospital result on file → instant', senior(), INSTANT],
    ['70+, result not yet uploaded', senior({ partnerRecords: [] }), OFFICER],
    ['after the window', senior({ today: '2026-04-02' }), refused('in-submission-window')],
    [
      'aged 40',
      snapshot({ partnerRecords: [MEDICAL_PASS] }),
      refused('aged-70-plus', 'in-submission-window'),
    ],
    [
      'motorcycle only',
      senior({ licence: licence({ firstIssueDate: '2000-03-01', classes: ['E'] }) }),
      refused('small-car-class', 'in-submission-window'),
    ],
    [
      'failed medical',
      senior({ partnerRecords: [medical('2026-03-05', 'fail', '2026-09-05')] }),
      refused('medical-not-failed'),
    ],
  ])('%s', (_label, s, expected) => expect(checkItem('DL-SENIOR-MEDICAL', s)).toEqual(expected));
});

describe('DL-CLASS-DOWNGRADE', () => {
  const b2 = (form: Record<string, string>) =>
    snapshot({
      applicant: person({ birthDate: '1960-01-01' }),
      licence: licence({ classes: ['B2'] }),
      partnerRecords: [MEDICAL_PASS],
      form,
    });
  it.each<Row>([
    ['B2 at 66 to C1 → instant', b2({ targetClass: 'C1' }), INSTANT],
    ['B2 to B1 → officer', b2({ targetClass: 'B1' }), reviewed('target-c1')],
    ['C1 holder', snapshot({ form: { targetClass: 'C1' } }), refused('holds-large-class')],
  ])('%s', (_label, s, expected) => expect(checkItem('DL-CLASS-DOWNGRADE', s)).toEqual(expected));
});

describe('CONTACT-FILING', () => {
  const form = { phone: '13800000000', address: '北京市东城区1号' };
  it.each<Row>([
    ['phone and address → instant', snapshot({ form, licence: null, vehicle: null }), INSTANT],
    ['no address', snapshot({ form: { phone: '13800000000' } }), refused('address-given')],
    ['empty phone', snapshot({ form: { ...form, phone: '' } }), refused('phone-given')],
    [
      'phone-level account online',
      snapshot({ form, applicant: person({ realNameLevel: 'phone' }) }),
      refused('real-name-online'),
    ],
    [
      'phone-level account at a window',
      snapshot({ form, channel: 'window', applicant: person({ realNameLevel: 'phone' }) }),
      INSTANT,
    ],
    [
      'unknown applicant',
      snapshot({ form, applicant: null }),
      refused('applicant-on-record', 'real-name-online'),
    ],
  ])('%s', (_label, s, expected) => expect(checkItem('CONTACT-FILING', s)).toEqual(expected));
});
