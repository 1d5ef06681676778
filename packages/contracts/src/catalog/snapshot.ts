/**
 * What the case engine knows about an application when it checks it: the registry records of the
 * applicant and the subject, the partner data held for them and the applicant's earlier cases. The server
 * loads a snapshot; `deriveFacts` (facts.ts) turns it into the flat facts eligibility rules read. Keeping
 * this pure lets every rule be tested from a table.
 */
import type { LicenceClass } from '../registry/licence-class.ts';
import type { ValidityTier } from '../registry/licence-validity.ts';
import type { EnergyType, UseType, VehicleStatus, VehicleType } from '../registry/vehicle.ts';
import type { Channel, DataSource } from './item.ts';
import type { CaseState } from './workflow.ts';

export interface SnapshotPerson {
  personId: string;
  birthDate: string;
  realNameLevel: 'phone' | 'id' | 'face' | null;
  hasPhone: boolean;
}

export interface SnapshotLicence {
  status: 'valid' | 'expired' | 'suspended' | 'revoked' | 'seized' | 'cancelled';
  classes: readonly LicenceClass[];
  firstIssueDate: string;
  validUntil: string | null;
  validityTier: ValidityTier;
  points: number;
}

export interface SnapshotVehicle {
  id: string;
  vin: string;
  plate: string | null;
  vehicleType: VehicleType;
  useType: UseType;
  energyType: EnergyType;
  seats: number;
  registrationDate: string;
  status: VehicleStatus;
  insuranceUntil: string | null;
  inspectionValidUntil: string | null;
  /** Whether the applicant is the registered owner. */
  ownedByApplicant: boolean;
}

export interface SnapshotViolation {
  id: string;
  code: string;
  status: 'unhandled' | 'decided' | 'paid';
  points: number;
  fineFen: number;
  occurredAt: string;
  decisionDate: string | null;
}

/** One partner record held for the applicant or the subject (newest first). */
export interface SnapshotPartnerRecord {
  source: Exclude<DataSource, 'registry'>;
  /** e.g. 'medical-result', 'compulsory-insurance', 'inspection-result', 'vehicle-tax', 'sale', 'study', 'exam'. */
  kind: string;
  reference: string;
  validFrom: string | null;
  validUntil: string | null;
  /** The record as the partner sent it (already validated by the partner API). */
  payload: Readonly<Record<string, unknown>>;
  receivedAt: string;
}

export interface SnapshotPriorCase {
  itemCode: string;
  state: CaseState;
  submittedOn: string;
  /** For point reduction: points the case took off when it completed. */
  pointsReduced?: number;
}

export interface SubjectSnapshot {
  today: string;
  channel: Channel;
  applicant: SnapshotPerson | null;
  /** The applicant's own licence (licence items, point reduction, 70+ certificate). */
  licence: SnapshotLicence | null;
  /** The subject vehicle (vehicle, inspection, plate items). */
  vehicle: SnapshotVehicle | null;
  /** The subject violation (violation handling). */
  violation: SnapshotViolation | null;
  /** The applicant's violations as driver in the last three years (point reduction exclusions). */
  driverViolations: readonly SnapshotViolation[];
  /** Unhandled or unpaid violations of the subject vehicle. */
  vehicleOpenViolations: number;
  partnerRecords: readonly SnapshotPartnerRecord[];
  priorCases: readonly SnapshotPriorCase[];
  /** The applicant's answers to the item's form. */
  form: Readonly<Record<string, string>>;
}
