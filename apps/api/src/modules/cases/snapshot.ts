import {
  type AutoCheckResult,
  addYears,
  autoCheck,
  type Channel,
  deriveFacts,
  type ItemDefinition,
  type SnapshotPriorCase,
  type SnapshotViolation,
  type SubjectKind,
  type SubjectRef,
  type SubjectSnapshot,
} from '@opendmv/contracts';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findPartnerRecordsFor } from '../partners/index.ts';
import {
  findLicenceByPerson,
  findPersonById,
  findVehicleById,
  findVehicleByPlateOrVin,
  findViolationById,
  listViolationsOfPerson,
  listViolationsOfVehicle,
  type PersonRow,
  type VehicleRow,
  type ViolationRow,
} from '../registry/index.ts';
import type { CaseRow } from './repository.ts';
import { cases } from './schema.ts';

export interface ResolvedSubject {
  kind: SubjectKind;
  id: string | null;
  label: string;
  /** The office that keeps the subject's record: it handles an online case. */
  officeId: string;
}

export interface LoadedSnapshot {
  snapshot: SubjectSnapshot;
  subject: ResolvedSubject;
}

const OPEN_VIOLATION = new Set(['unhandled', 'decided']);

const toSnapshotViolation = (v: ViolationRow): SnapshotViolation => ({
  id: v.id,
  code: v.code,
  status: v.status,
  points: v.points,
  fineFen: v.fineFen,
  occurredAt: v.occurredAt,
  decisionDate: v.decisionDate,
});

const subjectMissing = (field: string) =>
  new AppError('VALIDATION_FAILED', [{ field: `body.subject.${field}`, message: 'required for this item' }]);

/**
 * Everything the automatic check reads about one application, loaded from the registry, partner data and
 * the applicant's earlier cases. Runs inside the caller's transaction when there is one.
 */
export async function loadSnapshot(
  db: Executor,
  input: {
    applicant: PersonRow;
    realNameLevel: 'phone' | 'id' | 'face' | null;
    definition: ItemDefinition;
    subjectRef: SubjectRef;
    /** A case re-checked later names its vehicle by id. */
    subjectId?: string | null;
    /** A case re-checked is not its own "earlier case". */
    caseId?: string;
    form: Record<string, string>;
    channel: Channel;
    today: string;
  },
): Promise<LoadedSnapshot> {
  const { applicant, definition: d, subjectRef, today } = input;
  const licenceRow = await findLicenceByPerson(db, applicant.id);
  let vehicle: VehicleRow | null = null;
  let violation: ViolationRow | null = null;
  let vin: string | null = null;
  let subject: ResolvedSubject;

  switch (d.subject) {
    case 'licence':
      subject = {
        kind: 'licence',
        id: licenceRow?.id ?? null,
        label: licenceRow ? licenceRow.fileNumber : applicant.name,
        officeId: licenceRow?.officeId ?? applicant.officeId,
      };
      break;
    case 'person':
      subject = { kind: 'person', id: applicant.id, label: applicant.name, officeId: applicant.officeId };
      break;
    case 'vehicle': {
      if (input.subjectId) {
        vehicle = (await findVehicleById(db, input.subjectId, null))?.vehicle ?? null;
      } else {
        if (!subjectRef.plate && !subjectRef.vin) throw subjectMissing('plate');
        vehicle = (await findVehicleByPlateOrVin(db, subjectRef, null))[0]?.vehicle ?? null;
      }
      if (!vehicle)
        throw new AppError('VALIDATION_FAILED', [
          { field: 'body.subject.plate', message: 'no such vehicle' },
        ]);
      subject = {
        kind: 'vehicle',
        id: vehicle.id,
        label: vehicle.plate ?? vehicle.vin,
        officeId: vehicle.officeId,
      };
      break;
    }
    case 'violation': {
      if (!subjectRef.violationId) throw subjectMissing('violationId');
      violation = (await findViolationById(db, subjectRef.violationId, null)) ?? null;
      if (!violation)
        throw new AppError('VALIDATION_FAILED', [
          { field: 'body.subject.violationId', message: 'no such violation' },
        ]);
      // A violation with a recorded driver is handled by that driver: the points go on their licence.
      if (violation.driverId && violation.driverId !== applicant.id)
        throw new AppError('VALIDATION_FAILED', [
          { field: 'body.subject.violationId', message: 'the recorded driver handles this violation' },
        ]);
      if (violation.vehicleId)
        vehicle = (await findVehicleById(db, violation.vehicleId, null))?.vehicle ?? null;
      subject = {
        kind: 'violation',
        id: violation.id,
        label: `${violation.plate} ${violation.code}`,
        officeId: violation.officeId,
      };
      break;
    }
    case 'new-vehicle': {
      vin = (subjectRef.vin ?? input.form.vin ?? '').toUpperCase() || null;
      if (!vin) throw subjectMissing('vin');
      // A VIN already on the register is not a new vehicle: the snapshot shows it, and the rules refuse.
      vehicle = (await findVehicleByPlateOrVin(db, { vin }, null))[0]?.vehicle ?? null;
      subject = { kind: 'new-vehicle', id: null, label: vin, officeId: applicant.officeId };
      break;
    }
  }

  const since = addYears(today, -3);
  const driverViolations = (await listViolationsOfPerson(db, applicant.id, 200))
    .filter((v) => v.occurredAt.slice(0, 10) >= since)
    .map(toSnapshotViolation);
  const vehicleOpenViolations = vehicle
    ? (await listViolationsOfVehicle(db, vehicle.id, 500)).filter((v) => OPEN_VIOLATION.has(v.status)).length
    : 0;
  const priorRows = await db
    .select({
      itemCode: cases.itemCode,
      status: cases.status,
      submittedAt: cases.submittedAt,
      outcome: cases.outcome,
    })
    .from(cases)
    .where(
      and(eq(cases.applicantPersonId, applicant.id), input.caseId ? ne(cases.id, input.caseId) : undefined),
    )
    .orderBy(desc(cases.submittedAt))
    .limit(100);
  // The applicant's own records, and the subject vehicle's — but a sale only counts for its buyer.
  const mine = await findPartnerRecordsFor(db, { personId: applicant.id });
  const ofSubject =
    vehicle || vin
      ? (
          await findPartnerRecordsFor(db, { vehicleId: vehicle?.id ?? null, vin: vehicle?.vin ?? vin })
        ).filter((r) => r.source !== 'dealer-sale')
      : [];
  const seen = new Set<string>();
  // A passed study exam counts once: exams already used by a completed point reduction are left out.
  const usedExams = new Set(
    priorRows.map((c) => (c.outcome as { examReference?: string } | null)?.examReference).filter(Boolean),
  );
  const partnerRecords = [...mine, ...ofSubject].filter((r) => {
    const key = `${r.source}:${r.reference}`;
    if (seen.has(key) || (r.source === 'study-exam' && usedExams.has(r.reference))) return false;
    seen.add(key);
    return true;
  });
  const priorCases: SnapshotPriorCase[] = priorRows.map((c) => {
    const reduced = (c.outcome as { pointsReduced?: number } | null)?.pointsReduced;
    return {
      itemCode: c.itemCode,
      state: c.status as SnapshotPriorCase['state'],
      submittedOn: c.submittedAt.toISOString().slice(0, 10),
      ...(typeof reduced === 'number' ? { pointsReduced: reduced } : {}),
    };
  });

  const snapshot: SubjectSnapshot = {
    today,
    channel: input.channel,
    applicant: {
      personId: applicant.id,
      birthDate: applicant.birthDate,
      realNameLevel: input.realNameLevel,
      hasPhone: applicant.phoneEnc !== null,
    },
    licence: licenceRow
      ? {
          status: licenceRow.status as NonNullable<SubjectSnapshot['licence']>['status'],
          classes: licenceRow.classes as NonNullable<SubjectSnapshot['licence']>['classes'],
          firstIssueDate: licenceRow.firstIssueDate,
          validUntil: licenceRow.validUntil,
          validityTier: licenceRow.validityTier,
          points: licenceRow.points,
        }
      : null,
    vehicle: vehicle
      ? {
          id: vehicle.id,
          vin: vehicle.vin,
          plate: vehicle.plate,
          vehicleType: vehicle.vehicleType as NonNullable<SubjectSnapshot['vehicle']>['vehicleType'],
          useType: vehicle.useType as NonNullable<SubjectSnapshot['vehicle']>['useType'],
          energyType: vehicle.energyType as NonNullable<SubjectSnapshot['vehicle']>['energyType'],
          seats: vehicle.seats,
          registrationDate: vehicle.registrationDate,
          status: vehicle.status as NonNullable<SubjectSnapshot['vehicle']>['status'],
          insuranceUntil: vehicle.insuranceUntil,
          inspectionValidUntil: vehicle.inspectionValidUntil,
          ownedByApplicant: vehicle.ownerId === applicant.id,
        }
      : null,
    violation: violation ? toSnapshotViolation(violation) : null,
    driverViolations,
    vehicleOpenViolations,
    partnerRecords,
    priorCases,
    form: d.subject === 'new-vehicle' && vin ? { ...input.form, vin } : input.form,
  };
  return { snapshot, subject };
}

/**
 * An existing case checked again against the registry and partner data as they are now (a re-check when
 * data arrives, an answered correction, an approval), with the given answers and handed-in materials.
 */
export async function checkCaseNow(
  db: Executor,
  row: CaseRow,
  def: ItemDefinition,
  form: Record<string, string>,
  provided: readonly string[],
  today: string,
): Promise<AutoCheckResult> {
  const applicant = await findPersonById(db, row.applicantPersonId, null);
  if (!applicant) throw new AppError('NOT_FOUND');
  const { snapshot } = await loadSnapshot(db, {
    applicant,
    realNameLevel: row.applicantRealNameLevel,
    definition: def,
    subjectRef:
      row.subjectKind === 'violation'
        ? { violationId: row.subjectId! }
        : row.subjectKind === 'new-vehicle'
          ? { vin: row.subjectLabel }
          : {},
    subjectId: row.subjectId,
    caseId: row.id,
    form,
    channel: row.channel,
    today,
  });
  return autoCheck(def, deriveFacts(snapshot, row.itemCode), row.channel, provided);
}
