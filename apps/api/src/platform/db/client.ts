import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or a transaction inside it. */
export type Executor = Db | Tx;

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../db/migrations');

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; lock?: boolean }
  | { kind: 'postgres'; url: string; poolMax?: number };

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance, for COPY and data-dir dumps; undefined on a server. */
  lite?: PGlite;
  pool?: pg.Pool;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

// node-postgres: return DATE columns as 'YYYY-MM-DD' strings, as PGlite does, never as local Dates.
pg.types.setTypeParser(1082, (v: string) => v);

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.kind === 'postgres') return openPostgres(opts.url, opts.poolMax ?? 10);
  return openPglite(opts);
}

async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob; lock?: boolean }): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    if (opts.lock !== false) lock = await acquireDataDirLock(opts.dataDir);
  }
  let lite: PGlite;
  try {
    lite = opts.dataDir
      ? await PGlite.create({ dataDir: path.join(opts.dataDir, 'pglite') })
      : await PGlite.create(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  } catch (err) {
    await lock?.release();
    throw err;
  }
  const db = drizzlePglite(lite, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    lite,
    migrate: async () => {
      await migratePglite(drizzlePglite(lite, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    close: async () => {
      await lite.close();
      await lock?.release();
    },
  };
}

async function openPostgres(url: string, poolMax: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pool,
    migrate: async () => {
      // Several API nodes may start together: one migrates, the others wait on the advisory lock.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(727274)');
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
        client.release();
      }
    },
    close: async () => {
      await pool.end();
    },
  };
}

/** Rows of a raw SQL query, on either driver (both answer `{ rows }`). */
export async function queryRows<T>(db: Executor, query: import('drizzle-orm').SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
