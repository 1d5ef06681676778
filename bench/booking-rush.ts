/**
 * Benchmark: the booking rush and a flooder.
 *
 * 1. Rush: 2,000 citizens (each with its own session, IP and device) book ONE first-come slot of
 *    capacity 50 at once — `POST /api/v1/me/appointments {slotId}` (201 held / 409 full). Time to
 *    settle (first request sent → last answer), p50/p99, errors, and `booked` = 50 exactly
 *    (read back through the availability API: remaining = 0, and 50 × 201). Baseline: a bare Fastify
 *    POST /echo fired the same way (same count, same concurrency) in the same run.
 * 2. Flood: 200 normal citizens file scarce-release requests (`POST /api/v1/me/allocation-requests`)
 *    at a normal rate (one every 6 s each), once alone and once with ONE client (one account, one IP,
 *    one device) sending 50× that rate. Result: normal users' success rate with the flooder ÷ without
 *    it (goal ≥ 0.95) — the per-identity / IP / device limits must throttle the flooder, not them.
 *
 *   npx tsx bench/booking-rush.ts [--db pglite|postgres|both] [--citizens 2000] [--concurrency 200]
 *
 * Each backend starts from an empty data set with the `small` demo city (bench/.data/booking-*;
 * PostgreSQL in BENCH_BOOKING_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/odmv_bench_booking,
 * recreated). Citizens are made straight in the database before the server starts: one account per
 * demo person (real-name level `id`, no usable password) and a session row with the identity module's
 * scheme (cookie = random token, stored as its SHA-256, plus a CSRF token), so no login is timed.
 * Clients sit behind a trusted proxy (TRUST_PROXY_HOPS=1): each one has its own X-Forwarded-For.
 */

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SESSION_COOKIE, todayInShanghai } from '@opendmv/contracts';
import { eq, isNotNull } from 'drizzle-orm';
import { appointmentSlots } from '../apps/api/src/modules/appointments/schema.ts';
import { sessions, users } from '../apps/api/src/modules/identity/schema.ts';
import { offices } from '../apps/api/src/modules/offices/schema.ts';
import { persons } from '../apps/api/src/modules/registry/schema.ts';
import { openDatabase } from '../apps/api/src/platform/db/client.ts';
import { recreatePgDatabase, root, runBare, startProcess, stop, tsxCli, waitFor } from './lib.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    citizens: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '200' },
    'flood-seconds': { type: 'string', default: '30' },
  },
});
const CITIZENS = Number(values.citizens);
const CONCURRENCY = Number(values.concurrency);
const CAPACITY = 50;
const NORMAL_CLIENTS = 200;
const NORMAL_INTERVAL_MS = 6_000; // 10 requests a minute: under the per-identity limit (20)
const FLOOD_FACTOR = 50;
const FLOOD_MS = Number(values['flood-seconds']) * 1000;
const RELEASES = 2 * Math.ceil(FLOOD_MS / NORMAL_INTERVAL_MS) + 2;
const PG_URL =
  process.env.BENCH_BOOKING_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/odmv_bench_booking';

interface Client {
  cookie: string;
  csrf: string;
  ip: string;
  device: string;
}
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const token = (n = 32) => crypto.randomBytes(n).toString('base64url');
const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const shanghaiAt = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Loads `small`, then makes CITIZENS accounts + sessions, the rush slots and the scarce releases. */
async function prepare(kind: 'pglite' | 'postgres', dataDir: string) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'postgres') await recreatePgDatabase(PG_URL);
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: kind === 'postgres' ? PG_URL : '' };
  const t0 = Date.now();
  execFileSync(process.execPath, [tsxCli, 'apps/api/src/cli/load-demo.ts', 'small'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const loadMs = Date.now() - t0;
  const database =
    kind === 'pglite'
      ? await openDatabase({ kind: 'pglite', dataDir })
      : await openDatabase({ kind: 'postgres', url: PG_URL });
  try {
    const t1 = Date.now();
    const db = database.db;
    const [cgs] = await db.select({ id: offices.id }).from(offices).where(eq(offices.code, 'CGS'));
    const all = await db.select({ id: persons.id, name: persons.name }).from(persons).orderBy(persons.id);
    const bound = new Map(
      (
        await db
          .select({ id: users.id, personId: users.personId })
          .from(users)
          .where(isNotNull(users.personId))
      ).map((u) => [u.personId!, u.id]),
    );
    const chosen = all.slice(0, CITIZENS);
    if (chosen.length < CITIZENS) throw new Error(`only ${chosen.length} persons in the demo city`);
    const fresh = chosen.filter((p) => !bound.has(p.id));
    for (let i = 0; i < fresh.length; i += 500) {
      const made = await db
        .insert(users)
        .values(
          fresh.slice(i, i + 500).map((p, k) => ({
            username: `bench-citizen-${i + k}`,
            passwordHash: 'bench:no-password', // not a valid hash: this account cannot log in
            role: 'citizen' as const,
            displayName: p.name,
            personId: p.id,
            realNameLevel: 'id' as const,
          })),
        )
        .returning({ id: users.id, personId: users.personId });
      for (const u of made) bound.set(u.personId!, u.id);
    }
    const expiresAt = new Date(Date.now() + 8 * 3_600_000);
    const clients: Client[] = chosen.map((_p, i) => ({
      cookie: token(),
      csrf: token(24),
      ip: ipOf(i + 1),
      device: `bench-device-${i}`,
    }));
    const rows = chosen.map((p, i) => ({
      tokenHash: sha256(clients[i]!.cookie),
      userId: bound.get(p.id)!,
      csrfToken: clients[i]!.csrf,
      expiresAt,
    }));
    for (let i = 0; i < rows.length; i += 500) await db.insert(sessions).values(rows.slice(i, i + 500));
    // One capacity-50 first-come slot (07:30, before the generated opening hours) on each of the next
    // 20 days: the first one inside the booking horizon is the rush's slot.
    const today = todayInShanghai(new Date());
    await db.insert(appointmentSlots).values(
      Array.from({ length: 20 }, (_, d) => {
        const day = addDays(today, d + 1);
        return {
          officeId: cgs!.id,
          category: 'licence',
          day,
          startsAt: shanghaiAt(day, '07:30'),
          endsAt: shanghaiAt(day, '08:00'),
          capacity: CAPACITY,
        };
      }),
    );
    // Scarce releases for the flood scenario: windows open for a day, far-off slots.
    const releases = await db
      .insert(appointmentSlots)
      .values(
        Array.from({ length: RELEASES }, (_, r) => {
          const day = addDays(today, 40 + r);
          return {
            officeId: cgs!.id,
            category: 'inspection',
            day,
            startsAt: shanghaiAt(day, '07:00'),
            endsAt: shanghaiAt(day, '07:30'),
            capacity: 10,
            allocation: 'lottery' as const,
            requestsCloseAt: new Date(Date.now() + 86_400_000),
          };
        }),
      )
      .returning({ id: appointmentSlots.id });
    return {
      officeId: cgs!.id,
      clients,
      releases: releases.map((r) => r.id),
      loadMs,
      citizensMs: Date.now() - t1,
      today,
    };
  } finally {
    await database.close();
  }
}

const headersOf = (c: Client): Record<string, string> => ({
  'content-type': 'application/json',
  cookie: `${SESSION_COOKIE}=${c.cookie}`,
  'x-csrf-token': c.csrf,
  'x-forwarded-for': c.ip,
  'x-device-id': c.device,
});

interface Shot {
  status: number; // 0 = no answer
  ms: number;
}
async function shoot(url: string, body: unknown, headers: Record<string, string>): Promise<Shot> {
  const t = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t };
  } catch {
    return { status: 0, ms: performance.now() - t };
  }
}

/** n requests at once, at most `concurrency` in flight: every answer and the time to settle. */
async function rush(n: number, fire: (i: number) => Promise<Shot>) {
  const shots: Shot[] = new Array(n);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, n) }, async () => {
      for (let i = next++; i < n; i = next++) shots[i] = await fire(i);
    }),
  );
  return { shots, settleMs: performance.now() - t0 };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const countBy = (shots: Shot[]) =>
  shots.reduce<Record<string, number>>((acc, s) => {
    acc[s.status] = (acc[s.status] ?? 0) + 1;
    return acc;
  }, {});
const summary = (shots: Shot[], settleMs: number) => ({
  settleMs: Math.round(settleMs),
  p50: Math.round(
    pct(
      shots.map((s) => s.ms),
      50,
    ),
  ),
  p99: Math.round(
    pct(
      shots.map((s) => s.ms),
      99,
    ),
  ),
  statuses: countBy(shots),
  errors: shots.filter((s) => s.status === 0 || s.status >= 500).length,
});

/** Normal clients at their rate (jittered start), optionally with one flooder at FLOOD_FACTOR× it. */
async function floodPhase(base: string, normals: Client[], flooder: Client | null, slots: string[]) {
  const url = `${base}/api/v1/me/allocation-requests`;
  const normal: Shot[] = [];
  const flood: Shot[] = [];
  const end = Date.now() + FLOOD_MS;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const runNormal = async (c: Client) => {
    await sleep(Math.random() * NORMAL_INTERVAL_MS);
    for (let k = 0; Date.now() < end && k < slots.length; k++) {
      const started = Date.now();
      normal.push(await shoot(url, { slotId: slots[k] }, headersOf(c)));
      await sleep(Math.max(0, NORMAL_INTERVAL_MS - (Date.now() - started)));
    }
  };
  const runFlood = async (c: Client) => {
    const gap = NORMAL_INTERVAL_MS / FLOOD_FACTOR;
    const inflight: Promise<void>[] = [];
    for (let k = 0; Date.now() < end; k++) {
      inflight.push(
        shoot(url, { slotId: slots[k % slots.length] }, headersOf(c)).then((s) => {
          flood.push(s);
        }),
      );
      await sleep(gap);
    }
    await Promise.all(inflight);
  };
  await Promise.all([...normals.map(runNormal), ...(flooder ? [runFlood(flooder)] : [])]);
  const ok = normal.filter((s) => s.status === 201).length;
  return {
    normalRequests: normal.length,
    normalSuccess: ok / Math.max(1, normal.length),
    normalP99: Math.round(
      pct(
        normal.map((s) => s.ms),
        99,
      ),
    ),
    normalStatuses: countBy(normal),
    flood: flooder ? { requests: flood.length, statuses: countBy(flood) } : null,
  };
}

async function runBackend(kind: 'pglite' | 'postgres', port: number) {
  const dataDir = path.join(root, `bench/.data/booking-${kind}`);
  const prep = await prepare(kind, dataDir);
  const server = startProcess('apps/api/src/server.ts', {
    DATA_DIR: dataDir,
    DATABASE_URL: kind === 'postgres' ? PG_URL : '',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    TRUST_PROXY_HOPS: '1',
    DEMO_SIMULATORS: 'off',
    TIMER_SCAN_SECONDS: '0',
    NODE_ENV: 'production',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, server);
    const avail = async () => {
      const res = await fetch(
        `${base}/api/v1/appointments/availability?officeId=${prep.officeId}&category=licence&from=${prep.today}&to=${addDays(prep.today, 20)}`,
        { headers: headersOf(prep.clients[0]!) },
      );
      if (!res.ok) throw new Error(`availability: ${res.status} ${await res.text()}`);
      return (await res.json()) as {
        days: {
          day: string;
          slots: { id: string; capacity: number; remaining: number; startsAt: string }[];
        }[];
      };
    };
    const slot = (await avail()).days.flatMap((d) => d.slots).find((s) => s.capacity === CAPACITY);
    if (!slot) throw new Error('no capacity-50 slot within the booking horizon');

    const r = await rush(CITIZENS, (i) =>
      shoot(`${base}/api/v1/me/appointments`, { slotId: slot.id }, headersOf(prep.clients[i]!)),
    );
    const after = (await avail()).days.flatMap((d) => d.slots).find((s) => s.id === slot.id)!;
    const rushFigures = { ...summary(r.shots, r.settleMs), booked: after.capacity - after.remaining };

    // Flood: 200 normal clients (not the rush's first ones), one flooder with its own account/IP/device.
    const normals = prep.clients.slice(1, 1 + NORMAL_CLIENTS);
    const flooder = prep.clients[prep.clients.length - 1]!;
    const half = prep.releases.length / 2;
    const alone = await floodPhase(base, normals, null, prep.releases.slice(0, half));
    const flooded = await floodPhase(base, normals, flooder, prep.releases.slice(half));
    return { prep: { loadMs: prep.loadMs, citizensMs: prep.citizensMs }, rush: rushFigures, alone, flooded };
  } finally {
    await stop(server);
  }
}

let bare = { settleMs: 0, p50: 0, p99: 0, errors: 0 };
await runBare(3921, async (base) => {
  const r = await rush(CITIZENS, () =>
    shoot(`${base}/echo`, { slotId: crypto.randomUUID() }, { 'content-type': 'application/json' }),
  );
  bare = summary(r.shots, r.settleMs);
  return { reqPerSec: 0, p50: bare.p50, p99: bare.p99, non2xx: 0, errors: bare.errors, requests: CITIZENS };
});
const results: Record<string, unknown> = { bare };
for (const kind of values.db === 'both'
  ? (['postgres', 'pglite'] as const)
  : [values.db as 'pglite' | 'postgres']) {
  results[kind] = await runBackend(kind, kind === 'pglite' ? 3922 : 3923);
}

const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
console.log(
  `\nbooking-rush, ${CITIZENS} citizens → 1 slot of ${CAPACITY}, ${CONCURRENCY} in flight, ${new Date().toISOString()}, node ${process.version}`,
);
console.log(line(['run', 'settle ms', 'p50 ms', 'p99 ms', 'statuses', 'errors', 'booked']));
console.log(line(['---', '---:', '---:', '---:', '---', '---:', '---:']));
console.log(
  line(['bare Fastify POST /echo', bare.settleMs, bare.p50, bare.p99, `201×${CITIZENS}`, bare.errors, '—']),
);
for (const kind of ['postgres', 'pglite'] as const) {
  const r = results[kind] as Awaited<ReturnType<typeof runBackend>> | undefined;
  if (!r) continue;
  const s = Object.entries(r.rush.statuses)
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');
  console.log(
    line([
      `POST /api/v1/me/appointments — ${kind}`,
      r.rush.settleMs,
      r.rush.p50,
      r.rush.p99,
      s,
      r.rush.errors,
      r.rush.booked,
    ]),
  );
}
console.log(
  `\nflood: ${NORMAL_CLIENTS} normal clients, 1 request / ${NORMAL_INTERVAL_MS / 1000} s each, ${FLOOD_MS / 1000} s; flooder ${FLOOD_FACTOR}×`,
);
console.log(
  line([
    'backend',
    'normal success alone',
    'with flooder',
    'ratio',
    'normal p99 alone / flooded ms',
    'flooder requests',
    'flooder statuses',
  ]),
);
console.log(line(['---', '---:', '---:', '---:', '---:', '---:', '---']));
for (const kind of ['postgres', 'pglite'] as const) {
  const r = results[kind] as Awaited<ReturnType<typeof runBackend>> | undefined;
  if (!r) continue;
  const ratio = r.flooded.normalSuccess / r.alone.normalSuccess;
  const fs_ = Object.entries(r.flooded.flood?.statuses ?? {})
    .map(([k, v]) => `${k}×${v}`)
    .join(' ');
  console.log(
    line([
      kind,
      `${(r.alone.normalSuccess * 100).toFixed(1)} % of ${r.alone.normalRequests}`,
      `${(r.flooded.normalSuccess * 100).toFixed(1)} % of ${r.flooded.normalRequests}`,
      ratio.toFixed(3),
      `${r.alone.normalP99} / ${r.flooded.normalP99}`,
      r.flooded.flood?.requests ?? 0,
      fs_,
    ]),
  );
}
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results/booking-rush.json'),
  JSON.stringify(
    { at: new Date().toISOString(), citizens: CITIZENS, concurrency: CONCURRENCY, results },
    null,
    2,
  ),
);
