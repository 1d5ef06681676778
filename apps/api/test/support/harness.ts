import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CSRF_HEADER, type Me, SESSION_COOKIE } from '@opendmv/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { currentTotp } from '../../src/modules/identity/totp.ts';
import { type Clock, fixedClock } from '../../src/platform/context.ts';
import { createPiiCipher } from '../../src/platform/crypto/pii.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { type OutsideWorld, startOutsideWorld } from '../../src/simulators/gateway/server.ts';
import { TEST_MASTER_KEY, TEST_NOW } from './constants.ts';
import { openTestDatabase, testConfig } from './template.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  office?: string;
  displayName?: string;
  totpSecret?: string;
}
export interface DemoAccountsFile {
  accounts: DemoAccount[];
  apiTokens: { name: string; kind: 'kiosk' | 'partner'; partnerSource?: string; secret: string }[];
}

export interface TestApp {
  app: FastifyInstance;
  clock: Clock;
  demo: DemoAccountsFile;
  account(username: string): DemoAccount;
  /** Logs in a demo account (with its TOTP when it has one) and returns an HTTP agent. */
  login(username: string): Promise<Agent>;
  anonymous(): Agent;
  bearer(secret: string): Agent;
  /** With `gateway: true`: the payment and SMS gateway simulators, and the app's own URL they call. */
  world: OutsideWorld | null;
  baseUrl: string | null;
  close(): Promise<void>;
}

type Body = InjectOptions['payload'];

export class Agent {
  me: Me | null = null;
  constructor(
    private readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
  ) {}
  withSession(cookie: string, me: Me): Agent {
    const a = new Agent(this.app, {
      ...this.headers,
      cookie: `${SESSION_COOKIE}=${cookie}`,
      [CSRF_HEADER]: me.csrfToken,
    });
    a.me = me;
    return a;
  }
  request(
    method: InjectOptions['method'],
    url: string,
    payload?: Body,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({ method, url, payload, headers: { ...this.headers, ...headers } });
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, payload?: Body, headers?: Record<string, string>) =>
    this.request('POST', url, payload ?? {}, headers);
  patch = (url: string, payload?: Body, headers?: Record<string, string>) =>
    this.request('PATCH', url, payload ?? {}, headers);
}

export async function startTestApp(
  opts: {
    clock?: Clock;
    env?: Record<string, string>;
    logStream?: NodeJS.WritableStream;
    /** Share a database with another app (a second API node); the caller closes it. */
    database?: Database;
    /**
     * Start the payment and SMS gateway simulators on a free port, point the app at them, and listen on
     * 127.0.0.1 so their signed notifications come back over real HTTP.
     */
    gateway?: boolean | { retryBaseMs?: number };
  } = {},
): Promise<TestApp> {
  const template = inject('dbTemplate');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'odmv-app-'));
  const database = opts.database ?? (await openTestDatabase(template));
  const clock = opts.clock ?? fixedClock(TEST_NOW);
  const world = opts.gateway
    ? await startOutsideWorld({
        secret: createPiiCipher(TEST_MASTER_KEY).deriveKey('opendmv/gateway'),
        retryBaseMs: typeof opts.gateway === 'object' ? (opts.gateway.retryBaseMs ?? 100) : 100,
        maxRetryMs: 2_000,
        now: () => clock.now(),
      })
    : null;
  const config = testConfig(dataDir, {
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...(world ? { GATEWAY_URL: world.url } : {}),
    ...opts.env,
  });
  const app = await buildApp({
    config,
    database,
    clock,
    masterKey: TEST_MASTER_KEY,
    // Silent unless a test captures the log (it then sets LOG_LEVEL in env).
    logger: opts.logStream !== undefined,
    logStream: opts.logStream,
  });
  await app.ready();
  let baseUrl: string | null = null;
  if (world) {
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    world.payments.setPlatformUrl(baseUrl);
  }
  const demo = JSON.parse(fs.readFileSync(template.accountsFile, 'utf8')) as DemoAccountsFile;
  const account = (username: string) => {
    const a = demo.accounts.find((x) => x.username === username);
    if (!a) throw new Error(`no demo account ${username}`);
    return a;
  };
  return {
    app,
    clock,
    demo,
    account,
    anonymous: () => new Agent(app),
    bearer: (secret) => new Agent(app, { authorization: `Bearer ${secret}` }),
    world,
    baseUrl,
    async login(username) {
      const a = account(username);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: {
          username,
          password: a.password,
          ...(a.totpSecret ? { totp: currentTotp(a.totpSecret, clock.now().getTime()) } : {}),
        },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      return new Agent(app).withSession(cookie, res.json() as Me);
    },
    async close() {
      await world?.close();
      await app.close();
      if (!opts.database) await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
