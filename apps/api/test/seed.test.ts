import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkVin,
  classifyPlate,
  type EnergyType,
  isNewEnergy,
  LICENCE_CLASS_CODES,
  lateSurcharge,
  maskIdNumber,
  maskPhone,
  nevPlateLetter,
  PARTNER_SOURCES,
  parseIdNumber,
  renewalStatus,
  VIOLATION_CODES,
  validUntilFor,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DemoCityGenerator,
  demoCitizenPlates,
  demoGenerator,
  type SeedDemoResult,
  SIZES,
  seedDemo,
} from '../db/seed/index.ts';
import { loadConfig } from '../src/config.ts';
import { verifyPassword } from '../src/modules/identity/passwords.ts';
import { currentTotp, verifyTotp } from '../src/modules/identity/totp.ts';
import { type AppContext, fixedClock } from '../src/platform/context.ts';
import { createPiiCipher, sha256 } from '../src/platform/crypto/pii.ts';
import { type Database, openDatabase } from '../src/platform/db/client.ts';

const NOW = '2026-11-21T02:00:00Z';
const TODAY = '2026-11-21';
const SEED = 20261121;
const KEY = Buffer.alloc(32, 7);

async function rows<T>(ctx: AppContext, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await ctx.db.execute(query)) as unknown as { rows: T[] }).rows;
}

function makeCtx(database: Database, dataDir: string): AppContext {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir } as NodeJS.ProcessEnv);
  return { config, database, db: database.db, pii: createPiiCipher(KEY), clock: fixedClock(NOW) };
}

/** Every row of every pass of the pure generator, hashed. */
function generatorDigest(gen: DemoCityGenerator): { digest: string; counts: number[] } {
  const h = crypto.createHash('sha256');
  const counts = [0, 0, 0, 0];
  h.update(JSON.stringify([gen.offices, gen.accounts, gen.tokens]));
  const passes = [gen.persons(), gen.licences(), gen.vehicles(), gen.violations()];
  passes.forEach((pass, i) => {
    for (const row of pass) {
      h.update(JSON.stringify(row));
      counts[i]! += 1;
    }
  });
  return { digest: h.digest('hex'), counts };
}

describe('the pure generator', () => {
  it('gives byte-identical rows (ids included) for the same seed and date, and different ones for another seed', () => {
    const opts = { seed: SEED, today: TODAY, now: new Date(NOW), ...SIZES.small };
    const a = generatorDigest(new DemoCityGenerator(opts));
    const b = generatorDigest(new DemoCityGenerator(opts));
    expect(a).toEqual(b);
    expect(a.counts[0]).toBe(2_000);
    const c = generatorDigest(new DemoCityGenerator({ ...opts, seed: SEED + 1 }));
    expect(c.digest).not.toBe(a.digest);
  });

  it('refuses to run its passes out of order', () => {
    const gen = new DemoCityGenerator({ seed: 1, today: TODAY, persons: 50, vehicles: 50, violations: 50 });
    expect(() => gen.vehicles().next()).toThrow(/in order/);
  });

  it('shapes ids as UUID v4 and never repeats one', () => {
    const gen = new DemoCityGenerator({
      seed: 3,
      today: TODAY,
      persons: 3_000,
      vehicles: 100,
      violations: 100,
    });
    const ids = new Set<string>();
    for (const p of gen.persons()) {
      expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(p.id);
    }
    expect(ids.size).toBe(3_000);
  });
});

describe('seedDemo small on PGlite', () => {
  let database: Database;
  let ctx: AppContext;
  let result: SeedDemoResult;
  let dataDir: string;
  let seedMs = 0;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'odmv-seed-'));
    database = await openDatabase({ kind: 'pglite' });
    await database.migrate();
    ctx = makeCtx(database, dataDir);
    const t0 = performance.now();
    result = await seedDemo(ctx, {
      size: 'small',
      seed: SEED,
      accountsFile: path.join(dataDir, 'demo-accounts.json'),
    });
    seedMs = performance.now() - t0;
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the small city well under 30 s, with the counts it reports', async () => {
    expect(seedMs).toBeLessThan(30_000);
    const [c] = await rows<Record<string, number>>(
      ctx,
      sql`select (select count(*)::int from offices) as offices, (select count(*)::int from users) as users,
        (select count(*)::int from api_tokens) as "apiTokens", (select count(*)::int from persons) as persons,
        (select count(*)::int from driving_licences) as "drivingLicences", (select count(*)::int from vehicles) as vehicles,
        (select count(*)::int from violations) as violations`,
    );
    expect(c).toEqual(result.counts);
    expect(result.counts).toMatchObject({
      offices: 15,
      users: 13,
      apiTokens: 8,
      persons: 2_000,
      vehicles: 1_500,
      violations: 4_000,
    });
    expect(result.counts.drivingLicences).toBeGreaterThan(1_100);
    expect(result.counts.drivingLicences).toBeLessThan(1_600);
  });

  it('refuses to load into a database that already has data', async () => {
    await expect(seedDemo(ctx, { size: 'small', seed: SEED })).rejects.toThrow(/already has offices/);
  });

  it('builds the office tree with materialized paths', async () => {
    const offices = await rows<{ code: string; kind: string; path: string; parent: string | null }>(
      ctx,
      sql`select o.code, o.kind, o.path, p.code as parent from offices o left join offices p on p.id = o.parent_id order by o.path`,
    );
    const byCode = new Map(offices.map((o) => [o.code, o]));
    expect(byCode.get('ZD')).toMatchObject({ kind: 'detachment', path: '/ZD/', parent: null });
    expect(byCode.get('CGS')).toMatchObject({ kind: 'office', path: '/ZD/CGS/', parent: 'ZD' });
    expect(byCode.get('KS01')).toMatchObject({ kind: 'kiosk', path: '/ZD/CGS/BR01/KS01/', parent: 'BR01' });
    const kinds: Record<string, number> = {};
    for (const o of offices) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
    expect(kinds).toEqual({ detachment: 1, office: 1, branch: 3, outlet: 6, kiosk: 4 });
    for (const o of offices) {
      const parent = o.parent ? byCode.get(o.parent)! : null;
      expect(o.path).toBe(`${parent?.path ?? '/'}${o.code}/`);
    }
  });

  it('stores valid, encrypted ID numbers that match sex, birth date and region, with lookup hash and mask', async () => {
    const persons = await rows<{
      id_number_enc: string;
      id_number_hash: string;
      id_number_masked: string;
      sex: string;
      birth_date: string;
      region_code: string;
      phone_enc: string | null;
      phone_hash: string | null;
      phone_masked: string | null;
      name: string;
    }>(ctx, sql`select * from persons`);
    expect(persons).toHaveLength(2_000);
    let phones = 0;
    for (const p of persons) {
      const id = ctx.pii.decrypt(p.id_number_enc);
      const parsed = parseIdNumber(id, TODAY);
      expect(parsed, id).toEqual({
        ok: true,
        sex: p.sex,
        birthDate: p.birth_date,
        regionCode: p.region_code,
      });
      expect(p.birth_date >= '1950-01-01' && p.birth_date <= '2008-11-21').toBe(true);
      expect(p.id_number_hash).toBe(ctx.pii.lookupHash(id));
      expect(p.id_number_masked).toBe(maskIdNumber(id));
      expect(p.id_number_enc).not.toContain(id);
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      if (p.phone_enc) {
        phones += 1;
        const phone = ctx.pii.decrypt(p.phone_enc);
        expect(phone).toMatch(/^1[3-9]\d{9}$/);
        expect(p.phone_hash).toBe(ctx.pii.lookupHash(phone));
        expect(p.phone_masked).toBe(maskPhone(phone));
      }
    }
    expect(phones).toBeGreaterThan(1_900);
  });

  it('gives every vehicle a checked VIN (or a review flag) and a well-formed plate of the right kind', async () => {
    const vehicles = await rows<{
      vin: string;
      vin_check_ok: boolean;
      plate: string;
      plate_kind: string;
      energy_type: string;
      registration_date: string;
      insurance_until: string | null;
      inspection_valid_until: string | null;
      status: string;
    }>(ctx, sql`select * from vehicles`);
    let flagged = 0;
    let nev = 0;
    for (const v of vehicles) {
      const check = checkVin(v.vin);
      expect(check.format, v.vin).toBe(true);
      expect(check.checkDigitOk, v.vin).toBe(v.vin_check_ok);
      if (!v.vin_check_ok) flagged += 1;
      expect(classifyPlate(v.plate, undefined), v.plate).toBe(v.plate_kind);
      const letter = nevPlateLetter(v.energy_type as EnergyType);
      if (v.plate_kind === 'regular') expect(isNewEnergy(v.energy_type as EnergyType)).toBe(false);
      else {
        nev += 1;
        expect(v.plate).toContain(letter!);
      }
      expect(v.registration_date >= '2008-01-01' && v.registration_date < TODAY).toBe(true);
      expect(v.inspection_valid_until).not.toBeNull();
    }
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(vehicles.length * 0.02);
    expect(nev / vehicles.length).toBeGreaterThan(0.18);
    expect(nev / vehicles.length).toBeLessThan(0.35);
  });

  it('keeps licences consistent: validity from the tier, first issue after the 18th birthday, a mix of renewal states', async () => {
    const licences = await rows<{
      classes: string[];
      first_issue_date: string;
      valid_from: string;
      valid_until: string | null;
      validity_tier: '6y' | '10y' | 'long';
      status: string;
      points: number;
      file_number: string;
      birth_date: string;
    }>(ctx, sql`select l.*, p.birth_date from driving_licences l join persons p on p.id = l.person_id`);
    const states: Record<string, number> = {};
    for (const l of licences) {
      expect(l.valid_until).toBe(validUntilFor(l.valid_from, l.validity_tier));
      expect(l.first_issue_date <= l.valid_from).toBe(true);
      const age18 = `${Number(l.birth_date.slice(0, 4)) + 18}${l.birth_date.slice(4)}`;
      expect(l.first_issue_date >= age18).toBe(true);
      for (const c of l.classes) expect(LICENCE_CLASS_CODES).toContain(c);
      expect(l.file_number).toMatch(/^\d{12}$/);
      expect(l.points).toBeGreaterThanOrEqual(0);
      expect(l.points).toBeLessThanOrEqual(12);
      const state = renewalStatus(l.valid_until, TODAY).state;
      states[state] = (states[state] ?? 0) + 1;
    }
    expect(new Set(licences.map((l) => l.file_number)).size).toBe(licences.length);
    expect(states['renewal-window']).toBeGreaterThan(0);
    expect(states['expired-renewable']).toBeGreaterThan(0);
    expect(states.valid).toBeGreaterThan(licences.length / 3);
    expect(states['long-term']).toBeGreaterThan(0);
  });

  it('snapshots fines and points from the code table and keeps statuses and dates coherent', async () => {
    const violations = await rows<{
      code: string;
      fine_fen: number;
      points: number;
      status: string;
      decision_date: string | null;
      paid_at: string | null;
      occurred_at: string;
      plate: string;
      vehicle_plate: string;
      source: string;
    }>(
      ctx,
      sql`select v.code, v.fine_fen, v.points, v.status, v.decision_date::text, v.paid_at::text, v.occurred_at::text,
        v.plate, v.source, h.plate as vehicle_plate from violations v join vehicles h on h.id = v.vehicle_id`,
    );
    expect(violations).toHaveLength(4_000);
    const codes = new Map(VIOLATION_CODES.map((c) => [c.code, c]));
    const now = new Date(NOW).getTime();
    let late = 0;
    const statuses: Record<string, number> = {};
    for (const v of violations) {
      const code = codes.get(v.code)!;
      expect(code, v.code).toBeDefined();
      expect(v.fine_fen).toBe(code.fineFen);
      expect(v.points).toBe(code.points);
      expect(v.plate).toBe(v.vehicle_plate);
      const at = new Date(v.occurred_at).getTime();
      expect(at).toBeLessThanOrEqual(now);
      expect(at).toBeGreaterThan(now - 731 * 86_400_000);
      statuses[v.status] = (statuses[v.status] ?? 0) + 1;
      if (v.status === 'unhandled') expect([v.decision_date, v.paid_at]).toEqual([null, null]);
      if (v.status === 'decided') {
        expect(v.decision_date).not.toBeNull();
        expect(v.paid_at).toBeNull();
        if (lateSurcharge(v.fine_fen, v.decision_date!, TODAY) > 0) late += 1;
      }
      if (v.status === 'paid') {
        expect(v.decision_date).not.toBeNull();
        expect(new Date(v.paid_at!).getTime()).toBeGreaterThanOrEqual(at);
      }
    }
    expect(Object.keys(statuses).sort()).toEqual(['decided', 'paid', 'unhandled']);
    expect(late).toBeGreaterThan(0);
  });

  it('creates every demo account with an argon2id hash; supervisors and admins get a TOTP secret', async () => {
    const users = await rows<{
      username: string;
      role: string;
      password_hash: string;
      totp_secret_enc: string | null;
      person_id: string | null;
      real_name_level: string | null;
      office_code: string | null;
    }>(ctx, sql`select u.*, o.code as office_code from users u left join offices o on o.id = u.office_id`);
    const byName = new Map(users.map((u) => [u.username, u]));
    for (const name of [
      'officer1',
      'officer2',
      'officer3',
      'officer4',
      'supervisor1',
      'admin1',
      'agent1',
      'citizen1',
      'citizen2',
      'citizen3',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(new Set(users.map((u) => u.role))).toEqual(
      new Set(['citizen', 'officer', 'supervisor', 'admin', 'agent']),
    );
    expect(byName.get('officer1')!.office_code).toBe('CGS');
    expect(byName.get('officer2')!.office_code).toBe('BR01');
    for (const u of users) {
      expect(u.password_hash).toMatch(/^\$argon2id\$/);
      const account = result.accounts.find((a) => a.username === u.username)!;
      if (u.role === 'supervisor' || u.role === 'admin') {
        expect(u.totp_secret_enc).not.toBeNull();
        const secret = ctx.pii.decrypt(u.totp_secret_enc!);
        expect(secret).toBe(account.totpSecret);
        expect(verifyTotp(secret, currentTotp(secret))).toBe(true);
        expect(account.totpUri).toMatch(/^otpauth:\/\/totp\//);
      } else {
        expect(u.totp_secret_enc).toBeNull();
      }
      if (u.role === 'citizen') expect(u.person_id).not.toBeNull();
    }
    expect(await verifyPassword(byName.get('citizen1')!.password_hash, result.accounts[0]!.password)).toBe(
      true,
    );
    expect(byName.get('citizen1')!.real_name_level).toBe('face');
    expect(byName.get('citizen2')!.real_name_level).toBe('id');
    expect(byName.get('citizen3')!.real_name_level).toBe('phone');
  });

  it('stores API tokens as SHA-256 with an 8-character prefix, and writes the accounts file with mode 0600', async () => {
    const tokens = await rows<{ kind: string; token_hash: string; prefix: string }>(
      ctx,
      sql`select * from api_tokens`,
    );
    expect(tokens.map((t) => t.kind).sort()).toEqual(['kiosk', ...Array(7).fill('partner')]);
    for (const t of result.apiTokens) {
      const row = tokens.find((r) => r.token_hash === sha256(t.secret));
      expect(row).toBeDefined();
      expect(row!.prefix).toBe(t.secret.slice(0, 8));
    }
    const file = path.join(dataDir, 'demo-accounts.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const body = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(body).sort()).toEqual(['accounts', 'apiTokens', 'generatedAt', 'note']);
    expect(body.accounts).toHaveLength(13);
    expect(body.apiTokens.map((t: { kind: string }) => t.kind).sort()).toEqual([
      'kiosk',
      ...Array(7).fill('partner'),
    ]);
    // One partner token per data source, each named in the accounts file.
    expect(
      body.apiTokens
        .filter((t: { kind: string }) => t.kind === 'partner')
        .map((t: { partnerSource?: string }) => t.partnerSource)
        .sort(),
    ).toEqual([...PARTNER_SOURCES].sort());
  });

  it('tells the demo citizens’ stories', async () => {
    const story = async (username: string) => {
      const [lic] = await rows<{
        valid_until: string | null;
        points: number;
        status: string;
        person_id: string;
      }>(
        ctx,
        sql`select l.* from driving_licences l join users u on u.person_id = l.person_id where u.username = ${username}`,
      );
      const vehicles = await rows<{
        plate: string;
        plate_kind: string;
        energy_type: string;
        status: string;
        insurance_until: string;
      }>(
        ctx,
        sql`select v.* from vehicles v join users u on u.person_id = v.owner_id where u.username = ${username} order by v.plate`,
      );
      const violations = await rows<{
        status: string;
        fine_fen: number;
        decision_date: string | null;
        points: number;
      }>(
        ctx,
        sql`select x.status, x.fine_fen, x.decision_date::text, x.points from violations x join vehicles v on v.id = x.vehicle_id
          join users u on u.person_id = v.owner_id where u.username = ${username}`,
      );
      return { lic, vehicles, violations };
    };
    const c1 = await story('citizen1');
    expect(renewalStatus(c1.lic!.valid_until, TODAY).state).toBe('renewal-window');
    expect(c1.lic!.points).toBe(4);
    expect(c1.vehicles).toHaveLength(2);
    expect(c1.vehicles.some((v) => v.plate_kind === 'nev-small')).toBe(true);
    expect(c1.violations.some((v) => v.status === 'unhandled')).toBe(true);
    expect(
      c1.violations.some(
        (v) => v.status === 'decided' && lateSurcharge(v.fine_fen, v.decision_date!, TODAY) > 0,
      ),
    ).toBe(true);
    const c2 = await story('citizen2');
    expect(renewalStatus(c2.lic!.valid_until, TODAY).state).toBe('expired-renewable');
    expect(c2.lic!.status).toBe('expired');
    expect(c2.vehicles).toHaveLength(1);
    const [foreign] = await rows<{ n: number }>(
      ctx,
      sql`select count(*)::int as n from violations x join vehicles v on v.id = x.vehicle_id
        join users u on u.person_id = x.driver_id where u.role = 'citizen' and v.owner_id <> x.driver_id`,
    );
    expect(foreign!.n).toBe(0); // random violations never name a demo citizen as the driver of someone else's car
    const c5 = await story('citizen5');
    expect(c5.lic!.points).toBe(9);
    expect(c5.vehicles[0]!.status).toBe('mortgaged');
  });

  it('exposes the demo citizens’ plates (the same as in the database), each with violations', async () => {
    const plates = demoCitizenPlates(SEED);
    expect(plates).toHaveLength(6);
    const counted = await rows<{ plate: string; n: number }>(
      ctx,
      sql`select plate, count(*)::int as n from violations where plate in ${plates} group by plate`,
    );
    expect(counted.map((c) => c.plate).sort()).toEqual([...plates].sort());
    const gen = demoGenerator(ctx, { size: 'small', seed: SEED });
    expect(gen.today).toBe(TODAY);
  });

  it('writes one demo.seed system audit record with the counts, and no per-row records', async () => {
    const audit = await rows<{
      action: string;
      actor_kind: string;
      details: { counts: Record<string, number> };
    }>(ctx, sql`select action, actor_kind, details from audit_log`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'demo.seed', actor_kind: 'system' });
    expect(audit[0]!.details.counts).toEqual(result.counts);
  });
});

describe('seedDemo bulk (COPY) path on PGlite', () => {
  let database: Database;
  let ctx: AppContext;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'odmv-seed-bulk-'));
    database = await openDatabase({ kind: 'pglite' });
    await database.migrate();
    ctx = makeCtx(database, dataDir);
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the same rows by COPY and restores every key, index and foreign key', async () => {
    const catalog = () =>
      rows<{ name: string; def: string }>(
        ctx,
        sql`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace
          union all select indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`,
      );
    const before = await catalog();
    const sizes = { persons: 400, vehicles: 300, violations: 600 };
    const res = await seedDemo(ctx, { size: 'small', seed: SEED, sizes, bulk: true });
    expect(res.counts).toMatchObject(sizes);
    expect(await catalog()).toEqual(before);
    // the same generator, the same plain rows: compare a few columns with a fresh run
    const gen = demoGenerator(ctx, { size: 'small', seed: SEED, sizes });
    const expected = [...gen.persons()].map((p) => [p.id, p.name, p.birthDate]);
    const stored = await rows<{ id: string; name: string; birth_date: string; id_number_enc: string }>(
      ctx,
      sql`select id, name, birth_date, id_number_enc from persons`,
    );
    const byId = new Map(stored.map((p) => [p.id, p]));
    for (const [id, name, birth] of expected) {
      expect(byId.get(id!)).toMatchObject({ name, birth_date: birth });
    }
    const [audit] = await rows<{ n: number }>(
      ctx,
      sql`select count(*)::int as n from audit_log where action = 'demo.seed'`,
    );
    expect(audit!.n).toBe(1);
  });
});
