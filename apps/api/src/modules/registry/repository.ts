import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { LicenceRow, PersonRow, VehicleRow, ViolationRow } from './mappers.ts';
import { drivingLicences, persons, vehicles, violations } from './schema.ts';

/** Rows of a table whose office is one of the scope's offices (null scope = no restriction). */
const inScope = (
  officeIdCol:
    | typeof persons.officeId
    | typeof vehicles.officeId
    | typeof violations.officeId
    | typeof drivingLicences.officeId,
  scopeIds: string[] | null,
): SQL | undefined => (scopeIds === null ? undefined : inArray(officeIdCol, scopeIds));

export const findPersonById = async (
  db: Executor,
  id: string,
  scopeIds: string[] | null,
): Promise<PersonRow | undefined> =>
  (
    await db
      .select()
      .from(persons)
      .where(and(eq(persons.id, id), inScope(persons.officeId, scopeIds)))
      .limit(1)
  )[0];

export const findPersonByIdHash = async (db: Executor, hash: string, scopeIds: string[] | null) =>
  (
    await db
      .select()
      .from(persons)
      .where(and(eq(persons.idNumberHash, hash), inScope(persons.officeId, scopeIds)))
      .limit(1)
  )[0];

export const findLicenceByPerson = async (db: Executor, personId: string): Promise<LicenceRow | undefined> =>
  (await db.select().from(drivingLicences).where(eq(drivingLicences.personId, personId)).limit(1))[0];

export const findLicenceById = async (
  db: Executor,
  id: string,
  scopeIds: string[] | null,
): Promise<LicenceRow | undefined> =>
  (
    await db
      .select()
      .from(drivingLicences)
      .where(and(eq(drivingLicences.id, id), inScope(drivingLicences.officeId, scopeIds)))
      .limit(1)
  )[0];

export const listVehiclesOfOwner = (db: Executor, ownerId: string): Promise<VehicleRow[]> =>
  db.select().from(vehicles).where(eq(vehicles.ownerId, ownerId)).orderBy(vehicles.registrationDate);

export const findVehicleById = async (db: Executor, id: string, scopeIds: string[] | null) =>
  (
    await db
      .select({ vehicle: vehicles, ownerName: persons.name })
      .from(vehicles)
      .innerJoin(persons, eq(persons.id, vehicles.ownerId))
      .where(and(eq(vehicles.id, id), inScope(vehicles.officeId, scopeIds)))
      .limit(1)
  )[0];

export const findVehicleByPlateOrVin = async (
  db: Executor,
  key: { plate?: string; vin?: string },
  scopeIds: string[] | null,
) =>
  db
    .select({ vehicle: vehicles, ownerName: persons.name })
    .from(vehicles)
    .innerJoin(persons, eq(persons.id, vehicles.ownerId))
    .where(
      and(
        key.plate ? eq(vehicles.plate, key.plate) : eq(vehicles.vin, key.vin ?? ''),
        inScope(vehicles.officeId, scopeIds),
      ),
    )
    .limit(5);

/** The most frequent query of all: a plate's violations, newest first (index plate, occurred_at desc). */
/**
 * The hot shape (a staff lookup within its scope, any status) as a named prepared statement per
 * database handle: no query building per request, and PostgreSQL plans it once per connection.
 */
const preparedByPlate = new WeakMap<Executor, ReturnType<typeof prepareByPlate>>();
const prepareByPlate = (db: Executor) =>
  db
    .select()
    .from(violations)
    .where(
      and(
        eq(violations.plate, sql.placeholder('plate')),
        sql`${violations.officeId} = ANY(${sql.placeholder('ids')}::uuid[])`,
      ),
    )
    .orderBy(desc(violations.occurredAt))
    .limit(sql.placeholder('limit'))
    .prepare('violations_by_plate');

export const listViolationsByPlate = (
  db: Executor,
  plate: string,
  opts: { status?: ViolationRow['status']; limit: number; scopeIds: string[] | null },
): Promise<ViolationRow[]> => {
  if (!opts.status && opts.scopeIds) {
    const q = preparedByPlate.get(db) ?? prepareByPlate(db);
    preparedByPlate.set(db, q);
    return q.execute({ plate, ids: opts.scopeIds, limit: opts.limit });
  }
  return db
    .select()
    .from(violations)
    .where(
      and(
        eq(violations.plate, plate),
        opts.status ? eq(violations.status, opts.status) : undefined,
        inScope(violations.officeId, opts.scopeIds),
      ),
    )
    .orderBy(desc(violations.occurredAt))
    .limit(opts.limit);
};

/** A person's violations: as the recorded driver, or on a vehicle they own. */
export const listViolationsOfPerson = (
  db: Executor,
  personId: string,
  limit = 200,
): Promise<ViolationRow[]> =>
  db
    .select()
    .from(violations)
    .where(
      or(
        eq(violations.driverId, personId),
        inArray(
          violations.vehicleId,
          db.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.ownerId, personId)),
        ),
      ),
    )
    .orderBy(desc(violations.occurredAt))
    .limit(limit);

export const listViolationsOfVehicle = (
  db: Executor,
  vehicleId: string,
  limit = 200,
): Promise<ViolationRow[]> =>
  db
    .select()
    .from(violations)
    .where(eq(violations.vehicleId, vehicleId))
    .orderBy(desc(violations.occurredAt))
    .limit(limit);

export const findViolationById = async (
  db: Executor,
  id: string,
  scopeIds: string[] | null,
): Promise<ViolationRow | undefined> =>
  (
    await db
      .select()
      .from(violations)
      .where(and(eq(violations.id, id), inScope(violations.officeId, scopeIds)))
      .limit(1)
  )[0];

/** Row lock for a transition: a second decision on the same violation waits and then sees the new status. */
export const lockViolation = async (db: Executor, id: string): Promise<ViolationRow | undefined> =>
  (await db.select().from(violations).where(eq(violations.id, id)).for('update').limit(1))[0];
