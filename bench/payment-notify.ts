/**
 * Benchmark: provider notifications settling payments. N decided fines with a pending WeChat-Pay order
 * each; every notification is delivered three times (the first copies, then the redeliveries, with 50
 * connections many arrive together), signed as the provider signs them. A first delivery settles
 * (notification row, order, ledger, the fine's `pay` transition, the receipt, the payer's message and
 * three audit records in one transaction); a redelivery finds its notification row and changes nothing.
 * Against a bare Fastify POST in the same run. Afterwards: ledger rows ÷ payments must be exactly 1.
 *
 *   npx tsx bench/payment-notify.ts [--db pglite|postgres|both] [-c 50] [-n 1000]
 *
 * Each backend starts from the small demo city (bench/.data/pay-*; PostgreSQL in
 * BENCH_PAY_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/odmv_bench_pay, recreated).
 */

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { providerKey, signBody } from '../apps/api/src/platform/crypto/signing.ts';
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
    payments: { type: 'string', short: 'n', default: '1000' },
  },
});
const connections = Number(values.connections);
const N = Number(values.payments);
const PG_URL = process.env.BENCH_PAY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/odmv_bench_pay';
const secret = crypto.randomBytes(32);
const key = providerKey(secret, 'wechat');

const open = (kind: 'pglite' | 'postgres', dataDir: string) =>
  kind === 'pglite'
    ? openDatabase({ kind: 'pglite', dataDir })
    : openDatabase({ kind: 'postgres', url: PG_URL });

/** The demo city, then N decided fines of one driver with a pending order each (fixture, straight SQL). */
async function prepare(kind: 'pglite' | 'postgres', dataDir: string): Promise<string[]> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'postgres') await recreatePgDatabase(PG_URL);
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: kind === 'postgres' ? PG_URL : '' };
  execFileSync(process.execPath, [tsxCli, 'apps/api/src/cli/load-demo.ts', 'small'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const database = await open(kind, dataDir);
  try {
    await database.db.execute(
      sql.raw(`
      insert into violations (code, occurred_at, place, plate, driver_id, fine_fen, points, status, decision_date, source, office_id)
      select '1042', now() - interval '30 days', '压测路口' || g, '测B' || lpad(g::text, 5, '0'), p.id,
             20000, 0, 'decided', current_date - 20, 'camera', p.office_id
      from generate_series(1, ${N}) g, (select id, office_id from persons order by id limit 1) p`),
    );
    await database.db.execute(
      sql.raw(`
      insert into payment_orders (number, kind, status, channel, payer_person_id, violation_id, amount_fen, breakdown,
                                  subject_label, provider, provider_ref, created_at, expires_at, updated_at)
      select 'PB' || lpad(row_number() over (order by v.plate)::text, 7, '0'), 'fine', 'pending', 'online', v.driver_id,
             v.id, 20600, '{"fineFen":20000,"surchargeFen":600,"daysLate":5}', v.plate, 'wechat',
             'WXB' || lpad(row_number() over (order by v.plate)::text, 7, '0'), now(), now() + interval '1 day', now()
      from violations v where v.place like '压测路口%'`),
    );
    const rows = await queryRows<{ number: string; ref: string }>(
      database.db,
      sql`select number, provider_ref as ref from payment_orders where number like 'PB%' order by number`,
    );
    const at = new Date().toISOString();
    return rows.map((r, i) =>
      JSON.stringify({
        notificationId: `NB${String(i).padStart(8, '0')}`,
        event: 'payment.succeeded',
        orderNumber: r.number,
        providerRef: r.ref,
        transactionId: `TB${String(i).padStart(8, '0')}`,
        amountFen: 20_600,
        at,
      }),
    );
  } finally {
    await database.close();
  }
}

/** Posts each body three times over: first deliveries, then two rounds of redeliveries. */
async function deliver(
  url: string,
  bodies: string[],
  signed: boolean,
  amount = bodies.length * 3,
): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    amount,
    method: 'POST',
    timeout: 60,
    requests: [
      {
        setupRequest: (req: { headers: Record<string, string>; body: string }) => {
          const body = bodies[i++ % bodies.length]!;
          req.body = body;
          req.headers = {
            ...req.headers,
            'content-type': 'application/json',
            ...(signed ? signBody(key, body) : {}),
          };
          return req;
        },
      },
    ],
  } as autocannon.Options);
  return figuresOf(result);
}

async function runBackend(kind: 'pglite' | 'postgres', port: number) {
  const dataDir = path.join(root, `bench/.data/pay-${kind}`);
  const bodies = await prepare(kind, dataDir);
  const server = startProcess('apps/api/src/server.ts', {
    DATA_DIR: dataDir,
    DATABASE_URL: kind === 'postgres' ? PG_URL : '',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    DEMO_SIMULATORS: 'off',
    TIMER_SCAN_SECONDS: '0',
    PAYMENT_SWEEP_SECONDS: '0',
    NOTIFY_SCAN_SECONDS: '0',
    // Notifications only: the platform never calls the provider here.
    GATEWAY_URL: 'http://127.0.0.1:9',
    GATEWAY_SECRET: secret.toString('base64'),
    NODE_ENV: 'production',
  });
  let f: Figures;
  const t0 = Date.now();
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, server);
    f = await deliver(`${base}/api/v1/payments/notify/wechat`, bodies, true);
  } finally {
    await stop(server);
  }
  const seconds = (Date.now() - t0) / 1000;
  const database = await open(kind, dataDir);
  try {
    const [l] = await queryRows<{ n: string; fen: string }>(
      database.db,
      sql`select count(*) n, coalesce(sum(l.amount_fen), 0) fen from payment_ledger l
          join payment_orders o on o.id = l.order_id where o.number like 'PB%'`,
    );
    const [paid] = await queryRows<{ n: string }>(
      database.db,
      sql`select count(*) n from violations where place like '压测路口%' and status = 'paid'`,
    );
    return { f, ledger: Number(l!.n), fen: Number(l!.fen), paid: Number(paid!.n), seconds };
  } finally {
    await database.close();
  }
}

const rows: { name: string; f: Figures }[] = [];
const sample = Array.from({ length: 2000 }, (_, i) =>
  JSON.stringify({ notificationId: `x${i}`, amountFen: 1 }),
);
// The baseline runs long enough (60,000 requests) for its rate to be steady.
const bare = await runBare(3921, (base) => deliver(`${base}/echo`, sample, false, 60_000));
rows.push({ name: 'bare Fastify POST /echo (same body size)', f: bare });
const checks: string[] = [];
for (const kind of values.db === 'both'
  ? (['postgres', 'pglite'] as const)
  : [values.db as 'pglite' | 'postgres']) {
  const r = await runBackend(kind, kind === 'pglite' ? 3922 : 3923);
  rows.push({ name: `POST /api/v1/payments/notify/wechat, ${N} payments × 3 deliveries — ${kind}`, f: r.f });
  const settledPerSec = Math.round(N / (r.f.requests / Math.max(r.f.reqPerSec, 1)));
  checks.push(
    `${kind}: ledger rows ÷ payments = ${(r.ledger / N).toFixed(3)}; fines paid ${r.paid}/${N}; ledger ${r.fen} fen = ${N} × 20,600 ? ${r.fen === N * 20_600}; ≈ ${settledPerSec} payments settled/s`,
  );
  if (r.ledger !== N || r.paid !== N) process.exitCode = 1;
}
report('payment-notify', { connections, duration: 0, unit: 'notifications/s (req/s)' }, rows);
for (const c of checks) console.log(c);
