/**
 * What an approved case does to the registry. The case engine calls these inside its transition's
 * transaction, so the decision, its effect and both audit records commit together. Each returns the
 * facts worth keeping in the case's outcome.
 */
import {
  addDays,
  checkVin,
  compareDates,
  inspectionDue,
  maskPhone,
  nextValidityTier,
  type ValidityTier,
  validUntilFor,
} from '@opendmv/contracts';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { drivingLicences, persons, vehicles } from './schema.ts';

/** 期满换证: the next term starts the day after the old one ends (or today, once expired). */
export async function renewLicence(ctx: AppContext, tx: Tx, personId: string) {
  const [lic] = await tx
    .select()
    .from(drivingLicences)
    .where(eq(drivingLicences.personId, personId))
    .for('update');
  if (!lic) return {};
  const today = ctx.clock.today();
  const validFrom =
    lic.validUntil && compareDates(lic.validUntil, today) >= 0 ? addDays(lic.validUntil, 1) : today;
  const tier: ValidityTier = nextValidityTier(lic.validityTier, lic.points >= 12);
  const validUntil = validUntilFor(validFrom, tier);
  await tx
    .update(drivingLicences)
    .set({ validFrom, validUntil, validityTier: tier, status: 'valid', updatedAt: ctx.clock.now() })
    .where(eq(drivingLicences.id, lic.id));
  return { licenceValidFrom: validFrom, licenceValidUntil: validUntil, validityTier: tier };
}

/** 联系方式备案: the new phone (encrypted, blind-indexed, masked) and address. */
export async function fileContact(
  ctx: AppContext,
  tx: Tx,
  personId: string,
  phone?: string,
  address?: string,
) {
  const set: Partial<typeof persons.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (phone) {
    set.phoneEnc = ctx.pii.encrypt(phone);
    set.phoneHash = ctx.pii.lookupHash(phone);
    set.phoneMasked = maskPhone(phone);
  }
  if (address) set.address = address;
  await tx.update(persons).set(set).where(eq(persons.id, personId));
  return { phoneFiled: Boolean(phone), addressFiled: Boolean(address) };
}

/** 学法减分: takes points off the current cycle, never below zero. */
export async function reducePoints(ctx: AppContext, tx: Tx, personId: string, points: number) {
  const [res] = await tx
    .update(drivingLicences)
    .set({ points: sql`GREATEST(0, ${drivingLicences.points} - ${points})`, updatedAt: ctx.clock.now() })
    .where(eq(drivingLicences.personId, personId))
    .returning({ points: drivingLicences.points });
  return { pointsReduced: points, pointsNow: res?.points ?? null };
}

export async function setVehicleStatus(ctx: AppContext, tx: Tx, vehicleId: string, status: string) {
  await tx.update(vehicles).set({ status, updatedAt: ctx.clock.now() }).where(eq(vehicles.id, vehicleId));
  return { vehicleStatus: status };
}

/** 转让登记: the applicant becomes the owner (the plate is kept in this simplified model). */
export async function transferVehicle(ctx: AppContext, tx: Tx, vehicleId: string, newOwnerId: string) {
  const [before] = await tx
    .select({ ownerId: vehicles.ownerId })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId));
  await tx
    .update(vehicles)
    .set({ ownerId: newOwnerId, updatedAt: ctx.clock.now() })
    .where(eq(vehicles.id, vehicleId));
  return { previousOwnerId: before?.ownerId ?? null, ownerId: newOwnerId };
}

/** 检验标志: the inspection is valid until the next due point after the one now covered. */
export async function issueInspectionLabel(ctx: AppContext, tx: Tx, vehicleId: string) {
  const [v] = await tx.select().from(vehicles).where(eq(vehicles.id, vehicleId));
  if (!v) return {};
  const shape = {
    registrationDate: v.registrationDate,
    useType: v.useType,
    vehicleType: v.vehicleType,
    seats: v.seats,
  };
  const current = inspectionDue(shape as Parameters<typeof inspectionDue>[0], ctx.clock.today());
  const next = inspectionDue(shape as Parameters<typeof inspectionDue>[0], addDays(current.nextDueDate, 1));
  await tx
    .update(vehicles)
    .set({ inspectionValidUntil: next.nextDueDate, updatedAt: ctx.clock.now() })
    .where(eq(vehicles.id, vehicleId));
  return { inspectionValidUntil: next.nextDueDate };
}

/** 注册登记: a new vehicle from the dealer's sale record, owned by the applicant, without a plate yet. */
export async function registerNewVehicle(
  ctx: AppContext,
  tx: Tx,
  input: {
    vin: string;
    ownerId: string;
    officeId: string;
    sale: Readonly<Record<string, unknown>>;
    insuranceUntil: string | null;
  },
) {
  const s = input.sale as Record<string, string | number>;
  const [row] = await tx
    .insert(vehicles)
    .values({
      vin: input.vin,
      vinCheckOk: checkVin(input.vin).checkDigitOk,
      plate: null,
      plateKind: null,
      vehicleType: String(s.vehicleType ?? 'small-passenger'),
      useType: 'non-operating',
      energyType: String(s.energyType ?? 'petrol'),
      brand: String(s.brand ?? ''),
      model: String(s.model ?? ''),
      colour: String(s.colour ?? ''),
      seats: Number(s.seats ?? 5),
      registrationDate: ctx.clock.today(),
      ownerId: input.ownerId,
      status: 'normal',
      insuranceUntil: input.insuranceUntil,
      officeId: input.officeId,
    })
    .onConflictDoNothing()
    .returning({ id: vehicles.id });
  return { vehicleId: row?.id ?? null, registeredOn: ctx.clock.today() };
}
