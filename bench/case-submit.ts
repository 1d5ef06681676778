/**
 * Benchmark: case submission with instant approval (马上办) — new contact details filed (CONTACT-FILING):
 * validation, the registry snapshot, the automatic check, the case row, four events, the registry change
 * and four audit records in one transaction — against a bare Fastify POST measured in the same run.
 * Two shapes: at the window, officer1 files for 1,000 different residents (the office's throughput);
 * online, five citizens file for themselves (each person's filings queue on their own record's row lock).
 * Server, load generator and database share this machine's cores: read the ratio.
 *
 *   npx tsx bench/case-submit.ts [--db pglite|postgres|both] [-c 50] [-d 10]
 *
 * Each backend starts from an empty data set with the `small` demo city (bench/.data/cases-*; PostgreSQL
 * in BENCH_CASES_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/odmv_bench_cases, recreated).
 */

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { createPiiCipher, loadMasterKey } from '../apps/api/src/platform/crypto/pii.ts';
import { openDatabase, queryRows } from '../apps/api/src/platform/db/client.ts';
import {
  type Figures,
  figuresOf,
  recreatePgDatabase,
  report,
  root,
  runBare,
  startProcess,
  stop,
  tsxCli,
  waitFor,
} from './lib.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    connections: { type: 'string', short: 'c', default: '50' },
    duration: { type: 'string', short: 'd', default: '10' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const PG_URL = process.env.BENCH_CASES_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/odmv_bench_cases';
const CITIZENS = ['citizen1', 'citizen2', 'citizen4', 'citizen5', 'citizen6'];

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: me.csrfToken };
}

const body = (i: number, applicantIdNumber?: string) =>
  JSON.stringify({
    itemCode: 'CONTACT-FILING',
    ...(applicantIdNumber ? { applicantIdNumber } : {}),
    subject: {},
    form: {
      phone: `139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
      address: `示范市东湖区湖滨路${(i % 300) + 1}号`,
    },
    delivery: 'electronic',
  });

async function post(opts: {
  url: string;
  sessions?: Session[];
  idNumbers?: string[];
  warm?: boolean;
}): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url: opts.url,
    connections,
    duration: opts.warm ? 3 : duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req: { headers: Record<string, string>; body: string }) => {
          const n = i++;
          req.body = body(n, opts.idNumbers?.[n % opts.idNumbers.length]);
          if (opts.sessions) {
            const s = opts.sessions[n % opts.sessions.length]!;
            req.headers = { ...req.headers, cookie: s.cookie, 'x-csrf-token': s.csrf };
          }
          return req;
        },
      },
    ],
  } as autocannon.Options);
  return figuresOf(result);
}

/** Loads the small demo city with the CLI and reads 1,000 residents' ID numbers (the window's applicants). */
async function prepare(kind: 'pglite' | 'postgres', dataDir: string): Promise<string[]> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'postgres') await recreatePgDatabase(PG_URL);
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: kind === 'postgres' ? PG_URL : '' };
  execFileSync(process.execPath, [tsxCli, 'apps/api/src/cli/load-demo.ts', 'small'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const database =
    kind === 'pglite'
      ? await openDatabase({ kind: 'pglite', dataDir })
      : await openDatabase({ kind: 'postgres', url: PG_URL });
  try {
    const pii = createPiiCipher(loadMasterKey(undefined, dataDir));
    const rows = await queryRows<{ enc: string }>(
      database.db,
      sql`SELECT id_number_enc AS enc FROM persons WHERE id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL) ORDER BY id LIMIT 1000`,
    );
    return rows.map((r) => pii.decrypt(r.enc));
  } finally {
    await database.close();
  }
}

async function runBackend(kind: 'pglite' | 'postgres', port: number) {
  const dataDir = path.join(root, `bench/.data/cases-${kind}`);
  const idNumbers = await prepare(kind, dataDir);
  const server = startProcess('apps/api/src/server.ts', {
    DATA_DIR: dataDir,
    DATABASE_URL: kind === 'postgres' ? PG_URL : '',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    DEMO_SIMULATORS: 'off',
    TIMER_SCAN_SECONDS: '0',
    NODE_ENV: 'production',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, server);
    const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as {
      accounts: { username: string; password: string }[];
    };
    const pw = (u: string) => accounts.accounts.find((a) => a.username === u)!.password;
    const sessions = await Promise.all(CITIZENS.map((u) => login(base, u, pw(u))));
    const officer = [await login(base, 'officer1', pw('officer1'))];
    const probe = await fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: officer[0]!.cookie,
        'x-csrf-token': officer[0]!.csrf,
      },
      body: body(0, idNumbers[0]),
    });
    const probeBody = (await probe.json()) as { status?: string; decidedBy?: string };
    if (probe.status !== 201 || probeBody.status !== 'completed' || probeBody.decidedBy !== 'rule')
      throw new Error(`probe was not approved by rule: ${probe.status} ${JSON.stringify(probeBody)}`);
    await post({ url: `${base}/api/v1/cases`, sessions: officer, idNumbers, warm: true });
    const window = await post({ url: `${base}/api/v1/cases`, sessions: officer, idNumbers });
    const online = await post({ url: `${base}/api/v1/me/cases`, sessions });
    return { window, online };
  } finally {
    await stop(server);
  }
}

const rows: { name: string; f: Figures }[] = [];
const bare = await runBare(3911, async (base) => {
  await post({ url: `${base}/echo`, warm: true });
  return post({ url: `${base}/echo` });
});
rows.push({ name: 'bare Fastify POST /echo (same JSON body)', f: bare });
for (const kind of values.db === 'both'
  ? (['postgres', 'pglite'] as const)
  : [values.db as 'pglite' | 'postgres']) {
  const { window, online } = await runBackend(kind, kind === 'pglite' ? 3912 : 3913);
  rows.push({ name: `POST /api/v1/cases (window, 1,000 residents), approved by rule — ${kind}`, f: window });
  rows.push({ name: `POST /api/v1/me/cases (online, 5 citizens), approved by rule — ${kind}`, f: online });
}

report('case-submit', { connections, duration, unit: 'cases/s (req/s)' }, rows);
