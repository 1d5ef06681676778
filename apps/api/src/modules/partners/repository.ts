import type { DeliveryEventRecord, PartnerSource, SnapshotPartnerRecord } from '@opendmv/contracts';
import { and, asc, desc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { cases } from '../cases/schema.ts';
import { apiTokens } from '../identity/schema.ts';
import { persons, vehicles } from '../registry/schema.ts';
import { partnerRecords } from './schema.ts';

export type PartnerRecordRow = typeof partnerRecords.$inferSelect;
export type PartnerRecordInsert = typeof partnerRecords.$inferInsert;

/*
 * Key resolution reads other modules' tables by their unique keys only (persons by the ID-number blind
 * index, vehicles by VIN, cases by number, a token's partner source), in one query per key kind for the
 * whole batch. This module writes only partner_records.
 */

/** The data source an API token speaks for (null: a partner token with no source may send nothing). */
export const findTokenPartnerSource = async (db: Executor, tokenId: string): Promise<string | null> =>
  (
    await db
      .select({ source: apiTokens.partnerSource })
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId))
      .limit(1)
  )[0]?.source ?? null;

/** Person ids by ID-number lookup hash. */
export async function personIdsByHash(db: Executor, hashes: string[]): Promise<Map<string, string>> {
  if (hashes.length === 0) return new Map();
  const rows = await db
    .select({ id: persons.id, hash: persons.idNumberHash })
    .from(persons)
    .where(inArray(persons.idNumberHash, [...new Set(hashes)]));
  return new Map(rows.map((r) => [r.hash, r.id]));
}

/** Registered vehicle ids by VIN. */
export async function vehicleIdsByVin(db: Executor, vins: string[]): Promise<Map<string, string>> {
  if (vins.length === 0) return new Map();
  const rows = await db
    .select({ id: vehicles.id, vin: vehicles.vin })
    .from(vehicles)
    .where(inArray(vehicles.vin, [...new Set(vins)]));
  return new Map(rows.map((r) => [r.vin, r.id]));
}

/** Dealer sales already stored, by VIN → the invoice reference (a sold, not yet registered vehicle). */
export async function salesByVin(db: Executor, vins: string[]): Promise<Map<string, string>> {
  if (vins.length === 0) return new Map();
  const rows = await db
    .select({ vin: partnerRecords.vin, reference: partnerRecords.reference })
    .from(partnerRecords)
    .where(and(eq(partnerRecords.source, 'dealer-sale'), inArray(partnerRecords.vin, [...new Set(vins)])));
  return new Map(rows.map((r) => [r.vin!, r.reference]));
}

/** Cases by number → their delivery option. */
export async function casesByNumber(
  db: Executor,
  numbers: string[],
): Promise<Map<string, { delivery: string }>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .select({ number: cases.number, delivery: cases.delivery })
    .from(cases)
    .where(inArray(cases.number, [...new Set(numbers)]));
  return new Map(rows.map((r) => [r.number, { delivery: r.delivery }]));
}

/** Insert, leaving an already stored (source, reference) untouched; returns the rows actually inserted. */
export const insertRecords = (db: Executor, rows: PartnerRecordInsert[]) =>
  db
    .insert(partnerRecords)
    .values(rows)
    .onConflictDoNothing({ target: [partnerRecords.source, partnerRecords.reference] })
    .returning({ id: partnerRecords.id, reference: partnerRecords.reference });

/** Who sent each already stored reference of this source (a reference is unique per source). */
export async function sendersByReference(
  db: Executor,
  source: PartnerSource,
  references: string[],
): Promise<Map<string, string | null>> {
  if (references.length === 0) return new Map();
  const rows = await db
    .select({ tokenId: partnerRecords.tokenId, reference: partnerRecords.reference })
    .from(partnerRecords)
    .where(
      and(eq(partnerRecords.source, source), inArray(partnerRecords.reference, [...new Set(references)])),
    );
  return new Map(rows.map((r) => [r.reference, r.tokenId]));
}

export async function idsByReference(
  db: Executor,
  source: PartnerSource,
  references: string[],
): Promise<Map<string, string>> {
  if (references.length === 0) return new Map();
  const rows = await db
    .select({ id: partnerRecords.id, reference: partnerRecords.reference })
    .from(partnerRecords)
    .where(and(eq(partnerRecords.source, source), inArray(partnerRecords.reference, references)));
  return new Map(rows.map((r) => [r.reference, r.id]));
}

export const listRecordsOfToken = (
  db: Executor,
  tokenId: string,
  limit: number,
): Promise<PartnerRecordRow[]> =>
  db
    .select()
    .from(partnerRecords)
    .where(eq(partnerRecords.tokenId, tokenId))
    .orderBy(desc(partnerRecords.receivedAt), desc(partnerRecords.id))
    .limit(limit);

/** Upper bound of the records a snapshot carries: a person and a vehicle hold a handful each. */
const SNAPSHOT_LIMIT = 50;

/**
 * The partner records held for a person, a registered vehicle or a VIN (a sold, not yet registered car),
 * newest first (by the date the record starts, then arrival), at most 50. Delivery events are not part of
 * a case's check and are left out. Used by the case engine to build a snapshot.
 */
export async function findPartnerRecordsFor(
  db: Executor,
  keys: { personId?: string | null; vehicleId?: string | null; vin?: string | null },
): Promise<SnapshotPartnerRecord[]> {
  const match: SQL[] = [];
  if (keys.personId) match.push(eq(partnerRecords.personId, keys.personId));
  if (keys.vehicleId) match.push(eq(partnerRecords.vehicleId, keys.vehicleId));
  if (keys.vin) match.push(eq(partnerRecords.vin, keys.vin.trim().toUpperCase()));
  if (match.length === 0) return [];
  const rows = await db
    .select()
    .from(partnerRecords)
    .where(and(ne(partnerRecords.source, 'post-delivery'), or(...match)))
    .orderBy(sql`${partnerRecords.validFrom} desc nulls last`, desc(partnerRecords.receivedAt))
    .limit(SNAPSHOT_LIMIT);
  return rows.map((r) => ({
    source: r.source as SnapshotPartnerRecord['source'],
    kind: r.kind,
    reference: r.reference,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    payload: r.payload as Record<string, unknown>,
    receivedAt: r.receivedAt.toISOString(),
  }));
}

export interface DeliveryEvent extends Omit<DeliveryEventRecord, 'caseNumber'> {
  receivedAt: string;
}

/** A case's postal tracking events in the order they happened. */
export async function findDeliveryEvents(db: Executor, caseNumber: string): Promise<DeliveryEvent[]> {
  const rows = await db
    .select()
    .from(partnerRecords)
    .where(and(eq(partnerRecords.source, 'post-delivery'), eq(partnerRecords.caseNumber, caseNumber)))
    .orderBy(sql`(${partnerRecords.payload}->>'at')::timestamptz`, asc(partnerRecords.receivedAt))
    .limit(100);
  return rows.map((r) => {
    const p = r.payload as Omit<DeliveryEventRecord, 'reference' | 'caseNumber'>;
    return {
      reference: r.reference,
      trackingNumber: p.trackingNumber,
      event: p.event,
      at: p.at,
      place: p.place,
      receivedAt: r.receivedAt.toISOString(),
    };
  });
}
