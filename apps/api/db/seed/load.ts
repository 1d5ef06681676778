/**
 * Writing the generated city to the database.
 *  - small: multi-row INSERTs through Drizzle, batches of 500, one transaction (PGlite or PostgreSQL).
 *  - bulk (city): streamed CSV and COPY — pg-copy-streams on a pooled PostgreSQL client, `/dev/blob` on
 *    PGlite — inside one transaction that first drops the constraints and indexes of the four big tables
 *    and recreates them (identically, from the catalog) after the load, then ANALYZE.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import copyStreams from 'pg-copy-streams';
import { appendAudit, SYSTEM_ACTOR } from '../../src/platform/audit/audit.ts';
import type { AppContext } from '../../src/platform/context.ts';
import type { Db, Executor } from '../../src/platform/db/client.ts';
import * as schema from '../../src/platform/db/schema.ts';
import {
  apiTokens,
  drivingLicences,
  offices,
  persons,
  users,
  vehicles,
  violations,
} from '../../src/platform/db/schema.ts';
import type { DemoCityGenerator } from './generate.ts';
import {
  type CsvSpec,
  csvLine,
  LICENCE_CSV,
  licenceRow,
  PERSON_CSV,
  personRow,
  VEHICLE_CSV,
  VIOLATION_CSV,
  vehicleRow,
  violationRow,
  withDates,
} from './rows.ts';

export type OfficeInsert = typeof offices.$inferInsert;
export type UserInsert = typeof users.$inferInsert;
export type ApiTokenInsert = typeof apiTokens.$inferInsert;

/** Rows that are not generated in bulk: offices, accounts (with password hashes) and API tokens. */
export interface BaseRows {
  offices: OfficeInsert[];
  users: UserInsert[];
  apiTokens: ApiTokenInsert[];
}

export interface LoadResult {
  counts: Record<string, number>;
  timings: Record<string, number>;
}

export type Progress = (message: string) => void;

const BATCH = 500;

function* batches<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function* map<T, U>(rows: Iterable<T>, f: (row: T) => U): Generator<U> {
  for (const row of rows) yield f(row);
}

async function insertBase(db: Executor, base: BaseRows): Promise<void> {
  await db.insert(offices).values(base.offices);
  await db.insert(users).values(base.users);
  await db.insert(apiTokens).values(base.apiTokens);
}

function auditDetails(gen: DemoCityGenerator, size: string, counts: Record<string, number>) {
  return {
    action: 'demo.seed',
    details: { size, seed: gen.seed, today: gen.today, counts },
  };
}

/** The small city through Drizzle, in one transaction. */
export async function loadSmall(
  ctx: AppContext,
  gen: DemoCityGenerator,
  base: BaseRows,
  size: string,
  progress: Progress = () => {},
): Promise<LoadResult> {
  const counts: Record<string, number> = {};
  const timings: Record<string, number> = {};
  await ctx.db.transaction(async (tx) => {
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      timings[name] = Math.round(now - t);
      t = now;
      progress(
        name in counts
          ? `${name}: ${counts[name]} rows in ${timings[name]} ms`
          : `${name} in ${timings[name]} ms`,
      );
    };
    await insertBase(tx, base);
    counts.offices = base.offices.length;
    counts.users = base.users.length;
    counts.apiTokens = base.apiTokens.length;
    lap('base');
    // One table after another, in batches, in foreign-key order.
    const passes = [
      ['persons', persons, map(gen.persons(), (p) => withDates(personRow(p, ctx.pii)))],
      ['drivingLicences', drivingLicences, map(gen.licences(), (l) => withDates(licenceRow(l)))],
      ['vehicles', vehicles, map(gen.vehicles(), (v) => withDates(vehicleRow(v)))],
      ['violations', violations, map(gen.violations(), (v) => withDates(violationRow(v)))],
    ] as const;
    for (const [name, table, rows] of passes) {
      counts[name] = 0;
      for (const batch of batches(rows as Iterable<Record<string, unknown>>, BATCH)) {
        await tx.insert(table).values(batch as never);
        counts[name] += batch.length;
      }
      lap(name);
    }
    const { action, details } = auditDetails(gen, size, counts);
    await appendAudit(tx, SYSTEM_ACTOR, { action, entityType: 'system', details });
  });
  return { counts, timings };
}

// ---- bulk ---------------------------------------------------------------------------------------------------

interface BulkConnection {
  kind: 'pglite' | 'postgres';
  /** Drizzle bound to this very connection (so it runs inside the open transaction). */
  db: Executor;
  exec(sql: string): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  /** COPY `chunks` of CSV text into `spec.table`. */
  copy(spec: CsvSpec<unknown>, chunks: Iterable<string>, freeze: boolean): Promise<void>;
  /** Rows per CSV chunk that suits the backend. */
  chunkRows: number;
  release(): Promise<void>;
}

async function openBulkConnection(ctx: AppContext): Promise<BulkConnection> {
  const database = ctx.database;
  const copyOptions = (freeze: boolean) => (freeze ? 'FORMAT csv, FREEZE' : 'FORMAT csv');
  if (database.kind === 'postgres') {
    if (!database.pool) throw new Error('PostgreSQL database without a pool');
    const client = await database.pool.connect();
    return {
      kind: 'postgres',
      db: drizzlePg(client, { schema }) as unknown as Db,
      exec: async (sql) => {
        await client.query(sql);
      },
      rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
      copy: async (spec, chunks, freeze) => {
        const stream = client.query(
          copyStreams.from(
            `COPY ${spec.table} (${spec.columns.join(', ')}) FROM STDIN WITH (${copyOptions(freeze)})`,
          ),
        );
        await pipeline(Readable.from(chunks), stream);
      },
      chunkRows: 2_000,
      release: async () => client.release(),
    };
  }
  const lite = database.lite;
  if (!lite) throw new Error('PGlite database without its instance');
  return {
    kind: 'pglite',
    db: ctx.db,
    exec: async (sql) => {
      await lite.exec(sql);
    },
    rows: async <T>(sql: string) => (await lite.query<T>(sql)).rows,
    copy: async (spec, chunks, freeze) => {
      const sql = `COPY ${spec.table} (${spec.columns.join(', ')}) FROM '/dev/blob' WITH (${copyOptions(freeze)})`;
      for (const chunk of chunks) await lite.query(sql, [], { blob: new Blob([chunk]) });
    },
    chunkRows: 50_000,
    release: async () => {},
  };
}

function* csvChunks<R>(
  spec: CsvSpec<R>,
  rows: Iterable<R>,
  rowsPerChunk: number,
  counter: { n: number },
): Generator<string> {
  let parts: string[] = [];
  for (const row of rows) {
    parts.push(csvLine(spec, row));
    counter.n += 1;
    if (parts.length >= rowsPerChunk) {
      yield parts.join('');
      parts = [];
    }
  }
  if (parts.length > 0) yield parts.join('');
}

const BIG_TABLES = ['persons', 'driving_licences', 'vehicles', 'violations'];

interface SavedConstraint {
  tbl: string;
  name: string;
  def: string;
  contype: 'p' | 'u' | 'f';
}
interface SavedIndex {
  name: string;
  def: string;
}

/** Drops the keys, unique constraints, foreign keys (on or into the big tables) and plain indexes of the
 * big tables; returns what is needed to recreate them exactly. */
async function dropConstraints(
  conn: BulkConnection,
): Promise<{ constraints: SavedConstraint[]; indexes: SavedIndex[] }> {
  const tables = `ARRAY[${BIG_TABLES.map((t) => `'${t}'`).join(',')}]::regclass[]`;
  const constraints = await conn.rows<SavedConstraint>(`
    SELECT c.conrelid::regclass::text AS tbl, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS def,
           c.contype::text AS contype
    FROM pg_constraint c
    WHERE (c.contype IN ('p', 'u') AND c.conrelid = ANY(${tables}))
       OR (c.contype = 'f' AND (c.conrelid = ANY(${tables}) OR c.confrelid = ANY(${tables})))
    ORDER BY c.conrelid::regclass::text, c.conname`);
  const indexes = await conn.rows<SavedIndex>(`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i
    WHERE i.indrelid = ANY(${tables})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
    ORDER BY 1`);
  for (const c of constraints.filter((c) => c.contype === 'f'))
    await conn.exec(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
  for (const c of constraints.filter((c) => c.contype !== 'f'))
    await conn.exec(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await conn.exec(`DROP INDEX ${i.name}`);
  return { constraints, indexes };
}

async function restoreConstraints(
  conn: BulkConnection,
  saved: { constraints: SavedConstraint[]; indexes: SavedIndex[] },
  progress: Progress,
): Promise<void> {
  for (const c of saved.constraints.filter((c) => c.contype !== 'f')) {
    const t = performance.now();
    await conn.exec(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
    progress(`  ${c.tbl}: ${c.def} (${Math.round(performance.now() - t)} ms)`);
  }
  for (const i of saved.indexes) {
    const t = performance.now();
    await conn.exec(i.def);
    progress(`  index ${i.name} (${Math.round(performance.now() - t)} ms)`);
  }
  for (const c of saved.constraints.filter((c) => c.contype === 'f')) {
    const t = performance.now();
    await conn.exec(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
    progress(`  ${c.tbl}: ${c.def} (${Math.round(performance.now() - t)} ms)`);
  }
}

/** The city through COPY, in one transaction, with constraints and indexes rebuilt after the load. */
export async function loadBulk(
  ctx: AppContext,
  gen: DemoCityGenerator,
  base: BaseRows,
  size: string,
  progress: Progress = () => {},
): Promise<LoadResult> {
  const counts: Record<string, number> = {};
  const timings: Record<string, number> = {};
  const conn = await openBulkConnection(ctx);
  let t = performance.now();
  const lap = (name: string, n?: number) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
    const rate = n ? ` (${Math.round(n / (timings[name]! / 1000 || 1)).toLocaleString('en')} rows/s)` : '';
    progress(
      `${name}: ${n === undefined ? '' : `${n.toLocaleString('en')} rows `}in ${(timings[name]! / 1000).toFixed(1)} s${rate}`,
    );
  };
  try {
    await conn.exec('BEGIN');
    await conn.exec(`SET LOCAL maintenance_work_mem = '${conn.kind === 'pglite' ? '128MB' : '512MB'}'`);
    await insertBase(conn.db, base);
    counts.offices = base.offices.length;
    counts.users = base.users.length;
    counts.apiTokens = base.apiTokens.length;
    const saved = await dropConstraints(conn);
    // Emptied in this transaction, so COPY may write the rows already frozen (no later vacuum rewrite).
    await conn.exec(`TRUNCATE ${BIG_TABLES.join(', ')}`);
    lap('base');

    const load = async <P, R>(name: string, spec: CsvSpec<R>, rows: Iterable<P>, toRow: (p: P) => R) => {
      const counter = { n: 0 };
      await conn.copy(
        spec as CsvSpec<unknown>,
        csvChunks(spec, map(rows, toRow), conn.chunkRows, counter),
        true,
      );
      counts[name] = counter.n;
      lap(name, counter.n);
    };
    await load('persons', PERSON_CSV, gen.persons(), (p) => personRow(p, ctx.pii));
    await load('drivingLicences', LICENCE_CSV, gen.licences(), licenceRow);
    await load('vehicles', VEHICLE_CSV, gen.vehicles(), vehicleRow);
    await load('violations', VIOLATION_CSV, gen.violations(), violationRow);

    progress('rebuilding keys, indexes and foreign keys…');
    await restoreConstraints(conn, saved, progress);
    lap('constraints');
    const { action, details } = auditDetails(gen, size, counts);
    await appendAudit(conn.db, SYSTEM_ACTOR, { action, entityType: 'system', details });
    await conn.exec('COMMIT');
    lap('commit');
  } catch (err) {
    await conn.exec('ROLLBACK').catch(() => {});
    await conn.release();
    throw err;
  }
  try {
    await conn.exec(`ANALYZE ${['offices', 'users', ...BIG_TABLES].join(', ')}`);
    lap('analyze');
  } finally {
    await conn.release();
  }
  return { counts, timings };
}
