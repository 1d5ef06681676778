import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { drivingLicences, persons } from '../registry/schema.ts';
import { licenceShareCodes } from './schema.ts';

export type ShareCodeRow = typeof licenceShareCodes.$inferSelect;

/** What a verifier may learn of a licence, read live: no ID number, no address, no file number. */
export const findLicenceForCheck = async (db: Executor, licenceId: string) =>
  (
    await db
      .select({
        id: drivingLicences.id,
        status: drivingLicences.status,
        classes: drivingLicences.classes,
        validUntil: drivingLicences.validUntil,
        points: drivingLicences.points,
        officeId: drivingLicences.officeId,
        holderName: persons.name,
      })
      .from(drivingLicences)
      .innerJoin(persons, eq(persons.id, drivingLicences.personId))
      .where(eq(drivingLicences.id, licenceId))
      .limit(1)
  )[0];

export const insertShareCode = async (db: Executor, values: typeof licenceShareCodes.$inferInsert) =>
  (await db.insert(licenceShareCodes).values(values).returning())[0]!;

export const listShareCodesOf = (db: Executor, personId: string, limit = 50) =>
  db
    .select()
    .from(licenceShareCodes)
    .where(eq(licenceShareCodes.personId, personId))
    .orderBy(desc(licenceShareCodes.createdAt))
    .limit(limit);

export const countActiveShareCodes = async (db: Executor, personId: string, now: Date) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(licenceShareCodes)
      .where(
        and(
          eq(licenceShareCodes.personId, personId),
          isNull(licenceShareCodes.usedAt),
          isNull(licenceShareCodes.revokedAt),
          gt(licenceShareCodes.expiresAt, now),
        ),
      )
  )[0]?.n ?? 0;

/**
 * Uses a code: one statement that claims it only if it is still unused, not revoked and not expired. Two
 * checks of the same code at once: the second waits on the row lock, re-reads the row, finds `used_at` set
 * and gets nothing back.
 */
export const claimShareCode = async (db: Executor, codeHash: string, checker: string, now: Date) =>
  (
    await db
      .update(licenceShareCodes)
      .set({ usedAt: now, usedBy: checker })
      .where(
        and(
          eq(licenceShareCodes.codeHash, codeHash),
          isNull(licenceShareCodes.usedAt),
          isNull(licenceShareCodes.revokedAt),
          gt(licenceShareCodes.expiresAt, now),
        ),
      )
      .returning()
  )[0];

export const findShareCodeByHash = async (db: Executor, codeHash: string) =>
  (await db.select().from(licenceShareCodes).where(eq(licenceShareCodes.codeHash, codeHash)).limit(1))[0];

export const findShareCodeOf = async (db: Executor, id: string, personId: string) =>
  (
    await db
      .select()
      .from(licenceShareCodes)
      .where(and(eq(licenceShareCodes.id, id), eq(licenceShareCodes.personId, personId)))
      .limit(1)
  )[0];

/** Revokes an unused, unrevoked code of this person; nothing when it is not (any more) revocable. */
export const revokeShareCode = async (db: Executor, id: string, personId: string, now: Date) =>
  (
    await db
      .update(licenceShareCodes)
      .set({ revokedAt: now })
      .where(
        and(
          eq(licenceShareCodes.id, id),
          eq(licenceShareCodes.personId, personId),
          isNull(licenceShareCodes.usedAt),
          isNull(licenceShareCodes.revokedAt),
        ),
      )
      .returning()
  )[0];
