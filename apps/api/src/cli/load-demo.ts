/**
 * Loads the demo city into the configured database (DATABASE_URL, or PGlite in DATA_DIR — stop the
 * server first: PGlite's data directory is locked by one process).
 *
 *   tsx apps/api/src/cli/load-demo.ts small|city [--reset] [--seed N]
 *
 * Refuses a database that already holds data unless --reset, which drops the `public` and `drizzle`
 * schemas (audit log included) and migrates again. Writes DATA_DIR/demo-accounts.json (mode 0600).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { DEFAULT_SEED, seedDemo } from '../../db/seed/index.ts';
import { loadConfig } from '../config.ts';
import { type AppContext, systemClock } from '../platform/context.ts';
import { createPiiCipher, loadMasterKey } from '../platform/crypto/pii.ts';
import type { Database } from '../platform/db/client.ts';
import { openConfiguredDatabase } from '../platform/db/open.ts';

const USAGE = 'usage: tsx apps/api/src/cli/load-demo.ts small|city [--reset] [--seed N]';

async function countRows(database: Database): Promise<number> {
  const res = (await database.db.execute(
    sql`select (select count(*) from offices) + (select count(*) from persons) + (select count(*) from users) as n`,
  )) as unknown as { rows: { n: number | string }[] };
  return Number(res.rows[0]?.n ?? 0);
}

async function reset(database: Database): Promise<void> {
  // Dropping the schema is the only way past the audit log's append-only triggers, by design.
  await database.db.execute(sql.raw('DROP SCHEMA IF EXISTS drizzle CASCADE'));
  await database.db.execute(sql.raw('DROP SCHEMA IF EXISTS public CASCADE'));
  await database.db.execute(sql.raw('CREATE SCHEMA public'));
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      reset: { type: 'boolean', default: false },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const size = positionals[0];
  if (values.help || (size !== 'small' && size !== 'city') || positionals.length > 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    console.error(`--seed must be an integer 0–4294967295\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`;
  const log = (message: string) => console.log(`[${elapsed()}] ${message}`);
  log(
    `database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${path.join(config.dataDir, 'pglite')}`}`,
  );
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    const existing = await countRows(database);
    if (existing > 0) {
      if (!values.reset) {
        console.error(
          `The database already holds data (${existing} offices/persons/users). Use --reset to drop it and load anew.`,
        );
        return 1;
      }
      log('--reset: dropping schemas public and drizzle, migrating again');
      await reset(database);
      await database.migrate();
    }
    log('migrated');
    const ctx: AppContext = {
      config,
      database,
      db: database.db,
      pii: createPiiCipher(loadMasterKey(config.dataKey, config.dataDir)),
      clock: systemClock,
    };
    const accountsFile = path.join(config.dataDir, 'demo-accounts.json');
    log(`loading the ${size} demo city (seed ${seed}, as of ${ctx.clock.today()})…`);
    const result = await seedDemo(ctx, { size, seed, accountsFile, onProgress: (m) => log(m) });
    log('done');
    console.log('\ncounts:');
    for (const [k, v] of Object.entries(result.counts))
      console.log(`  ${k.padEnd(16)} ${v.toLocaleString('en').padStart(12)}`);
    console.log('timings (s):');
    for (const [k, v] of Object.entries(result.timings))
      console.log(`  ${k.padEnd(16)} ${(v / 1000).toFixed(1).padStart(12)}`);
    console.log(
      `\ndemo accounts (password ${result.accounts[0]?.password ?? ''}) written to ${accountsFile}`,
    );
    for (const a of result.accounts) {
      console.log(
        `  ${a.username.padEnd(12)} ${a.role.padEnd(10)} ${(a.office ?? '-').padEnd(5)} ${a.displayName}${a.totpSecret ? '  [TOTP]' : ''}`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
