/**
 * From the generator's plain rows to database rows: personal data encrypted (AES-GCM), keyed lookup
 * hashes and masked copies; and the CSV text COPY reads. Column lists are taken from the Drizzle schema,
 * so a renamed column breaks here at type-check time rather than in the database.
 */
import { maskIdNumber, maskPhone } from '@opendmv/contracts';
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { PiiCipher } from '../../src/platform/crypto/pii.ts';
import { drivingLicences, persons, vehicles, violations } from '../../src/platform/db/schema.ts';
import type { LicencePlain, PersonPlain, VehiclePlain, ViolationPlain } from './generate.ts';

type Stamped<T> = Omit<T, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export type PersonRow = Stamped<typeof persons.$inferInsert>;
export type LicenceRow = Stamped<typeof drivingLicences.$inferInsert>;
export type VehicleRow = Stamped<typeof vehicles.$inferInsert>;
export type ViolationRow = Stamped<typeof violations.$inferInsert>;

/** Encrypts and masks a person's ID number and phone. */
export function personRow(p: PersonPlain, pii: PiiCipher): PersonRow {
  return {
    id: p.id,
    idNumberEnc: pii.encrypt(p.idNumber),
    idNumberHash: pii.lookupHash(p.idNumber),
    idNumberMasked: maskIdNumber(p.idNumber),
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate,
    regionCode: p.regionCode,
    phoneEnc: p.phone === null ? null : pii.encrypt(p.phone),
    phoneHash: p.phone === null ? null : pii.lookupHash(p.phone),
    phoneMasked: p.phone === null ? null : maskPhone(p.phone),
    address: p.address,
    officeId: p.officeId,
    createdAt: p.createdAt,
    updatedAt: p.createdAt,
  };
}

export const licenceRow = (l: LicencePlain): LicenceRow => ({ ...l });
export const vehicleRow = (v: VehiclePlain): VehicleRow => ({ ...v });
export const violationRow = (v: ViolationPlain): ViolationRow => ({ ...v });

/** For Drizzle inserts: the audited timestamps as Dates (the columns are mode 'date'). */
export function withDates<T extends { createdAt: string; updatedAt: string }>(
  row: T,
): Omit<T, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date } {
  return { ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
}

// ---- CSV for COPY -----------------------------------------------------------------------------------------

export interface CsvSpec<R> {
  table: string;
  /** Database column names, in CSV order. */
  columns: string[];
  /** Property names of R, in the same order. */
  keys: (keyof R & string)[];
}

/** Columns of `table` whose property names appear in `keys`, in the given key order. */
export function csvSpec<R>(table: PgTable, tableName: string, keys: (keyof R & string)[]): CsvSpec<R> {
  const cols = getTableColumns(table) as Record<string, { name: string }>;
  return {
    table: tableName,
    keys,
    columns: keys.map((k) => {
      const col = cols[k];
      if (!col) throw new Error(`${tableName} has no column for property ${k}`);
      return col.name;
    }),
  };
}

const NEEDS_QUOTES = /[",\n\r]/;

function csvValue(v: unknown): string {
  if (v === null || v === undefined) return ''; // unquoted empty = NULL in CSV format
  switch (typeof v) {
    case 'string':
      return v === '' || NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 't' : 'f';
    default:
      if (v instanceof Date) return v.toISOString();
      if (Array.isArray(v)) {
        // text[] of plain codes: no element needs quoting inside the array literal
        const literal = `{${v.join(',')}}`;
        return `"${literal.replaceAll('"', '""')}"`;
      }
      throw new TypeError(`cannot write ${typeof v} to CSV`);
  }
}

export function csvLine<R>(spec: CsvSpec<R>, row: R): string {
  let line = '';
  for (let i = 0; i < spec.keys.length; i++) {
    if (i > 0) line += ',';
    line += csvValue(row[spec.keys[i]!]);
  }
  return `${line}\n`;
}

// biome-ignore format: column lists
export const PERSON_CSV = csvSpec<PersonRow>(persons, 'persons', [
  'id', 'idNumberEnc', 'idNumberHash', 'idNumberMasked', 'name', 'sex', 'birthDate', 'regionCode', 'phoneEnc',
  'phoneHash', 'phoneMasked', 'address', 'officeId', 'createdAt', 'updatedAt',
]);
// biome-ignore format: column lists
export const LICENCE_CSV = csvSpec<LicenceRow>(drivingLicences, 'driving_licences', [
  'id', 'personId', 'fileNumber', 'classes', 'firstIssueDate', 'validFrom', 'validUntil', 'validityTier', 'status',
  'points', 'officeId', 'createdAt', 'updatedAt',
]);
// biome-ignore format: column lists
export const VEHICLE_CSV = csvSpec<VehicleRow>(vehicles, 'vehicles', [
  'id', 'vin', 'vinCheckOk', 'plate', 'plateKind', 'vehicleType', 'useType', 'energyType', 'brand', 'model',
  'colour', 'seats', 'registrationDate', 'ownerId', 'status', 'insuranceUntil', 'inspectionValidUntil', 'officeId',
  'createdAt', 'updatedAt',
]);
// biome-ignore format: column lists
export const VIOLATION_CSV = csvSpec<ViolationRow>(violations, 'violations', [
  'id', 'code', 'occurredAt', 'place', 'plate', 'vehicleId', 'driverId', 'fineFen', 'points', 'status',
  'decisionDate', 'paidAt', 'source', 'officeId', 'createdAt', 'updatedAt',
]);
