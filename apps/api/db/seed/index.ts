/**
 * The demo city 示范市: a deterministic synthetic registry (offices, staff, citizens, persons, licences,
 * vehicles, violations) for demonstrations, tests and benchmarks.
 *
 *   seedDemo(ctx, { size: 'small' })  — ~2,000 persons; Drizzle inserts; run on first start (bootstrap.ts)
 *   seedDemo(ctx, { size: 'city' })   — 1,000,000 persons / vehicles, 3,000,000 violations; COPY
 *
 * The same seed and the same "today" (ctx.clock) give the same plain data and the same row ids. What is
 * random by design: AES-GCM IVs of encrypted columns, argon2 salts, TOTP secrets and API-token secrets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../src/modules/identity/passwords.ts';
import { newTotpSecret, totpUri } from '../../src/modules/identity/totp.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { randomToken, sha256 } from '../../src/platform/crypto/pii.ts';
import {
  DEFAULT_SEED,
  DEMO_PASSWORD,
  DemoCityGenerator,
  type SeedSize,
  SIZES,
  type SizeSpec,
} from './generate.ts';
import { type BaseRows, loadBulk, loadSmall, type Progress } from './load.ts';

export { DEMO_PLATE_PROVINCE, DEMO_REGIONS } from './data.ts';
export {
  type AccountSpec,
  DEFAULT_SEED,
  DEMO_PASSWORD,
  DemoCityGenerator,
  demoCitizenPlates,
  type GeneratorOptions,
  type LicencePlain,
  OFFICE_DEFS,
  type OfficeSeed,
  type PersonPlain,
  type SeedSize,
  SIZES,
  type SizeSpec,
  type VehiclePlain,
  type ViolationPlain,
} from './generate.ts';
export { demoUuid, deriveSeed, Rng } from './prng.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: 'citizen' | 'officer' | 'supervisor' | 'admin' | 'agent';
  /** Office code ('CGS', 'BR01'…), or null for citizens and agents. */
  office: string | null;
  displayName: string;
  totpSecret?: string;
  totpUri?: string;
  note?: string;
}

export interface DemoApiToken {
  name: string;
  kind: 'kiosk' | 'partner';
  office: string;
  /** A partner token's data source (the partner API route it may post to). */
  partnerSource?: string;
  secret: string;
}

export interface SeedDemoOptions {
  size: SeedSize;
  seed?: number;
  /** Where to write the accounts, passwords, TOTP secrets and token secrets (JSON, mode 0600). */
  accountsFile?: string;
  /** Override the row counts (tests, benchmarks). */
  sizes?: Partial<SizeSpec>;
  /** COPY even for a small size (default: COPY for 'city', Drizzle inserts for 'small'). */
  bulk?: boolean;
  onProgress?: Progress;
}

export interface SeedDemoResult {
  counts: Record<string, number>;
  accounts: DemoAccount[];
  apiTokens: DemoApiToken[];
  /** Milliseconds per phase. */
  timings: Record<string, number>;
  seed: number;
  today: string;
}

/** The generator seedDemo would use for these options and this context's clock. */
export function demoGenerator(
  ctx: Pick<AppContext, 'clock'>,
  opts: Pick<SeedDemoOptions, 'size' | 'seed' | 'sizes'>,
): DemoCityGenerator {
  return new DemoCityGenerator({
    seed: opts.seed ?? DEFAULT_SEED,
    today: ctx.clock.today(),
    now: ctx.clock.now(),
    ...SIZES[opts.size],
    ...opts.sizes,
  });
}

/** Offices, users (argon2id hashes, encrypted TOTP secrets) and API tokens (SHA-256 of a fresh secret). */
async function baseRows(
  ctx: AppContext,
  gen: DemoCityGenerator,
): Promise<{ rows: BaseRows; accounts: DemoAccount[]; apiTokens: DemoApiToken[] }> {
  const accounts: DemoAccount[] = [];
  const users: BaseRows['users'] = [];
  for (const a of gen.accounts) {
    const totpSecret = a.totp ? newTotpSecret() : undefined;
    users.push({
      id: a.id,
      username: a.username,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      role: a.role,
      displayName: a.displayName,
      officeId: a.office ? gen.officeIdOf(a.office) : null,
      personId: a.personIndex === undefined ? null : gen.personId(a.personIndex),
      realNameLevel: a.realNameLevel ?? null,
      totpSecretEnc: totpSecret ? ctx.pii.encrypt(totpSecret) : null,
    });
    accounts.push({
      username: a.username,
      password: DEMO_PASSWORD,
      role: a.role,
      office: a.office,
      displayName: a.displayName,
      ...(totpSecret ? { totpSecret, totpUri: totpUri(totpSecret, a.username) } : {}),
      note: a.note,
    });
  }
  const apiTokens: DemoApiToken[] = [];
  const tokenRows: BaseRows['apiTokens'] = gen.tokens.map((t) => {
    const secret = randomToken(32);
    apiTokens.push({
      name: t.name,
      kind: t.kind,
      office: t.office,
      ...(t.partnerSource ? { partnerSource: t.partnerSource } : {}),
      secret,
    });
    return {
      id: t.id,
      name: t.name,
      kind: t.kind,
      partnerSource: t.partnerSource ?? null,
      officeId: gen.officeIdOf(t.office),
      prefix: secret.slice(0, 8),
      tokenHash: sha256(secret),
    };
  });
  const offices: BaseRows['offices'] = gen.offices.map((o) => ({ ...o }));
  return { rows: { offices, users, apiTokens: tokenRows }, accounts, apiTokens };
}

export function writeAccountsFile(
  file: string,
  generatedAt: Date,
  accounts: DemoAccount[],
  apiTokens: DemoApiToken[],
): void {
  const body = {
    generatedAt: generatedAt.toISOString(),
    note:
      `Demo accounts of the synthetic city 示范市. Every password is ${DEMO_PASSWORD}. Supervisors and ` +
      'administrators also need a TOTP code: add totpUri to an authenticator app. API tokens go in ' +
      '"Authorization: Bearer <secret>". For demonstrations only — never keep these accounts on a real system.',
    accounts,
    apiTokens,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/**
 * Loads the demo city into an empty database (refuses when offices already exist). One transaction; one
 * `demo.seed` system audit record with the counts.
 */
export async function seedDemo(ctx: AppContext, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const existing = (await ctx.db.execute(sql`select count(*)::int as n from offices`)) as unknown as {
    rows: { n: number }[];
  };
  if (Number(existing.rows[0]?.n ?? 0) > 0) {
    throw new Error('seedDemo: the database already has offices; load the demo city into an empty database');
  }
  const gen = demoGenerator(ctx, opts);
  const t0 = performance.now();
  const { rows, accounts, apiTokens } = await baseRows(ctx, gen);
  const baseMs = Math.round(performance.now() - t0);
  const bulk = opts.bulk ?? opts.size === 'city';
  const result = bulk
    ? await loadBulk(ctx, gen, rows, opts.size, opts.onProgress)
    : await loadSmall(ctx, gen, rows, opts.size, opts.onProgress);
  if (opts.accountsFile) writeAccountsFile(opts.accountsFile, ctx.clock.now(), accounts, apiTokens);
  return {
    counts: result.counts,
    accounts,
    apiTokens,
    timings: { accounts: baseMs, ...result.timings, total: Math.round(performance.now() - t0) },
    seed: gen.seed,
    today: gen.today,
  };
}
