import { ROLE_PERMISSIONS, ROLES } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditedBy,
  branchAdmin,
  createOffice,
  loginCache,
  type OfficeInfo,
  officeOf,
  postWithoutCsrf,
  unique,
} from './admin-support.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';

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
  parentId: office.id,
  kind: 'branch',
  code: unique('BR-').toUpperCase(),
  nameZh: '测试分所',
  nameEn: 'Test Branch',
  ...over,
});

describe('GET /api/v1/offices', () => {
  it("lists the admin's own office and everything below it", async () => {
    const res = await admin.get('/api/v1/offices');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: OfficeInfo[] }).items;
    const own = items.find((o) => o.id === admin.me!.office!.id)!;
    expect(own).toBeDefined();
    expect(items.every((o) => o.path.startsWith(own.path))).toBe(true);
    expect(items.map((o) => o.path)).toEqual([...items.map((o) => o.path)].sort());
  });

  it("limits an officer to its own office's subtree", async () => {
    const officer = await login('officer1');
    const res = await officer.get('/api/v1/offices');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: OfficeInfo[] }).items;
    const own = items.find((o) => o.id === officer.me!.office!.id)!;
    expect(items.every((o) => o.path.startsWith(own.path))).toBe(true);
  });

  it('refuses citizens (403) and anonymous callers (401)', async () => {
    const citizen = await login('citizen1');
    expect((await citizen.get('/api/v1/offices')).json()).toMatchObject({ code: 'FORBIDDEN' });
    const anon = await t.anonymous().get('/api/v1/offices');
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('POST /api/v1/offices', () => {
  it('creates a branch under the office, with the path built from the codes, and audits it once', async () => {
    const b = body();
    const { result: res, rows } = await auditedBy(t, () => admin.post('/api/v1/offices', b));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as OfficeInfo;
    expect(created).toMatchObject({
      parentId: office.id,
      kind: 'branch',
      code: b.code,
      path: `${office.path}${b.code}/`,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'office.create',
      entityType: 'office',
      entityId: created.id,
      actorId: admin.me!.id,
      outcome: 'success',
    });
    const list = (await admin.get('/api/v1/offices')).json() as { items: OfficeInfo[] };
    expect(list.items.map((o) => o.id)).toContain(created.id);
  });

  it('answers 409 on a duplicate code and writes nothing', async () => {
    const b = body();
    expect((await admin.post('/api/v1/offices', b)).statusCode).toBe(201);
    const { result: res, rows } = await auditedBy(t, () =>
      admin.post('/api/v1/offices', { ...b, nameZh: '另一个' }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'body.code' }] });
    expect(rows).toHaveLength(0);
  });

  it('refuses a kind the parent cannot contain (400 on body.kind)', async () => {
    const branch = await createOffice(admin, office.id, 'branch');
    const outlet = await createOffice(admin, branch.id, 'outlet');
    for (const [parentId, kind] of [
      [office.id, 'office'],
      [branch.id, 'branch'],
      [outlet.id, 'kiosk'],
      [office.id, 'detachment'],
    ] as const) {
      const { result: res, rows } = await auditedBy(t, () =>
        admin.post('/api/v1/offices', body({ parentId, kind })),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'body.kind' }] });
      expect(rows).toHaveLength(0);
    }
  });

  it('answers 400 with field names on bad input', async () => {
    const res = await admin.post('/api/v1/offices', {
      parentId: 'nope',
      kind: 'castle',
      code: 'bad code',
      nameZh: '',
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.parentId', 'body.kind', 'body.code', 'body.nameZh', 'body.nameEn']),
    );
    const en = await admin.post('/api/v1/offices', body({ code: 'x' }), { 'accept-language': 'en' });
    expect(en.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The request is invalid',
      fields: [{ field: 'body.code' }],
    });
  });

  it('answers 404 for an unknown parent', async () => {
    const res = await admin.post(
      '/api/v1/offices',
      body({ parentId: '00000000-0000-4000-8000-00000000abcd' }),
    );
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses every role without office:manage (403) and anonymous callers (401)', async () => {
    for (const username of ['officer1', 'supervisor1', 'citizen1']) {
      const agent = await login(username);
      const { result: res, rows } = await auditedBy(t, () => agent.post('/api/v1/offices', body()));
      expect(res.statusCode, username).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
      expect(rows.map((r) => [r.action, r.outcome])).toEqual([['access.denied', 'denied']]);
    }
    expect((await t.anonymous().post('/api/v1/offices', body())).statusCode).toBe(401);
  });

  it('refuses a state change without the CSRF header', async () => {
    const { result: res, rows } = await auditedBy(t, () =>
      postWithoutCsrf(t, admin, '/api/v1/offices', body()),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_INVALID' });
    expect(rows).toHaveLength(0);
  });
});

describe('office scope', () => {
  it('a branch admin sees and creates only inside its branch', async () => {
    const { branch, agent } = await branchAdmin(t, admin);
    const list = (await agent.get('/api/v1/offices')).json() as { items: OfficeInfo[] };
    expect(list.items.map((o) => o.id)).toEqual([branch.id]);

    // The parent office is outside its subtree: refused, and the refusal is audited.
    const { result: out, rows } = await auditedBy(t, () =>
      agent.post('/api/v1/offices', body({ parentId: office.id })),
    );
    expect(out.statusCode).toBe(403);
    expect(out.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(rows.map((r) => [r.action, r.outcome, r.entityId])).toEqual([
      ['access.denied', 'denied', office.id],
    ]);
    expect(rows[0]!.details).toMatchObject({ reason: 'out-of-scope', operation: 'office.create' });

    // A sibling branch is outside too.
    const sibling = await createOffice(admin, office.id, 'branch');
    expect(
      (await agent.post('/api/v1/offices', body({ parentId: sibling.id, kind: 'outlet' }))).statusCode,
    ).toBe(403);

    const outlet = await agent.post('/api/v1/offices', body({ parentId: branch.id, kind: 'outlet' }));
    expect(outlet.statusCode).toBe(201);
    expect((outlet.json() as OfficeInfo).path.startsWith(branch.path)).toBe(true);
  });
});

describe('GET /api/v1/roles', () => {
  it('returns the role table from contracts', async () => {
    const res = await admin.get('/api/v1/roles');
    expect(res.statusCode).toBe(200);
    const items = (
      res.json() as { items: { role: string; permissions: string[]; requiresTotp: boolean; zh: string }[] }
    ).items;
    expect(items.map((i) => i.role)).toEqual([...ROLES]);
    for (const item of items) {
      expect(item.permissions).toEqual([...ROLE_PERMISSIONS[item.role as keyof typeof ROLE_PERMISSIONS]]);
      expect(item.requiresTotp).toBe(item.role === 'admin' || item.role === 'supervisor');
      expect(item.zh.length).toBeGreaterThan(0);
    }
    expect((await (await login('officer1')).get('/api/v1/roles')).statusCode).toBe(200);
  });

  it('refuses citizens and anonymous callers', async () => {
    expect((await (await login('citizen1')).get('/api/v1/roles')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/v1/roles')).statusCode).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents every admin and audit route with an operationId, a tag and its error responses', async () => {
    // Read from the app rather than GET /api/openapi.json, which the auth hook currently refuses (401/403).
    const doc = t.app.swagger() as unknown as {
      paths: Record<
        string,
        Record<string, { operationId?: string; tags?: string[]; responses: Record<string, unknown> }>
      >;
    };
    const routes = [
      ['get', '/api/v1/offices'],
      ['post', '/api/v1/offices'],
      ['get', '/api/v1/staff'],
      ['post', '/api/v1/staff'],
      ['post', '/api/v1/staff/{id}/unlock'],
      ['post', '/api/v1/staff/{id}/disable'],
      ['post', '/api/v1/staff/{id}/enable'],
      ['get', '/api/v1/roles'],
      ['get', '/api/v1/api-tokens'],
      ['post', '/api/v1/api-tokens'],
      ['post', '/api/v1/api-tokens/{id}/revoke'],
      ['get', '/api/v1/devices/me'],
      ['get', '/api/v1/audit/events'],
      ['get', '/api/v1/audit/verify'],
    ] as const;
    for (const [method, path] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.operationId).toBeTruthy();
      expect(op!.tags?.length).toBeGreaterThan(0);
      expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409']));
    }
  });
});
