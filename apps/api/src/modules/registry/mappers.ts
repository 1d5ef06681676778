import {
  amountDue,
  classifyPlate,
  findViolationCode,
  inspectionStatus,
  insuranceStatus,
  type LicenceClass,
  type LicenceDto,
  type Locale,
  type PersonDto,
  renewalStatus,
  scoringCycle,
  type VehicleDto,
  type ViolationDto,
} from '@opendmv/contracts';
import type { drivingLicences, persons, vehicles, violations } from './schema.ts';

export type PersonRow = typeof persons.$inferSelect;
export type VehicleRow = typeof vehicles.$inferSelect;
export type LicenceRow = typeof drivingLicences.$inferSelect;
export type ViolationRow = typeof violations.$inferSelect;

/** A person as shown: masked ID and phone, unless the caller was granted the full values. */
export function toPersonDto(row: PersonRow, full?: { idNumber: string; phone: string | null }): PersonDto {
  return {
    id: row.id,
    name: row.name,
    idNumber: full ? full.idNumber : row.idNumberMasked,
    sex: row.sex,
    birthDate: row.birthDate,
    phone: full ? full.phone : row.phoneMasked,
    address: row.address,
    isMasked: !full,
  };
}

export function toLicenceDto(row: LicenceRow, today: string): LicenceDto {
  const cycle = scoringCycle(row.firstIssueDate, today < row.firstIssueDate ? row.firstIssueDate : today);
  return {
    id: row.id,
    personId: row.personId,
    fileNumber: row.fileNumber,
    classes: row.classes as LicenceClass[],
    firstIssueDate: row.firstIssueDate,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    validityTier: row.validityTier,
    status: row.status as LicenceDto['status'],
    points: row.points,
    cycleStart: cycle.start,
    cycleEnd: cycle.end,
    renewal: renewalStatus(row.validUntil, today),
  };
}

export function toVehicleDto(row: VehicleRow, ownerName: string, today: string): VehicleDto {
  return {
    id: row.id,
    vin: row.vin,
    vinCheckOk: row.vinCheckOk,
    plate: row.plate,
    plateKind: row.plate ? (row.plateKind ?? classifyPlate(row.plate)) : null,
    vehicleType: row.vehicleType as VehicleDto['vehicleType'],
    useType: row.useType as VehicleDto['useType'],
    energyType: row.energyType as VehicleDto['energyType'],
    brand: row.brand,
    model: row.model,
    colour: row.colour,
    seats: row.seats,
    registrationDate: row.registrationDate,
    status: row.status as VehicleDto['status'],
    ownerId: row.ownerId,
    ownerName,
    insuranceUntil: row.insuranceUntil,
    insuranceStatus: row.insuranceUntil ? insuranceStatus(row.insuranceUntil, today) : 'expired',
    inspectionValidUntil: row.inspectionValidUntil,
    inspectionStatus: row.inspectionValidUntil
      ? inspectionStatus(row.inspectionValidUntil, today)
      : 'overdue',
    officeId: row.officeId,
  };
}

/**
 * A violation with what is owed today: an undecided one owes its fine (no surcharge clock yet),
 * a decided one its fine plus the late surcharge, a paid one nothing.
 */
export function toViolationDto(row: ViolationRow, today: string, locale: Locale = 'zh-CN'): ViolationDto {
  const code = findViolationCode(row.code);
  const description = code ? (locale === 'en' ? code.nameEn : code.nameZh) : row.code;
  let surchargeFen = 0;
  let amountDueFen = row.status === 'paid' ? 0 : row.fineFen;
  let late = 0;
  if (row.status === 'decided' && row.decisionDate) {
    const due = amountDue(row.fineFen, row.decisionDate, today);
    surchargeFen = due.surchargeFen;
    amountDueFen = due.totalFen;
    late = due.daysLate;
  }
  return {
    id: row.id,
    code: row.code,
    description,
    occurredAt: new Date(row.occurredAt).toISOString(),
    place: row.place,
    plate: row.plate,
    vehicleId: row.vehicleId,
    status: row.status,
    points: row.points,
    fineFen: row.fineFen,
    decisionDate: row.decisionDate,
    surchargeFen,
    amountDueFen,
    daysLate: late,
  };
}

export function violationTotals(items: ViolationDto[]) {
  const open = items.filter((v) => v.status !== 'paid');
  return {
    count: open.length,
    points: items.filter((v) => v.status === 'unhandled').reduce((s, v) => s + v.points, 0),
    amountDueFen: open.reduce((s, v) => s + v.amountDueFen, 0),
  };
}
