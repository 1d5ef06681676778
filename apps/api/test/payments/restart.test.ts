import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PayIntentDto, PaymentOrderDto, ReconciliationDto, ViolationList } from '@opendmv/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/modules/identity/totp.ts';
import { type OutsideWorld, startOutsideWorld } from '../../src/simulators/gateway/server.ts';

/**
 * The server is killed (SIGKILL, no clean shutdown) after the payer paid and before the provider's
 * notification got through; the provider keeps retrying; after the restart the payment settles once.
 */
const root = path.resolve(import.meta.dirname, '../../../..');
const secret = crypto.randomBytes(32);
let world: OutsideWorld;
let server: ChildProcess | undefined;
let dataDir: string;
let port: number;
let dbUrl: string | undefined;
let dbName: string | undefined;
const adminUrl = process.env.TEST_DATABASE_URL;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function startServer(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    GATEWAY_URL: world.url,
    GATEWAY_SECRET: secret.toString('base64'),
    // Only the provider's redelivery may settle it here (no sweep asking the provider).
    PAYMENT_SWEEP_SECONDS: '0',
    TIMER_SCAN_SECONDS: '0',
    NOTIFY_SCAN_SECONDS: '0',
  };
  delete env.DATABASE_URL;
  if (dbUrl) env.DATABASE_URL = dbUrl;
  // One process (tsx as a loader, not its CLI, which runs the server in a child): SIGKILL kills the server.
  server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok && fs.existsSync(path.join(dataDir, 'demo-accounts.json'))) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function kill(): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server!.once('exit', r));
  server.kill('SIGKILL');
  await exited;
}

async function session(username: string) {
  const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as {
    accounts: { username: string; password: string; totpSecret?: string }[];
  };
  const a = accounts.accounts.find((x) => x.username === username)!;
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      password: a.password,
      ...(a.totpSecret ? { totp: currentTotp(a.totpSecret, Date.now()) } : {}),
    }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

beforeAll(async () => {
  world = await startOutsideWorld({ secret, retryBaseMs: 200, maxRetryMs: 1_000 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'odmv-restart-'));
  port = await freePort();
  world.payments.setPlatformUrl(`http://127.0.0.1:${port}`);
  if (adminUrl) {
    dbName = `odmv_restart_${crypto.randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE ${dbName}`);
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
  }
  await startServer();
}, 180_000);

afterAll(async () => {
  await kill();
  await world?.close();
  if (dbName) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the server dies between the payment and its notification', () => {
  it('settles once after the restart', { timeout: 240_000 }, async () => {
    let citizen = await session('citizen1');
    const fines = await citizen<ViolationList>('GET', '/api/v1/me/violations');
    const fine = fines.items.find((v) => v.status === 'decided')!;
    const order = await citizen<PaymentOrderDto>('POST', '/api/v1/me/payment-orders', {
      kind: 'fine',
      violationId: fine.id,
    });
    const intent = await citizen<PayIntentDto>('POST', `/api/v1/me/payment-orders/${order.id}/pay`, {
      provider: 'unionpay',
    });

    await kill();
    world.payments.pay(intent.order.providerRef!);
    const note = world.payments.queue.find((q) => q.body.orderNumber === order.number)!;
    // The provider tries, finds nobody, and backs off.
    const t0 = Date.now();
    while (note.attempts < 2 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 100));
    expect(note.statuses.slice(0, 2)).toEqual([0, 0]);
    expect(note.delivered).toBe(false);

    // Like a process supervisor: start again until the crashed process's data-directory lock has gone
    // stale (PGlite: one process per directory; the lock is taken over after 15 s).
    for (let attempt = 0; ; attempt++) {
      try {
        await startServer();
        break;
      } catch (err) {
        if (attempt >= 15) throw err;
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
    await world.payments.drain(30_000);
    expect(note.delivered).toBe(true);
    expect(note.statuses.at(-1)).toBe(200);

    citizen = await session('citizen1');
    const paid = await citizen<PaymentOrderDto>('GET', `/api/v1/me/payment-orders/${order.id}`);
    expect(paid.status).toBe('paid');
    expect(paid.receiptId).toBeTruthy();
    // One more redelivery after all that changes nothing.
    expect(await world.payments.send('unionpay', note.body)).toBe(200);
    const fineAfter = (await citizen<ViolationList>('GET', '/api/v1/me/violations')).items.find(
      (v) => v.id === fine.id,
    );
    expect(fineAfter?.status).toBe('paid');

    const supervisor = await session('supervisor1');
    const { items } = await supervisor<{ items: ReconciliationDto[] }>(
      'POST',
      '/api/v1/payments/reconciliations',
      {
        date: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
        provider: 'unionpay',
      },
    );
    expect(items[0]!.ledgerCount).toBe(1);
    expect(items[0]!.providerCount).toBe(1);
    expect(items[0]!.differences).toEqual([]);
  });
});
