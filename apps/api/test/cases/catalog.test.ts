import type { CaseDetail, CatalogItemSummary, ItemDefinition, ServiceGuide } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin1');
});
afterAll(() => t?.close());

type Versions = { items: { version: number; definition: ItemDefinition; openCases: number }[] };

describe('the public catalog and service guides (no login)', () => {
  it('lists at least 15 items and every guide renders with conditions, materials, outlets and legal basis', async () => {
    const { items } = (await t.anonymous().get('/api/v1/public/catalog')).json() as {
      items: CatalogItemSummary[];
    };
    expect(items.length).toBeGreaterThanOrEqual(15);
    for (const item of items) {
      const res = await t.anonymous().get(`/api/v1/public/catalog/${item.code}`);
      expect(res.statusCode, item.code).toBe(200);
      const guide = res.json() as ServiceGuide;
      expect(guide.definition.legalBasis.length).toBeGreaterThan(0);
      expect(guide.outlets.length, `${item.code} has outlets`).toBeGreaterThan(0);
      for (const o of guide.outlets) expect(guide.definition.officeKinds).toContain(o.kind);
      expect(guide.definition.promisedDays).toBeLessThanOrEqual(guide.definition.statutoryDays);
    }
    expect((await t.anonymous().get('/api/v1/public/catalog/NO-SUCH')).statusCode).toBe(404);
    expect((await t.anonymous().get('/api/v1/public/catalog/lower')).statusCode).toBe(400);
  });
});

describe('editing creates a version; open cases keep theirs', () => {
  it('a case opened on version 1 stays on it after an administrator saves version 2', async () => {
    const citizen = await t.login('citizen5');
    const before = (await admin.get('/api/v1/admin/catalog/DL-DAMAGED/versions')).json() as Versions;
    const v1 = before.items[0]!;
    const opened = await citizen.post('/api/v1/me/cases', {
      itemCode: 'DL-DAMAGED',
      subject: {},
      form: {},
      delivery: 'collect',
      provided: v1.definition.materials.filter((m) => m.supplier === 'applicant').map((m) => m.code),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const c = opened.json() as CaseDetail;
    expect(c.itemVersion).toBe(v1.version);

    const revised = { ...v1.definition, feeFen: v1.definition.feeFen + 500, promisedDays: 1 };
    const saved = await admin.request('PUT', '/api/v1/admin/catalog/DL-DAMAGED', {
      baseVersion: v1.version,
      definition: revised,
      changeNote: '工本费调整（测试）',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { version: number }).version).toBe(v1.version + 1);

    const still = (await citizen.get(`/api/v1/me/cases/${c.id}`)).json() as CaseDetail;
    expect(still.itemVersion).toBe(v1.version);
    expect(still.feeFen).toBe(v1.definition.feeFen);
    const after = (await admin.get('/api/v1/admin/catalog/DL-DAMAGED/versions')).json() as Versions;
    expect(after.items.map((v) => v.version)).toEqual([v1.version + 1, v1.version]);
    expect(after.items[1]!.openCases).toBe(1);
    const guide = (await t.anonymous().get('/api/v1/public/catalog/DL-DAMAGED')).json() as ServiceGuide;
    expect(guide.definition.feeFen).toBe(v1.definition.feeFen + 500);
    const [audit] = await queryRows<{ n: number }>(
      t.app.ctx.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'catalog.revise'`,
    );
    expect(audit!.n).toBeGreaterThan(0);
  });

  it('a save over a newer version is refused (409), and versions are immutable in the database', async () => {
    const { items } = (await admin.get('/api/v1/admin/catalog/PLATE-REPLACE/versions')).json() as Versions;
    const body = {
      baseVersion: items[0]!.version,
      definition: items[0]!.definition,
      changeNote: '第一次保存',
    };
    expect((await admin.request('PUT', '/api/v1/admin/catalog/PLATE-REPLACE', body)).statusCode).toBe(200);
    const stale = await admin.request('PUT', '/api/v1/admin/catalog/PLATE-REPLACE', {
      ...body,
      changeNote: '第二次',
    });
    expect(stale.statusCode).toBe(409);
    await expect(t.app.ctx.db.execute(sql`UPDATE catalog_versions SET change_note = 'x'`)).rejects.toThrow();
  });

  it('a version that names an unknown fact or breaks the schema is refused field by field', async () => {
    const { items } = (await admin.get('/api/v1/admin/catalog/DL-LOST/versions')).json() as Versions;
    const d = structuredClone(items[0]!.definition);
    d.eligibility[0] = { ...d.eligibility[0]!, require: { fact: 'licence.colour', op: 'eq', value: 'red' } };
    const unknownFact = await admin.request('PUT', '/api/v1/admin/catalog/DL-LOST', {
      baseVersion: items[0]!.version,
      definition: d,
      changeNote: 'x',
    });
    expect(unknownFact.statusCode).toBe(400);
    expect(unknownFact.body).toContain('licence.colour');
    const broken = await admin.request('PUT', '/api/v1/admin/catalog/DL-LOST', {
      baseVersion: items[0]!.version,
      definition: { ...items[0]!.definition, promisedDays: 99, statutoryDays: 1 },
      changeNote: 'x',
    });
    expect(broken.statusCode).toBe(400);
    expect((broken.json() as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(
      'body.definition.promisedDays',
    );
  });

  it('a new item can be created, and a duplicate code is a conflict', async () => {
    const { items } = (await admin.get('/api/v1/admin/catalog/DL-LOST/versions')).json() as Versions;
    const d = { ...items[0]!.definition, code: 'DL-LOST-TEST', name: { zh: '测试事项', en: 'Test item' } };
    const created = await admin.post('/api/v1/admin/catalog', { definition: d, changeNote: '新建' });
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (await admin.post('/api/v1/admin/catalog', { definition: d, changeNote: '再建' })).statusCode,
    ).toBe(409);
    const listed = (await t.anonymous().get('/api/v1/public/catalog')).json() as {
      items: { code: string }[];
    };
    expect(listed.items.map((i) => i.code)).toContain('DL-LOST-TEST');
  });

  it('only administrators edit the catalog', async () => {
    for (const who of ['citizen1', 'officer1', 'supervisor1']) {
      const agent = await t.login(who);
      expect((await agent.get('/api/v1/admin/catalog')).statusCode, who).toBe(403);
      expect((await agent.request('PUT', '/api/v1/admin/catalog/DL-LOST', {})).statusCode, who).toBe(403);
    }
  });
});
