import crypto from 'node:crypto';
import type { PartnerIngestResult } from '@opendmv/contracts';
import type { SQL } from 'drizzle-orm';
import type { Clock } from '../platform/context.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import { type Db, queryRows } from '../platform/db/client.ts';
import type { PartnerClient } from './http.ts';

/**
 * What an outside partner system knows of the world: it may READ the database (read-only transactions) to
 * pick realistic subjects, and decrypt an ID number it would hold in its own files. It writes only through
 * the HTTP API with its token.
 */
export interface SimulatorWorld {
  db: Db;
  pii: Pick<PiiCipher, 'decrypt'>;
  clock: Clock;
}

/** One partner's periodic batch: pick a few subjects and post them in one request. */
export type Tick = (client: PartnerClient, world: SimulatorWorld, count: number) => Promise<TickResult>;
export interface TickResult {
  posted: number;
  result?: PartnerIngestResult;
}

/**
 * Rows of a query in a READ ONLY transaction. The transaction must end before the simulator posts: on the
 * embedded database the server answering the post shares the one connection.
 */
export const readRows = <T>(world: SimulatorWorld, query: SQL): Promise<T[]> =>
  world.db.transaction((tx) => queryRows<T>(tx, query), { accessMode: 'read only' });

export const randomInt = (min: number, maxInclusive: number): number =>
  crypto.randomInt(min, maxInclusive + 1);
export const chance = (p: number): boolean => crypto.randomInt(1_000_000) < p * 1_000_000;
export const pick = <T>(items: readonly T[]): T => items[crypto.randomInt(items.length)]!;
export const digits = (n: number): string => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
export const compactDate = (isoDate: string): string => isoDate.replaceAll('-', '');

/** Post only when there is something to post. */
export async function postBatch<R>(
  records: R[],
  send: (records: R[]) => Promise<PartnerIngestResult>,
): Promise<TickResult> {
  if (records.length === 0) return { posted: 0 };
  return { posted: records.length, result: await send(records) };
}
