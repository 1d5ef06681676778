import {
  checkVin,
  classifyPlate,
  findViolationCode,
  type Locale,
  maskIdNumber,
  maskPhone,
  normalizePlate,
  normalizeVin,
  type PersonDetail,
  parseIdNumber,
  ruleAt,
  type SearchResult,
  type VehicleDetail,
  VIOLATION_CODE_TABLE,
} from '@opendmv/contracts';
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { appendAudit, recordAudit } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { auditActorOf, type Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { officeIdsUnder } from '../offices/scope.ts';
import { toLicenceDto, toPersonDto, toVehicleDto, toViolationDto, violationTotals } from './mappers.ts';
import * as repo from './repository.ts';
import { persons, vehicles, violations } from './schema.ts';

type Meta = { ip: string; requestId: string };
type Staff = Extract<Principal, { kind: 'user' }>;

/** Registry reads are limited to the 车管所 the staff member works in. */
const scopeOf = async (ctx: AppContext, p: Principal): Promise<string[]> => {
  const path = p.kind === 'user' ? p.registryScopePath : p.officePath;
  return path ? officeIdsUnder(ctx.db, path) : [];
};

/** One box for an ID number, a plate or a VIN: what was typed decides what is searched. */
export async function searchRegistry(ctx: AppContext, p: Principal, q: string): Promise<SearchResult> {
  const today = ctx.clock.today();
  const scope = await scopeOf(ctx, p);
  const text = q.trim().toUpperCase();
  const empty = { persons: [], vehicles: [], licences: [] };
  if (/^\d{17}[\dX]$/.test(text)) {
    if (!parseIdNumber(text, today).ok) return { kind: 'id-number', ...empty };
    const person = await repo.findPersonByIdHash(ctx.db, ctx.pii.lookupHash(text), scope);
    if (!person) return { kind: 'id-number', ...empty };
    const [licence, owned] = await Promise.all([
      repo.findLicenceByPerson(ctx.db, person.id),
      repo.listVehiclesOfOwner(ctx.db, person.id),
    ]);
    return {
      kind: 'id-number',
      persons: [toPersonDto(person)],
      vehicles: owned.map((v) => toVehicleDto(v, person.name, today)),
      licences: licence ? [toLicenceDto(licence, today)] : [],
    };
  }
  const vin = normalizeVin(text);
  if (checkVin(vin).format) {
    const rows = await repo.findVehicleByPlateOrVin(ctx.db, { vin }, scope);
    return { kind: 'vin', ...empty, vehicles: rows.map((r) => toVehicleDto(r.vehicle, r.ownerName, today)) };
  }
  const plate = normalizePlate(text);
  if (classifyPlate(plate)) {
    const rows = await repo.findVehicleByPlateOrVin(ctx.db, { plate }, scope);
    return {
      kind: 'plate',
      ...empty,
      vehicles: rows.map((r) => toVehicleDto(r.vehicle, r.ownerName, today)),
    };
  }
  return { kind: 'unknown', ...empty };
}

export async function getPersonDetail(
  ctx: AppContext,
  p: Principal,
  id: string,
  locale: Locale,
): Promise<PersonDetail> {
  const today = ctx.clock.today();
  const person = await repo.findPersonById(ctx.db, id, await scopeOf(ctx, p));
  if (!person) throw new AppError('NOT_FOUND');
  const [licence, owned, viols] = await Promise.all([
    repo.findLicenceByPerson(ctx.db, id),
    repo.listVehiclesOfOwner(ctx.db, id),
    repo.listViolationsOfPerson(ctx.db, id),
  ]);
  return {
    person: toPersonDto(person),
    licence: licence ? toLicenceDto(licence, today) : null,
    vehicles: owned.map((v) => toVehicleDto(v, person.name, today)),
    violations: viols.map((v) => toViolationDto(v, today, locale)),
  };
}

/** The full ID number and phone, for a stated purpose; the read itself is audited. */
export async function revealPerson(ctx: AppContext, p: Principal, meta: Meta, id: string, purpose: string) {
  const person = await repo.findPersonById(ctx.db, id, await scopeOf(ctx, p));
  if (!person) throw new AppError('NOT_FOUND');
  await recordAudit(ctx.db, auditActorOf(p, meta.ip, meta.requestId), {
    action: 'person.reveal',
    entityType: 'person',
    entityId: id,
    details: { purpose, fields: ['idNumber', 'phone'] },
  });
  return toPersonDto(person, {
    idNumber: ctx.pii.decrypt(person.idNumberEnc),
    phone: person.phoneEnc ? ctx.pii.decrypt(person.phoneEnc) : null,
  });
}

export async function createPerson(
  ctx: AppContext,
  p: Staff,
  meta: Meta,
  body: { idNumber: string; name: string; phone?: string; address?: string },
) {
  const parsed = parseIdNumber(body.idNumber, ctx.clock.today());
  if (!parsed.ok)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'body.idNumber', message: `invalid resident ID number (${parsed.reason})` },
    ]);
  if (!p.officeId) throw new AppError('FORBIDDEN');
  const hash = ctx.pii.lookupHash(body.idNumber);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(persons)
      .values({
        idNumberEnc: ctx.pii.encrypt(body.idNumber),
        idNumberHash: hash,
        idNumberMasked: maskIdNumber(body.idNumber),
        name: body.name,
        sex: parsed.sex,
        birthDate: parsed.birthDate,
        regionCode: parsed.regionCode,
        phoneEnc: body.phone ? ctx.pii.encrypt(body.phone) : null,
        phoneHash: body.phone ? ctx.pii.lookupHash(body.phone) : null,
        phoneMasked: body.phone ? maskPhone(body.phone) : null,
        address: body.address ?? null,
        officeId: p.officeId!,
        createdBy: p.userId,
        updatedBy: p.userId,
      })
      .onConflictDoNothing({ target: persons.idNumberHash })
      .returning();
    if (!row)
      throw new AppError('CONFLICT', [
        { field: 'body.idNumber', message: 'a person with this ID number is already registered' },
      ]);
    await appendAudit(tx, auditActorOf(p, meta.ip, meta.requestId), {
      action: 'person.create',
      entityType: 'person',
      entityId: row.id,
    });
    return toPersonDto(row);
  });
}

export async function getVehicleDetail(
  ctx: AppContext,
  p: Principal,
  id: string,
  locale: Locale,
): Promise<VehicleDetail> {
  const today = ctx.clock.today();
  const found = await repo.findVehicleById(ctx.db, id, await scopeOf(ctx, p));
  if (!found) throw new AppError('NOT_FOUND');
  const [owner, viols] = await Promise.all([
    repo.findPersonById(ctx.db, found.vehicle.ownerId, null),
    repo.listViolationsOfVehicle(ctx.db, id),
  ]);
  const violationIds = viols.map((v) => v.id);
  const history = await ctx.db
    .select()
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.entityType, 'vehicle'), eq(auditLog.entityId, id)),
        violationIds.length
          ? and(eq(auditLog.entityType, 'violation'), inArray(auditLog.entityId, violationIds))
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(100);
  return {
    vehicle: toVehicleDto(found.vehicle, found.ownerName, today),
    owner: toPersonDto(owner!),
    violations: viols.map((v) => toViolationDto(v, today, locale)),
    history: history.map((h) => ({
      seq: h.seq,
      at: new Date(h.at).toISOString(),
      actorId: h.actorId,
      actorRole: h.actorRole,
      action: h.action,
      entityType: h.entityType,
      entityId: h.entityId,
      outcome: h.outcome,
      details: h.details,
    })),
  };
}

export async function getLicenceDetail(ctx: AppContext, p: Principal, id: string) {
  const licence = await repo.findLicenceById(ctx.db, id, await scopeOf(ctx, p));
  if (!licence) throw new AppError('NOT_FOUND');
  const holder = await repo.findPersonById(ctx.db, licence.personId, null);
  return { licence: toLicenceDto(licence, ctx.clock.today()), holder: toPersonDto(holder!) };
}

export async function listViolationsForPlate(
  ctx: AppContext,
  p: Principal,
  q: { plate: string; status?: 'unhandled' | 'decided' | 'paid'; limit: number },
  locale: Locale,
) {
  const today = ctx.clock.today();
  const rows = await repo.listViolationsByPlate(ctx.db, normalizePlate(q.plate), {
    status: q.status,
    limit: q.limit,
    scopeIds: await scopeOf(ctx, p),
  });
  const items = rows.map((r) => toViolationDto(r, today, locale));
  return { items, totals: violationTotals(items) };
}

/** A new violation from an officer, a camera system or a partner: code, fine and points as the law stood then. */
export async function recordViolation(
  ctx: AppContext,
  p: Principal,
  meta: Meta,
  body: {
    code: string;
    occurredAt: string;
    place: string;
    plate: string;
    source: 'camera' | 'officer' | 'partner';
  },
  locale: Locale,
) {
  const occurred = new Date(body.occurredAt);
  if (occurred.getTime() > ctx.clock.now().getTime()) {
    throw new AppError('VALIDATION_FAILED', [
      { field: 'body.occurredAt', message: 'must not be in the future' },
    ]);
  }
  const onDate = body.occurredAt.slice(0, 10);
  const table = ruleAt(VIOLATION_CODE_TABLE, onDate < '2022-04-01' ? '2022-04-01' : onDate).value;
  const code = findViolationCode(body.code, table);
  if (!code)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.code', message: 'unknown violation code' }]);
  const plate = normalizePlate(body.plate);
  if (!classifyPlate(plate))
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.plate', message: 'not a valid plate number' }]);
  const officeId = p.officeId;
  if (!officeId) throw new AppError('FORBIDDEN');
  const vehicle = (
    await ctx.db.select({ id: vehicles.id }).from(vehicles).where(eq(vehicles.plate, plate)).limit(1)
  )[0];
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(violations)
      .values({
        code: code.code,
        occurredAt: occurred.toISOString(),
        place: body.place,
        plate,
        vehicleId: vehicle?.id ?? null,
        fineFen: code.fineFen,
        points: code.points,
        source: p.kind === 'token' ? 'partner' : body.source,
        officeId,
        createdBy: p.kind === 'user' ? p.userId : null,
      })
      .returning();
    await appendAudit(tx, auditActorOf(p, meta.ip, meta.requestId), {
      action: 'violation.record',
      entityType: 'violation',
      entityId: row!.id,
      details: { plate, code: code.code },
    });
    return toViolationDto(row!, ctx.clock.today(), locale);
  });
}
