/**
 * Benchmark: violations by plate — the most frequent citizen/officer query — on the `city`
 * data (1 M persons and vehicles, 3 M violations), against a bare Fastify route measured in the
 * same run. Server, load generator and database share this machine's cores, so read the ratio.
 *
 *   npx tsx bench/violations-by-plate.ts [--db pglite|postgres|both] [-c 50] [-d 10]
 *
 * PGlite data lives in bench/.data/pglite-city (loaded on first run, minutes); PostgreSQL uses
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/odmv_bench, created if missing).
 */

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows } from '../apps/api/src/platform/db/client.ts';
import { type Figures, load, report, root, runBare, startProcess, stop, tsxCli, waitFor } from './lib.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    connections: { type: 'string', short: 'c', default: '50' },
    duration: { type: 'string', short: 'd', default: '10' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/odmv_bench';
const PGLITE_DIR = path.join(root, 'bench/.data/pglite-city');
const PG_DATA_DIR = path.join(root, 'bench/.data/pg-city');

async function ensurePgDatabase(url: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await c.query(`CREATE DATABASE ${name}`);
  await c.end();
}

/** Loads `city` once per backend (a CLI run, by COPY) and returns plates that have violations. */
async function prepare(kind: 'pglite' | 'postgres'): Promise<{ env: NodeJS.ProcessEnv; plates: string[] }> {
  const env: NodeJS.ProcessEnv =
    kind === 'pglite'
      ? { DATA_DIR: PGLITE_DIR, DATABASE_URL: '' }
      : { DATA_DIR: PG_DATA_DIR, DATABASE_URL: PG_URL };
  if (kind === 'postgres') await ensurePgDatabase(PG_URL);
  const database =
    kind === 'pglite'
      ? await openDatabase({ kind: 'pglite', dataDir: PGLITE_DIR })
      : await openDatabase({ kind: 'postgres', url: PG_URL });
  let count = 0;
  try {
    await database.migrate();
    count = Number(
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from violations`))[0]!.n,
    );
  } finally {
    await database.close();
  }
  if (count < 1_000_000) {
    console.log(`[${kind}] loading the city data set (this takes minutes)…`);
    const t0 = Date.now();
    execFileSync(process.execPath, [tsxCli, 'apps/api/src/cli/load-demo.ts', 'city', '--reset'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    console.log(`[${kind}] city loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const db2 =
    kind === 'pglite'
      ? await openDatabase({ kind: 'pglite', dataDir: PGLITE_DIR })
      : await openDatabase({ kind: 'postgres', url: PG_URL });
  try {
    const rows = await queryRows<{ plate: string }>(
      db2.db,
      sql`select plate from violations where plate in (select plate from vehicles tablesample system (1) where plate is not null limit 2000) group by plate limit 1000`,
    );
    return { env, plates: rows.map((r) => r.plate) };
  } finally {
    await db2.close();
  }
}

async function runBackend(kind: 'pglite' | 'postgres', port: number) {
  const { env, plates } = await prepare(kind);
  if (plates.length === 0) throw new Error('no plates with violations found');
  const server = startProcess('apps/api/src/server.ts', {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    DEMO_DATA: 'none',
    NODE_ENV: 'production',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, server);
    const accounts = JSON.parse(fs.readFileSync(path.join(env.DATA_DIR!, 'demo-accounts.json'), 'utf8')) as {
      accounts: { username: string; password: string }[];
    };
    const officer = accounts.accounts.find((a) => a.username === 'officer1')!;
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: officer.username, password: officer.password }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const paths = plates.map((p) => `/api/v1/violations?plate=${encodeURIComponent(p)}`);
    const check = await fetch(`${base}${paths[0]}`, { headers: { cookie } });
    if (!check.ok) throw new Error(`probe failed: ${check.status} ${await check.text()}`);
    await load({ url: base, connections, duration: 3, headers: { cookie }, paths }); // warm-up
    return await load({ url: base, connections, duration, headers: { cookie }, paths });
  } finally {
    await stop(server);
  }
}

const rows: { name: string; f: Figures }[] = [];
const bare = await runBare(3901, async (base) => {
  await load({ url: `${base}/hello`, connections, duration: 3 });
  return load({ url: `${base}/hello`, connections, duration });
});
rows.push({ name: 'bare Fastify GET /hello', f: bare });
for (const kind of values.db === 'both'
  ? (['postgres', 'pglite'] as const)
  : [values.db as 'pglite' | 'postgres']) {
  rows.push({
    name: `GET /api/v1/violations?plate= (${kind})`,
    f: await runBackend(kind, kind === 'pglite' ? 3902 : 3903),
  });
}

report('violations-by-plate', { connections, duration, unit: 'req/s' }, rows);
