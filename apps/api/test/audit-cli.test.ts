/**
 * `npm run audit:verify` (apps/api/src/cli/verify-audit.ts) against a database of its own: the
 * embedded PGlite data dir, or — when TEST_DATABASE_URL is set — a fresh PostgreSQL database.
 * Exit 0 on an intact chain, 1 with the broken seq named when a record was changed.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, SYSTEM_ACTOR } from '../src/platform/audit/audit.ts';
import { auditLog } from '../src/platform/audit/schema.ts';
import { type DatabaseOptions, openDatabase } from '../src/platform/db/client.ts';
import { dropDatabase } from './support/template.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'apps/api/src/cli/verify-audit.ts');
const serverUrl = process.env.TEST_DATABASE_URL;

let dir: string;
let dbName: string | undefined;
let options: DatabaseOptions;
let env: NodeJS.ProcessEnv;

async function admin(text: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'odmv-cli-'));
  const { DATABASE_URL: _unset, ...rest } = process.env;
  env = { ...rest, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir };
  if (serverUrl) {
    dbName = `odmv_cli_${crypto.randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE ${dbName}`);
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    options = { kind: 'postgres', url: u.toString() };
    env.DATABASE_URL = u.toString();
  } else {
    options = { kind: 'pglite', dataDir: dir };
  }
  const database = await openDatabase(options);
  try {
    await database.migrate();
    for (let i = 0; i < 3; i++)
      await recordAudit(database.db, SYSTEM_ACTOR, { action: 'test.event', details: { i } });
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  if (dbName && serverUrl) await dropDatabase(serverUrl, dbName);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function runCli(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI],
      { cwd: ROOT, env, timeout: 60_000 },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 2) : 0, stdout, stderr });
      },
    );
  });
}

describe('verify-audit CLI', () => {
  it('exits 0 and prints the report for an intact chain', async () => {
    const out = await runCli();
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: true, checked: 3, headSeq: 3, firstBroken: null });
  });

  it('exits 1 and names the changed record', async () => {
    const database = await openDatabase(options);
    try {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
        await tx
          .update(auditLog)
          .set({ details: { i: 99 } })
          .where(eq(auditLog.seq, 2));
        await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
      });
    } finally {
      await database.close();
    }
    const out = await runCli();
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({
      ok: false,
      firstBroken: { seq: 2, reason: 'hash-mismatch' },
    });
    expect(out.stderr).toContain('seq 2');
  });
});
