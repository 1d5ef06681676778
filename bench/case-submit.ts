/**
 * Benchmark: online case submission with instant approval (马上办) — a citizen files new contact details
 * (CONTACT-FILING): validation, the registry snapshot, the automatic check, the case row, four events,
 * the registry change and four audit records in one transaction — against a bare Fastify POST measured
 * in the same run. Server, load generator and database share this machine's cores: read the ratio.
 *
 *   npx tsx bench/case-submit.ts [--db pglite|postgres|both] [-c 50] [-d 10]
 *
 * Each backend starts from an empty data set with the `small` demo city (bench/.data/cases-*; PostgreSQL
 * in BENCH_CASES_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/odmv_bench_cases, recreated).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Figures, root, startProcess, stop, waitFor } from './lib.ts';

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

async function recreatePgDatabase(url: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
}

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

const body = (i: number) =>
  JSON.stringify({
    itemCode: 'CONTACT-FILING',
    subject: {},
    form: {
      phone: `139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}`,
      address: `示范市东湖区湖滨路${(i % 300) + 1}号`,
    },
    delivery: 'electronic',
  });

async function post(opts: { url: string; sessions?: Session[]; warm?: boolean }): Promise<Figures> {
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
          req.body = body(n);
          if (opts.sessions) {
            const s = opts.sessions[n % opts.sessions.length]!;
            req.headers = { ...req.headers, cookie: s.cookie, 'x-csrf-token': s.csrf };
          }
          return req;
        },
      },
    ],
  } as autocannon.Options);
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

async function runBackend(kind: 'pglite' | 'postgres', port: number) {
  const dataDir = path.join(root, `bench/.data/cases-${kind}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'postgres') await recreatePgDatabase(PG_URL);
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
    const sessions = await Promise.all(
      CITIZENS.map((u) => login(base, u, accounts.accounts.find((a) => a.username === u)!.password)),
    );
    const probe = await fetch(`${base}/api/v1/me/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: sessions[0]!.cookie,
        'x-csrf-token': sessions[0]!.csrf,
      },
      body: body(0),
    });
    const probeBody = (await probe.json()) as { status?: string; decidedBy?: string };
    if (probe.status !== 201 || probeBody.status !== 'completed' || probeBody.decidedBy !== 'rule')
      throw new Error(`probe was not approved by rule: ${probe.status} ${JSON.stringify(probeBody)}`);
    await post({ url: `${base}/api/v1/me/cases`, sessions, warm: true });
    return await post({ url: `${base}/api/v1/me/cases`, sessions });
  } finally {
    await stop(server);
  }
}

async function runBare(port: number): Promise<Figures> {
  const bare = startProcess('bench/bare-server.ts', { PORT: String(port) });
  try {
    await waitFor(`http://127.0.0.1:${port}/hello`, bare);
    await post({ url: `http://127.0.0.1:${port}/echo`, warm: true });
    return await post({ url: `http://127.0.0.1:${port}/echo` });
  } finally {
    await stop(bare);
  }
}

const rows: { name: string; f: Figures }[] = [];
const bare = await runBare(3911);
rows.push({ name: 'bare Fastify POST /echo (same JSON body)', f: bare });
for (const kind of values.db === 'both'
  ? (['postgres', 'pglite'] as const)
  : [values.db as 'pglite' | 'postgres']) {
  rows.push({
    name: `POST /api/v1/me/cases CONTACT-FILING, approved by rule (${kind})`,
    f: await runBackend(kind, kind === 'pglite' ? 3912 : 3913),
  });
}

const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
console.log(
  `\ncase-submit, ${connections} connections, ${duration} s, ${new Date().toISOString()}, node ${process.version}`,
);
console.log(line(['route', 'cases/s (req/s)', 'p50 ms', 'p99 ms', 'ratio to bare', 'non-2xx', 'errors']));
console.log(line(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
for (const { name, f } of rows)
  console.log(
    line([
      name,
      f.reqPerSec,
      f.p50,
      f.p99,
      `${((f.reqPerSec / bare.reqPerSec) * 100).toFixed(1)} %`,
      f.non2xx,
      f.errors,
    ]),
  );
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/case-submit.json'),
  JSON.stringify({ at: new Date().toISOString(), connections, duration, rows }, null, 2),
);
