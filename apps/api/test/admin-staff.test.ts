import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../src/modules/identity/schema.ts';
import {
  auditedBy,
  auditRowsAfter,
  branchAdmin,
  type CreatedStaff,
  createStaffAndLogin,
  fromFreshIp,
  headSeq,
  loginCache,
  loginWith,
  type OfficeInfo,
  officeOf,
  postWithoutCsrf,
  STRONG_PASSWORD,
  unique,
} from './admin-support.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';

interface StaffItem {
  id: string;
  username: string;
  role: string;
  officeId: string;
  officeName: string;
  status: string;
  isLocked: boolean;
  hasTotp: boolean;
}
interface StaffPage {
  items: StaffItem[];
  total: number;
  limit: number;
  offset: number;
}

let t: TestApp;
let login: (username: string) => Promise<Agent>;
let admin: Agent;
let office: OfficeInfo;

beforeAll(async () => {
  t = await startTestApp();
  login = loginCache(t);
  admin = await login('admin1');
  office = await officeOf(admin);
});
afterAll(() => t?.close());

const body = (over: Record<string, unknown> = {}) => ({
  username: unique('staff_'),
  displayName: '测试民警',
  role: 'officer',
  officeId: office.id,
  password: STRONG_PASSWORD,
  ...over,
});
const userRow = async (id: string) => (await t.app.ctx.db.select().from(users).where(eq(users.id, id)))[0]!;

describe('GET /api/v1/staff', () => {
  it('pages the staff accounts in scope, with lock and second-factor flags', async () => {
    const res = await admin.get('/api/v1/staff?limit=200');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as StaffPage;
    expect(page).toMatchObject({ limit: 200, offset: 0 });
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
    expect(page.items.every((s) => ['officer', 'supervisor', 'admin'].includes(s.role))).toBe(true);
    const usernames = page.items.map((s) => s.username);
    expect(usernames).toEqual(expect.arrayContaining(['admin1', 'supervisor1', 'officer1']));
    expect(usernames).not.toContain('citizen1');
    expect(page.items.find((s) => s.username === 'admin1')).toMatchObject({
      hasTotp: true,
      isLocked: false,
      status: 'active',
    });

    const second = (await admin.get('/api/v1/staff?limit=1&offset=1')).json() as StaffPage;
    expect(second.items).toHaveLength(Math.min(1, Math.max(0, page.total - 1)));
    expect(second.total).toBe(page.total);
  });

  it('filters by office', async () => {
    const res = await admin.get(`/api/v1/staff?officeId=${office.id}&limit=200`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as StaffPage).items.every((s) => s.officeId === office.id)).toBe(true);
  });

  it('is readable by supervisors, not by officers or citizens, and not anonymously', async () => {
    expect((await (await login('supervisor1')).get('/api/v1/staff')).statusCode).toBe(200);
    expect((await (await login('officer1')).get('/api/v1/staff')).json()).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await (await login('citizen1')).get('/api/v1/staff')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/v1/staff')).statusCode).toBe(401);
  });

  it('answers 400 with the query field on bad paging or office id', async () => {
    for (const [qs, field] of [
      ['limit=0', 'query.limit'],
      ['limit=999', 'query.limit'],
      ['offset=-1', 'query.offset'],
      ['officeId=abc', 'query.officeId'],
    ]) {
      const res = await admin.get(`/api/v1/staff?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field }] });
    }
  });
});

describe('POST /api/v1/staff', () => {
  it('creates an officer with an argon2id hash and an encrypted TOTP secret, returned once, audited once', async () => {
    const b = body();
    const { result: res, rows } = await auditedBy(t, () => admin.post('/api/v1/staff', b));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as CreatedStaff;
    expect(created.staff).toMatchObject({
      username: b.username,
      role: 'officer',
      officeId: office.id,
      status: 'active',
      hasTotp: true,
      isLocked: false,
    });
    expect(created.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(created.totpUri).toContain(`otpauth://totp/OpenDMV:${b.username}`);

    const row = await userRow(created.staff.id);
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row.totpSecretEnc).not.toContain(created.totpSecret);
    expect(t.app.ctx.pii.decrypt(row.totpSecretEnc!)).toBe(created.totpSecret);
    expect(row.createdBy).toBe(admin.me!.id);

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'staff.create',
      entityType: 'user',
      entityId: created.staff.id,
      actorId: admin.me!.id,
    });
    const logged = JSON.stringify(rows[0]);
    expect(logged).not.toContain(STRONG_PASSWORD);
    expect(logged).not.toContain(created.totpSecret);

    // The new officer logs in with password and TOTP; without the code login asks for it.
    const noCode = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: b.username, password: STRONG_PASSWORD }, fromFreshIp());
    expect(noCode.json()).toMatchObject({ code: 'TOTP_REQUIRED' });
    const officer = await loginWith(t, b.username, STRONG_PASSWORD, created.totpSecret);
    expect(officer.me).toMatchObject({ role: 'officer', office: { id: office.id } });
  });

  it('answers 409 on a taken username (staff or citizen) and writes nothing', async () => {
    for (const username of ['officer1', 'citizen1']) {
      const { result: res, rows } = await auditedBy(t, () => admin.post('/api/v1/staff', body({ username })));
      expect(res.statusCode, username).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'body.username' }] });
      expect(rows).toHaveLength(0);
    }
  });

  it('lets exactly one of two concurrent creates of one username win', async () => {
    const b = body();
    const before = await headSeq(t);
    const results = await Promise.all([admin.post('/api/v1/staff', b), admin.post('/api/v1/staff', b)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = (await auditRowsAfter(t, before)).filter((r) => r.action === 'staff.create');
    expect(rows).toHaveLength(1);
  });

  it('rolls the account back when its audit record cannot be written (one transaction)', async () => {
    const db = t.app.ctx.db;
    await db.execute(
      sql`CREATE FUNCTION test_fail_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit store down'; END; $$ LANGUAGE plpgsql`,
    );
    await db.execute(
      sql`CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_fail_audit()`,
    );
    const b = body();
    try {
      const res = await admin.post('/api/v1/staff', b);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'INTERNAL' });
      expect(res.body).not.toContain('audit store down');
    } finally {
      await db.execute(sql`DROP TRIGGER test_fail_audit ON audit_log`);
      await db.execute(sql`DROP FUNCTION test_fail_audit()`);
    }
    expect(await db.select().from(users).where(eq(users.username, b.username))).toHaveLength(0);
  });

  it('answers 400 with field names on bad input and on a weak password', async () => {
    const res = await admin.post('/api/v1/staff', {
      username: 'A',
      displayName: 'x',
      role: 'citizen',
      officeId: 'nope',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.username',
        'body.displayName',
        'body.role',
        'body.officeId',
        'body.password',
      ]),
    );

    for (const [password, lang, text] of [
      ['alllowercaseletters', 'en', 'at least three'],
      ['ALLUPPER12345', 'zh-CN', '至少三类'],
    ] as const) {
      const { result: weak, rows } = await auditedBy(t, () =>
        admin.post('/api/v1/staff', body({ password }), { 'accept-language': lang }),
      );
      expect(weak.statusCode).toBe(400);
      const err = weak.json() as { fields: { field: string; message: string }[] };
      expect(err.fields).toEqual([{ field: 'body.password', message: expect.stringContaining(text) }]);
      expect(rows).toHaveLength(0);
    }
    const b = body();
    const withName = await admin.post('/api/v1/staff', { ...b, password: `X#${b.username}99` });
    expect(withName.json()).toMatchObject({ fields: [{ field: 'body.password' }] });
  });

  it('answers 404 for an unknown office', async () => {
    const res = await admin.post('/api/v1/staff', body({ officeId: '00000000-0000-4000-8000-00000000abcd' }));
    expect(res.statusCode).toBe(404);
  });

  it('refuses every role without staff:manage (403) and anonymous callers (401)', async () => {
    for (const username of ['officer1', 'supervisor1', 'citizen1']) {
      const agent = await login(username);
      const { result: res, rows } = await auditedBy(t, () => agent.post('/api/v1/staff', body()));
      expect(res.statusCode, username).toBe(403);
      expect(rows.map((r) => r.action)).toEqual(['access.denied']);
    }
    expect((await t.anonymous().post('/api/v1/staff', body())).statusCode).toBe(401);
  });

  it('refuses a create without the CSRF header', async () => {
    const b = body();
    const res = await postWithoutCsrf(t, admin, '/api/v1/staff', b);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_INVALID' });
    expect(await t.app.ctx.db.select().from(users).where(eq(users.username, b.username))).toHaveLength(0);
  });
});

describe('unlock, disable, enable', () => {
  it('unlocks an account locked by failed logins', async () => {
    const { created } = await createStaffAndLogin(t, admin, 'officer', office.id);
    const username = created.staff.username;
    for (let i = 0; i < t.app.ctx.config.loginMaxFailures; i++) {
      await t.anonymous().post('/api/v1/auth/login', { username, password: 'Wrong#Pass2026' }, fromFreshIp());
    }
    const locked = await t
      .anonymous()
      .post('/api/v1/auth/login', { username, password: STRONG_PASSWORD }, fromFreshIp());
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const listed = (await admin.get(`/api/v1/staff?officeId=${office.id}&limit=200`)).json() as StaffPage;
    expect(listed.items.find((s) => s.id === created.staff.id)).toMatchObject({ isLocked: true });

    const { result: res, rows } = await auditedBy(t, () =>
      admin.post(`/api/v1/staff/${created.staff.id}/unlock`),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: created.staff.id, isLocked: false });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'staff.unlock',
      entityId: created.staff.id,
      details: { wasLocked: true },
    });
    await loginWith(t, username, STRONG_PASSWORD, created.totpSecret);
  });

  it('disables an account, ending its sessions, and enables it again', async () => {
    const { created, agent } = await createStaffAndLogin(t, admin, 'officer', office.id);
    const id = created.staff.id;
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(200);

    const { result: res, rows } = await auditedBy(t, () => admin.post(`/api/v1/staff/${id}/disable`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'disabled' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'staff.disable',
      entityId: id,
      details: { from: 'active', to: 'disabled', sessionsRevoked: 1 },
    });
    const live = await t.app.ctx.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
    expect(live).toHaveLength(0);
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(401);
    const login = await t
      .anonymous()
      .post(
        '/api/v1/auth/login',
        { username: created.staff.username, password: STRONG_PASSWORD },
        fromFreshIp(),
      );
    expect(login.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });

    const again = await auditedBy(t, () => admin.post(`/api/v1/staff/${id}/disable`));
    expect(again.result.statusCode).toBe(409);
    expect(again.result.json()).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(again.rows).toHaveLength(0);

    const enabled = await auditedBy(t, () => admin.post(`/api/v1/staff/${id}/enable`));
    expect(enabled.result.statusCode).toBe(200);
    expect(enabled.result.json()).toMatchObject({ status: 'active' });
    expect(enabled.rows.map((r) => r.action)).toEqual(['staff.enable']);
    expect((await admin.post(`/api/v1/staff/${id}/enable`)).statusCode).toBe(409);
    await loginWith(t, created.staff.username, STRONG_PASSWORD, created.totpSecret);
    expect((await userRow(id)).updatedBy).toBe(admin.me!.id);
  });

  it('does not let an admin disable itself', async () => {
    const { result: res, rows } = await auditedBy(t, () =>
      admin.post(`/api/v1/staff/${admin.me!.id}/disable`),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT' });
    expect(rows).toHaveLength(0);
  });

  it('answers 404 for unknown and non-staff accounts, 400 for a malformed id', async () => {
    expect((await admin.post('/api/v1/staff/00000000-0000-4000-8000-00000000abcd/unlock')).statusCode).toBe(
      404,
    );
    const citizen = await login('citizen1');
    expect((await admin.post(`/api/v1/staff/${citizen.me!.id}/disable`)).statusCode).toBe(404);
    const bad = await admin.post('/api/v1/staff/not-a-uuid/enable');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ fields: [{ field: 'params.id' }] });
  });

  it('refuses other roles, anonymous callers and a missing CSRF header', async () => {
    const officer = await login('officer1');
    const others = [officer, await login('supervisor1'), await login('citizen1')];
    for (const action of ['unlock', 'disable', 'enable']) {
      const url = `/api/v1/staff/${officer.me!.id}/${action}`;
      for (const agent of others) {
        expect((await agent.post(url)).statusCode, `${agent.me!.username} ${action}`).toBe(403);
      }
      expect((await t.anonymous().post(url)).statusCode).toBe(401);
      expect((await postWithoutCsrf(t, admin, url)).json()).toMatchObject({ code: 'CSRF_INVALID' });
    }
    expect((await userRow(officer.me!.id)).status).toBe('active');
  });
});

describe('staff scope', () => {
  it('a branch admin manages only its branch', async () => {
    const { branch, agent, created } = await branchAdmin(t, admin);

    const page = (await agent.get('/api/v1/staff?limit=200')).json() as StaffPage;
    expect(page.items.map((s) => s.id)).toEqual([created.staff.id]);
    expect(page.total).toBe(1);
    const other = await agent.get(`/api/v1/staff?officeId=${office.id}`);
    expect(other.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });

    // Cannot open an account at the parent office…
    const { result: out, rows } = await auditedBy(t, () =>
      agent.post('/api/v1/staff', body({ officeId: office.id, role: 'admin' })),
    );
    expect(out.statusCode).toBe(403);
    expect(out.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([['access.denied', 'denied']]);
    expect(rows[0]!.details).toMatchObject({ operation: 'staff.create' });

    // …nor touch accounts there…
    const admin1 = admin.me!.id;
    for (const action of ['unlock', 'disable', 'enable']) {
      const res = await agent.post(`/api/v1/staff/${admin1}/${action}`);
      expect(res.statusCode, action).toBe(403);
      expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    }
    expect((await userRow(admin1)).status).toBe('active');

    // …but can inside its branch.
    const inside = await agent.post('/api/v1/staff', body({ officeId: branch.id }));
    expect(inside.statusCode, inside.body).toBe(201);
    const id = (inside.json() as CreatedStaff).staff.id;
    expect((await agent.post(`/api/v1/staff/${id}/disable`)).statusCode).toBe(200);
  });

  it('does not open staff accounts at a kiosk site', async () => {
    const kiosk = await admin.post('/api/v1/offices', {
      parentId: office.id,
      kind: 'kiosk',
      code: unique('K-').toUpperCase(),
      nameZh: '自助终端',
      nameEn: 'Kiosk',
    });
    expect(kiosk.statusCode).toBe(201);
    const res = await admin.post('/api/v1/staff', body({ officeId: (kiosk.json() as OfficeInfo).id }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ fields: [{ field: 'body.officeId' }] });
  });
});
