import type { LicenceDto, ShareCheckResult, ShareCodeCreated, ShareCodeList } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { movableClock } from '../support/cases.ts';
import { TEST_NOW } from '../support/constants.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

/** Share codes (DVLA-style check codes): one use, 21 days, hashed at rest, every use and refusal audited. */
const clock = movableClock();
let t: TestApp;
let holder: Agent;
let licence: LicenceDto;

beforeAll(async () => {
  t = await startTestApp({ clock });
  holder = await t.login('citizen4');
  licence = ((await holder.get('/api/v1/me/licence')).json() as { licence: LicenceDto }).licence;
});
afterAll(() => t?.close());

const CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const create = async (purpose?: string) => {
  const res = await holder.post('/api/v1/me/e-licence/share-codes', purpose ? { purpose } : {});
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ShareCodeCreated;
};
const check = (code: string, checker = '示范租车有限公司', lang = 'zh-CN') =>
  t.anonymous().post('/api/v1/public/e-licence/check', { code, checker }, { 'accept-language': lang });
const list = async (as = holder) =>
  ((await as.get('/api/v1/me/e-licence/share-codes')).json() as ShareCodeList).items;
const refusal = (res: { statusCode: number; body: string }) => {
  const body = JSON.parse(res.body) as { code: string; fields?: { field: string; message: string }[] };
  return {
    status: res.statusCode,
    code: body.code,
    field: body.fields?.[0]?.field,
    message: body.fields?.[0]?.message,
  };
};

describe('share codes', () => {
  it('are made for 21 days, shown once as XXXX-XXXX, and listed without the code', async () => {
    const made = await create('示范租车');
    expect(made.code).toMatch(CODE);
    expect(made.createdAt).toBe(TEST_NOW);
    expect(Date.parse(made.expiresAt) - Date.parse(made.createdAt)).toBe(21 * 86_400_000);
    const items = await list();
    const item = items.find((i) => i.id === made.id)!;
    expect(item).toMatchObject({ purpose: '示范租车', state: 'active', usedAt: null, usedBy: null });
    expect(Object.keys(item).sort()).toEqual(
      ['createdAt', 'expiresAt', 'id', 'purpose', 'revokedAt', 'state', 'usedAt', 'usedBy'].sort(),
    );
    const listed = JSON.stringify(items);
    expect(listed).not.toContain(made.code);
    expect(listed).not.toContain(made.code.replace('-', ''));
    const [row] = await queryRows<{ code_hash: string }>(
      t.app.ctx.db,
      sql`SELECT code_hash FROM licence_share_codes WHERE id = ${made.id}`,
    );
    expect(row!.code_hash).not.toContain(made.code.replace('-', ''));
    expect(row!.code_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('shows status, classes, points, masked name and validity once, then refuses the second use', async () => {
    const made = await create();
    const typed = ` ${made.code.replace('-', ' ').toLowerCase()} `;
    const first = await check(typed, '示范物流公司');
    expect(first.statusCode, first.body).toBe(200);
    const r = first.json() as ShareCheckResult;
    expect(Object.keys(r).sort()).toEqual([
      'checkedAt',
      'classes',
      'holderName',
      'points',
      'status',
      'validUntil',
    ]);
    expect(r).toMatchObject({
      status: 'valid',
      classes: licence.classes,
      points: licence.points,
      validUntil: licence.validUntil,
    });
    expect(r.holderName).toMatch(/^.\*+$/u);
    const second = await check(made.code);
    expect(refusal(second)).toMatchObject({ status: 409, code: 'CONFLICT', field: 'body.code' });
    expect(refusal(second).message).toMatch(/已被使用/);
    expect(refusal(await check(made.code, 'Other Ltd', 'en')).message).toMatch(/already been used/);
    const item = (await list()).find((i) => i.id === made.id)!;
    expect(item).toMatchObject({ state: 'used', usedBy: '示范物流公司', usedAt: TEST_NOW });
  });

  it('two uses at the same moment: exactly one sees the licence', async () => {
    for (let round = 0; round < 3; round++) {
      const made = await create();
      const results = await Promise.all([check(made.code, '甲公司'), check(made.code, '乙公司')]);
      expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    }
  });

  it('a revoked code is refused, and cannot be revoked twice', async () => {
    const made = await create('不用了');
    const revoked = await holder.post(`/api/v1/me/e-licence/share-codes/${made.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: made.id, state: 'revoked', revokedAt: TEST_NOW });
    expect(refusal(await check(made.code))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/撤销/),
    });
    expect((await holder.post(`/api/v1/me/e-licence/share-codes/${made.id}/revoke`)).statusCode).toBe(409);
  });

  it('a code past its 21 days is refused; one at 20 days still works', async () => {
    const late = await create();
    const inTime = await create();
    try {
      clock.advanceDays(20);
      expect((await check(inTime.code)).statusCode).toBe(200);
      clock.advanceDays(1);
      const res = await check(late.code);
      expect(refusal(res)).toMatchObject({ status: 409, message: expect.stringMatching(/过期/) });
      // three weeks on, the morning's session has long ended: sign in again
      const again = await t.login('citizen4');
      expect((await list(again)).find((i) => i.id === late.id)!.state).toBe('expired');
    } finally {
      clock.set(TEST_NOW);
    }
  });

  it('an unknown code is 404, a malformed one 400, both on body.code', async () => {
    expect(refusal(await check('2345-6789'))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      field: 'body.code',
    });
    expect(refusal(await check('O0O0-1I1L'))).toMatchObject({ status: 400, field: 'body.code' });
  });

  it('the check follows the registry (12 points shows as such)', async () => {
    const made = await create();
    await t.app.ctx.db.execute(sql`UPDATE driving_licences SET points = 12 WHERE id = ${licence.id}`);
    try {
      expect((await check(made.code)).json()).toMatchObject({ status: 'full-score', points: 12 });
    } finally {
      await t.app.ctx.db.execute(
        sql`UPDATE driving_licences SET points = ${licence.points} WHERE id = ${licence.id}`,
      );
    }
  });

  it('answers bad bodies with 400 and the field paths', async () => {
    const anon = t.anonymous();
    const fields = async (res: { body: string; statusCode: number }) => {
      expect(res.statusCode).toBe(400);
      return (JSON.parse(res.body) as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    };
    expect(await fields(await anon.post('/api/v1/public/e-licence/check', {}))).toEqual([
      'body.checker',
      'body.code',
    ]);
    expect(
      await fields(await anon.post('/api/v1/public/e-licence/check', { code: 'ABCD-EFGH', checker: 'x' })),
    ).toEqual(['body.checker']);
    expect(
      await fields(await holder.post('/api/v1/me/e-licence/share-codes', { purpose: 'x'.repeat(61) })),
    ).toEqual(['body.purpose']);
    expect(await fields(await holder.post('/api/v1/me/e-licence/share-codes/not-a-uuid/revoke'))).toEqual([
      'params.id',
    ]);
  });

  it('is the holder’s alone: others get 403/401/404', async () => {
    const made = await create();
    const officer = await t.login('officer1');
    expect((await officer.post('/api/v1/me/e-licence/share-codes', {})).statusCode).toBe(403);
    expect((await officer.get('/api/v1/me/e-licence/share-codes')).statusCode).toBe(403);
    expect((await officer.post(`/api/v1/me/e-licence/share-codes/${made.id}/revoke`)).statusCode).toBe(403);
    expect((await t.anonymous().post('/api/v1/me/e-licence/share-codes', {})).statusCode).toBe(401);
    const other = await t.login('citizen5');
    expect((await other.post(`/api/v1/me/e-licence/share-codes/${made.id}/revoke`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/me/e-licence/share-codes')).json()).toEqual({ items: [] });
  });

  it('audits creation, use, refusal and revocation — never the code', async () => {
    const rows = await queryRows<{
      action: string;
      outcome: string;
      actor_kind: string;
      details: Record<string, unknown>;
    }>(
      t.app.ctx.db,
      sql`SELECT action, outcome, actor_kind, details FROM audit_log WHERE action LIKE 'share-code.%' ORDER BY seq`,
    );
    const by = (a: string) => rows.filter((r) => r.action === a);
    expect(by('share-code.create').length).toBeGreaterThanOrEqual(10);
    expect(by('share-code.create').every((r) => r.actor_kind === 'user')).toBe(true);
    expect(by('share-code.use')).toHaveLength(6);
    expect(by('share-code.use')[0]!).toMatchObject({
      actor_kind: 'anonymous',
      details: { checker: '示范物流公司', status: 'valid', licenceId: licence.id },
    });
    expect(by('share-code.revoke')).toHaveLength(1);
    expect(by('share-code.refuse').map((r) => r.details.reason)).toEqual(
      expect.arrayContaining(['used', 'revoked', 'expired', 'unknown', 'malformed']),
    );
    expect(by('share-code.refuse').every((r) => r.outcome === 'failure')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/"code"/);
  });

  it('limits guessing: the public check is rate-limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/e-licence/check',
        remoteAddress: '198.51.100.7',
        payload: { code: '2345-6789', checker: '猜码者' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
