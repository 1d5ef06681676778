/**
 * Hand-built snapshots for the catalog's table-driven tests (not exported from the package). The default
 * applicant is 40, holds a C1 licence first issued 2010-05-10 (cycle 2025-05-10 … 2026-05-09) valid until
 * 2030, owns a 2022 petrol car whose exempt label falls due in March 2026; today is Monday 2026-03-16.
 */
import { autoCheck, refusals } from './eligibility.ts';
import { deriveFacts } from './facts.ts';
import { seedItem } from './items/index.ts';
import type {
  SnapshotLicence,
  SnapshotPartnerRecord,
  SnapshotPerson,
  SnapshotVehicle,
  SnapshotViolation,
  SubjectSnapshot,
} from './snapshot.ts';

export const TODAY = '2026-03-16';

export const person = (extra: Partial<SnapshotPerson> = {}): SnapshotPerson => ({
  personId: 'p-1',
  birthDate: '1985-06-15',
  realNameLevel: 'face',
  hasPhone: true,
  ...extra,
});

export const licence = (extra: Partial<SnapshotLicence> = {}): SnapshotLicence => ({
  status: 'valid',
  classes: ['C1'],
  firstIssueDate: '2010-05-10',
  validUntil: '2030-05-10',
  validityTier: '10y',
  points: 0,
  ...extra,
});

export const vehicle = (extra: Partial<SnapshotVehicle> = {}): SnapshotVehicle => ({
  id: 'v-1',
  vin: 'LSVAU2180N2000001',
  plate: '京A12345',
  vehicleType: 'small-passenger',
  useType: 'non-operating',
  energyType: 'petrol',
  seats: 5,
  registrationDate: '2022-03-10',
  status: 'normal',
  insuranceUntil: '2026-09-30',
  inspectionValidUntil: '2026-03-31',
  ownedByApplicant: true,
  ...extra,
});

export const violation = (extra: Partial<SnapshotViolation> = {}): SnapshotViolation => ({
  id: 'vio-1',
  code: '1625',
  status: 'unhandled',
  points: 6,
  fineFen: 20_000,
  occurredAt: '2026-02-01T08:30:00+08:00',
  decisionDate: null,
  ...extra,
});

export function snapshot(extra: Partial<SubjectSnapshot> = {}): SubjectSnapshot {
  return {
    today: TODAY,
    channel: 'online',
    applicant: person(),
    licence: licence(),
    vehicle: vehicle(),
    violation: null,
    driverViolations: [],
    vehicleOpenViolations: 0,
    partnerRecords: [],
    priorCases: [],
    form: {},
    ...extra,
  };
}

const record = (
  source: SnapshotPartnerRecord['source'],
  kind: string,
  validFrom: string | null,
  validUntil: string | null,
  payload: Record<string, unknown>,
  receivedAt = '2026-03-01T10:00:00+08:00',
): SnapshotPartnerRecord => ({
  source,
  kind,
  reference: `${kind}-ref`,
  validFrom,
  validUntil,
  payload,
  receivedAt,
});

export const medical = (
  examDate: string,
  result: 'pass' | 'fail',
  validUntil: string | null,
  receivedAt?: string,
) =>
  record(
    'hospital-medical',
    'medical-result',
    examDate,
    validUntil,
    { hospital: 'H', examDate, result },
    receivedAt,
  );

export const insurance = (startDate: string, endDate: string) =>
  record('insurer-policy', 'compulsory-insurance', startDate, endDate, {
    policyNumber: 'P1',
    insurer: 'I',
    startDate,
    endDate,
  });

export const tax = (taxYear: number, status: 'paid' | 'exempt' | 'unpaid') =>
  record('tax-payment', 'vehicle-tax', `${taxYear}-01-01`, `${taxYear}-12-31`, {
    taxYear,
    status,
    amountFen: 36_000,
  });

export const inspection = (inspectedOn: string, result: 'pass' | 'fail', validUntil: string | null) =>
  record('inspection-result', 'inspection-result', inspectedOn, validUntil, {
    station: 'S',
    inspectedOn,
    result,
    reportNumber: 'R1',
  });

export const sale = (vin: string) =>
  record('dealer-sale', 'sale', null, null, {
    vin,
    invoiceNumber: 'INV1',
    saleDate: '2026-03-10',
    energyType: 'bev',
  });

export const exam = (examDate: string, passed: boolean, pointsEarned: 1 | 2 = 1) =>
  record('study-exam', 'exam', examDate, null, { examDate, passed, pointsEarned, studyMinutes: 30 });

export const theoryTest = (examDate: string, passed: boolean) =>
  record('study-exam', 'theory-test', examDate, null, { examDate, passed });

export const MEDICAL_PASS = medical('2026-02-01', 'pass', '2026-08-01');

export interface CheckOutcome {
  eligible: boolean;
  /** Ids of failed refusing rules. */
  refused: string[];
  /** Ids of failed review rules. */
  review: string[];
  instant: boolean;
}

/** autoCheck of a seed item on a snapshot, reduced to what the tables compare. */
export function checkItem(code: string, s: SubjectSnapshot, provided: readonly string[] = []): CheckOutcome {
  const def = seedItem(code);
  if (!def) throw new Error(`no seed item ${code}`);
  const r = autoCheck(def, deriveFacts(s, code), s.channel, provided);
  return {
    eligible: r.eligible,
    refused: refusals(r).map((x) => x.id),
    review: r.rules.filter((x) => !x.passed && x.severity === 'review').map((x) => x.id),
    instant: r.instant,
  };
}

/** Shorthands for expected outcomes. */
export const INSTANT: CheckOutcome = { eligible: true, refused: [], review: [], instant: true };
export const OFFICER: CheckOutcome = { eligible: true, refused: [], review: [], instant: false };
export const reviewed = (...ids: string[]): CheckOutcome => ({
  eligible: true,
  refused: [],
  review: ids,
  instant: false,
});
export const refused = (...ids: string[]): CheckOutcome => ({
  eligible: false,
  refused: ids,
  review: [],
  instant: false,
});
