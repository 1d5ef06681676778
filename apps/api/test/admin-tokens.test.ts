import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '../src/modules/identity/schema.ts';
import { sha256 } from '../src/platform/crypto/pii.ts';
import {
  auditedBy,
  branchAdmin,
  loginCache,
  type OfficeInfo,
  officeOf,
  postWithoutCsrf,
} from './admin-support.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';

interface TokenDto {
  id: string;
  name: string;
  kind: string;
  officeId: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
interface Created {
  token: TokenDto;
  secret: string;
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
  name: '大厅自助机 1',
  kind: 'kiosk',
  officeId: office.id,
  ...over,
});

async function issue(over: Record<string, unknown> = {}, by: Agent = admin): Promise<Created> {
  const res = await by.post('/api/v1/api-tokens', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Created;
}

describe('API tokens', () => {
  it('issues a token whose secret is shown once, stored only as a hash, and audited without the secret', async () => {
    const { result: res, rows } = await auditedBy(t, () =>
      admin.post(
        '/api/v1/api-tokens',
        body({ kind: 'partner', name: '某医院体检中心', partnerSource: 'hospital-medical' }),
      ),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { token, secret } = res.json() as Created;
    expect(secret).toMatch(/^odmv_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      kind: 'partner',
      partnerSource: 'hospital-medical',
      officeId: office.id,
      prefix: secret.slice(0, 12),
      revokedAt: null,
      lastUsedAt: null,
    });

    const [row] = await t.app.ctx.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row!.tokenHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'api-token.create',
      entityType: 'api-token',
      entityId: token.id,
      actorId: admin.me!.id,
    });
    expect(JSON.stringify(rows[0])).not.toContain(secret.slice(12));
  });

  it('a partner token needs the data source it speaks for, and posts only that source', async () => {
    const missing = await admin.post('/api/v1/api-tokens', body({ kind: 'partner', name: '某保险公司' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('body.partnerSource');
    const kioskWithSource = await admin.post(
      '/api/v1/api-tokens',
      body({ kind: 'kiosk', partnerSource: 'insurer-policy' }),
    );
    expect(kioskWithSource.statusCode).toBe(400);
    const { secret } = await issue({ kind: 'partner', name: '某保险公司', partnerSource: 'insurer-policy' });
    const wrongRoute = await t.bearer(secret).post('/api/v1/partner/medical-results', {
      records: [
        {
          reference: 'MED-X-1',
          idNumber: '34052419800101001X',
          hospital: '某医院',
          examDate: '2026-11-20',
          result: 'pass',
        },
      ],
    });
    expect(wrongRoute.statusCode, wrongRoute.body).toBe(403);
    const own = await t.bearer(secret).post('/api/v1/partner/insurance-policies', {
      records: [
        {
          reference: 'NEW-INSURER-1',
          vin: 'LSVAU2180N2000099',
          insurer: '某保险',
          startDate: '2026-11-01',
          endDate: '2027-10-31',
        },
      ],
    });
    // The route is open to this token; the record itself is judged on its content (an unknown VIN here).
    expect(own.statusCode).not.toBe(403);
  });

  it('authenticates the device with its bearer token (GET /devices/me)', async () => {
    const { token, secret } = await issue();
    const res = await t.bearer(secret).get('/api/v1/devices/me');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      id: token.id,
      name: token.name,
      kind: 'kiosk',
      officeId: office.id,
      officeName: expect.any(String),
    });
    // No CSRF for bearer callers; no staff routes either.
    expect((await t.bearer(secret).get('/api/v1/staff')).statusCode).toBe(403);
    expect((await t.bearer(secret).get('/api/v1/api-tokens')).statusCode).toBe(403);
    expect((await t.bearer(`${secret}x`).get('/api/v1/devices/me')).statusCode).toBe(401);
  });

  it('accepts the demo tokens', async () => {
    expect(t.demo.apiTokens.length).toBeGreaterThan(0);
    for (const demo of t.demo.apiTokens) {
      const res = await t.bearer(demo.secret).get('/api/v1/devices/me');
      expect(res.statusCode, demo.name).toBe(200);
      expect(res.json()).toMatchObject({ kind: demo.kind });
    }
  });

  it('refuses /devices/me to a logged-in user', async () => {
    expect((await admin.get('/api/v1/devices/me')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/v1/devices/me')).statusCode).toBe(401);
  });

  it('lists tokens in scope, newest first, revoked ones included', async () => {
    const a = await issue({ name: '列表测试 A' });
    const res = await admin.get('/api/v1/api-tokens?limit=200');
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: TokenDto[]; total: number };
    expect(page.items.map((i) => i.id)).toContain(a.token.id);
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
    const created = page.items.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(JSON.stringify(page)).not.toContain(a.secret);
  });

  it('revokes a token: it stops working at once, audited once; a second revoke is 409', async () => {
    const { token, secret } = await issue();
    expect((await t.bearer(secret).get('/api/v1/devices/me')).statusCode).toBe(200);
    const { result: res, rows } = await auditedBy(t, () =>
      admin.post(`/api/v1/api-tokens/${token.id}/revoke`),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TokenDto).revokedAt).not.toBeNull();
    expect(rows.map((r) => [r.action, r.entityId])).toEqual([['api-token.revoke', token.id]]);
    expect((await t.bearer(secret).get('/api/v1/devices/me')).statusCode).toBe(401);

    const again = await auditedBy(t, () => admin.post(`/api/v1/api-tokens/${token.id}/revoke`));
    expect(again.result.statusCode).toBe(409);
    expect(again.rows).toHaveLength(0);
    expect(
      (await admin.post('/api/v1/api-tokens/00000000-0000-4000-8000-00000000abcd/revoke')).statusCode,
    ).toBe(404);
    expect((await admin.post('/api/v1/api-tokens/abc/revoke')).json()).toMatchObject({
      fields: [{ field: 'params.id' }],
    });
  });

  it('answers 400 with field names on bad input, and 404 for an unknown office', async () => {
    const res = await admin.post('/api/v1/api-tokens', { name: 'x', kind: 'robot', officeId: 'nope' });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.kind', 'body.officeId']));
    expect((await admin.get('/api/v1/api-tokens?limit=0')).json()).toMatchObject({
      fields: [{ field: 'query.limit' }],
    });
    expect(
      (await admin.post('/api/v1/api-tokens', body({ officeId: '00000000-0000-4000-8000-00000000abcd' })))
        .statusCode,
    ).toBe(404);
  });

  it('refuses every other role (403), anonymous callers (401) and a missing CSRF header', async () => {
    const { token } = await issue();
    for (const username of ['officer1', 'supervisor1', 'citizen1']) {
      const agent = await login(username);
      expect((await agent.get('/api/v1/api-tokens')).statusCode, username).toBe(403);
      expect((await agent.post('/api/v1/api-tokens', body())).statusCode, username).toBe(403);
      expect((await agent.post(`/api/v1/api-tokens/${token.id}/revoke`)).statusCode, username).toBe(403);
    }
    const anon = t.anonymous();
    expect((await anon.get('/api/v1/api-tokens')).statusCode).toBe(401);
    expect((await anon.post('/api/v1/api-tokens', body())).statusCode).toBe(401);
    expect((await anon.post(`/api/v1/api-tokens/${token.id}/revoke`)).statusCode).toBe(401);

    const { result: res, rows } = await auditedBy(t, () =>
      postWithoutCsrf(t, admin, '/api/v1/api-tokens', body()),
    );
    expect(res.json()).toMatchObject({ code: 'CSRF_INVALID' });
    expect(rows).toHaveLength(0);
    expect((await postWithoutCsrf(t, admin, `/api/v1/api-tokens/${token.id}/revoke`)).statusCode).toBe(403);
    const [row] = await t.app.ctx.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row!.revokedAt).toBeNull();
  });

  it('keeps a branch admin inside its branch', async () => {
    const outside = await issue({ name: '总所自助机' });
    const { branch, agent } = await branchAdmin(t, admin);

    const { result: res, rows } = await auditedBy(t, () =>
      agent.post('/api/v1/api-tokens', body({ officeId: office.id })),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(rows.map((r) => r.action)).toEqual(['access.denied']);
    expect((await agent.post(`/api/v1/api-tokens/${outside.token.id}/revoke`)).json()).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });

    const inside = await issue({ officeId: branch.id, name: '分所自助机' }, agent);
    const page = (await agent.get('/api/v1/api-tokens?limit=200')).json() as {
      items: TokenDto[];
      total: number;
    };
    expect(page.items.map((i) => i.id)).toEqual([inside.token.id]);
    expect(page.total).toBe(1);
    expect((await agent.post(`/api/v1/api-tokens/${inside.token.id}/revoke`)).statusCode).toBe(200);
  });
});
