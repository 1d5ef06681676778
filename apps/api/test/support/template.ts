import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { seedDemo } from '../../db/seed/index.ts';
import { loadConfig } from '../../src/config.ts';
import { seedCatalog } from '../../src/modules/catalog/index.ts';
import { fixedClock } from '../../src/platform/context.ts';
import { createPiiCipher } from '../../src/platform/crypto/pii.ts';
import { type Database, openDatabase } from '../../src/platform/db/client.ts';
import { TEST_MASTER_KEY, TEST_NOW, TEST_SEED } from './constants.ts';

export type DbTemplate =
  | { kind: 'pglite'; dumpFile: string; accountsFile: string }
  | { kind: 'postgres'; adminUrl: string; templateName: string; accountsFile: string };

export function testConfig(dataDir: string, overrides: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...overrides,
  } as NodeJS.ProcessEnv);
}

async function migrateAndSeed(database: Database, dir: string) {
  await database.migrate();
  const config = testConfig(dir);
  const accountsFile = path.join(dir, 'demo-accounts.json');
  const ctx = {
    config,
    database,
    db: database.db,
    pii: createPiiCipher(TEST_MASTER_KEY),
    clock: fixedClock(TEST_NOW),
  };
  await seedDemo(ctx, { size: 'small', seed: TEST_SEED, accountsFile });
  await seedCatalog(ctx);
  return accountsFile;
}

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export async function buildTemplate(dir: string, serverUrl: string | undefined): Promise<DbTemplate> {
  if (!serverUrl) {
    const database = await openDatabase({ kind: 'pglite' });
    const accountsFile = await migrateAndSeed(database, dir);
    const dump = await database.lite!.dumpDataDir('none');
    const dumpFile = path.join(dir, 'template.tar');
    fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    return { kind: 'pglite', dumpFile, accountsFile };
  }
  const templateName = `odmv_tmpl_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${templateName}`);
  const database = await openDatabase({ kind: 'postgres', url: withDb(serverUrl, templateName) });
  const accountsFile = await migrateAndSeed(database, dir);
  await database.close();
  return { kind: 'postgres', adminUrl: serverUrl, templateName, accountsFile };
}

/** A fresh database for one test file, copied from the template. */
export async function openTestDatabase(t: DbTemplate): Promise<Database> {
  if (t.kind === 'pglite') {
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([fs.readFileSync(t.dumpFile)]) });
  }
  const name = `odmv_t_${crypto.randomBytes(5).toString('hex')}`;
  await adminQuery(t.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${t.templateName}`);
  const database = await openDatabase({ kind: 'postgres', url: withDb(t.adminUrl, name), poolMax: 5 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await dropDatabase(t.adminUrl, name);
    },
  };
}

export async function dropDatabase(adminUrl: string, name: string) {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
