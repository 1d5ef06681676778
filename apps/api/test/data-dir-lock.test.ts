import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, queryRows } from '../src/platform/db/client.ts';
import { DataDirInUseError } from '../src/platform/db/lock.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'odmv-lock-'));
let first: Database | undefined;

afterAll(async () => {
  await first?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('one process per embedded data directory', () => {
  it('refuses a second opener with a clear error and leaves the first one working', async () => {
    first = await openDatabase({ kind: 'pglite', dataDir: dir });
    await first.migrate();
    await first.db.execute(
      sql`insert into calendar_days (day, kind, name, source) values ('2027-01-01', 'holiday', 'test', 'test')`,
    );

    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);

    // A second server process on the same DATA_DIR stops with the message, before touching the files.
    const child = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'apps/api/src/server.ts'],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('already open in another OpenDMV process');

    const rows = await queryRows<{ n: number }>(
      first.db,
      sql`select count(*)::int as n from calendar_days where day = '2027-01-01'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('takes over after the holder closes', async () => {
    await first!.close();
    first = await openDatabase({ kind: 'pglite', dataDir: dir });
    const rows = await queryRows<{ n: number }>(
      first.db,
      sql`select count(*)::int as n from calendar_days where day = '2027-01-01'`,
    );
    expect(rows[0]!.n).toBe(1);
  });
});
