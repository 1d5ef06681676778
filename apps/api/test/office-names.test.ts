import type { Me } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/modules/identity/totp.ts';
import { findOfficeById } from '../src/modules/offices/index.ts';
import { officeOf, STRONG_PASSWORD, unique } from './admin-support.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';

interface StaffItem {
  username: string;
  officeId: string;
  officeName: string;
}

let t: TestApp;
let officer: Agent;
let admin: Agent;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('officer1');
  admin = await t.login('admin1');
});
afterAll(() => t?.close());

/** Both names of an office, read from the table (the seed gives every office a Chinese and an English one). */
async function namesOf(officeId: string) {
  const office = await findOfficeById(t.app.ctx.db, officeId);
  if (!office) throw new Error(`no office ${officeId}`);
  expect(office.nameEn).not.toBe(office.nameZh);
  return { zh: office.nameZh, en: office.nameEn };
}

const EN = { 'accept-language': 'en' };
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9' };

describe("office names follow the caller's Accept-Language", () => {
  it('GET /auth/me: office.name in English or Chinese (Chinese by default)', async () => {
    const names = await namesOf(officer.me!.office!.id);
    const en = await officer.get('/api/v1/auth/me', EN);
    const zh = await officer.get('/api/v1/auth/me', ZH);
    const none = await officer.get('/api/v1/auth/me');
    expect(en.statusCode, en.body).toBe(200);
    expect((en.json() as Me).office?.name).toBe(names.en);
    expect((zh.json() as Me).office?.name).toBe(names.zh);
    expect((none.json() as Me).office?.name).toBe(names.zh);
  });

  it('POST /auth/login answers with the office name in the login request’s language', async () => {
    const a = t.account('officer1');
    const totp = a.totpSecret ? { totp: currentTotp(a.totpSecret, t.clock.now().getTime()) } : {};
    const res = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: a.username, password: a.password, ...totp }, EN);
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json() as Me;
    expect(me.office?.name).toBe((await namesOf(me.office!.id)).en);
  });

  it('GET /staff: officeName in English or Chinese', async () => {
    const find = async (headers: Record<string, string>) => {
      const res = await admin.get('/api/v1/staff?limit=100', headers);
      expect(res.statusCode, res.body).toBe(200);
      const item = (res.json() as { items: StaffItem[] }).items.find((s) => s.username === 'officer1');
      expect(item).toBeDefined();
      return item!;
    };
    const en = await find(EN);
    const zh = await find(ZH);
    const names = await namesOf(en.officeId);
    expect(en.officeName).toBe(names.en);
    expect(zh.officeName).toBe(names.zh);
  });

  it('POST /staff and POST /staff/:id/disable: officeName in the caller’s language', async () => {
    const office = await officeOf(admin);
    const names = await namesOf(office.id);
    const res = await admin.post(
      '/api/v1/staff',
      {
        username: unique('names_'),
        displayName: '测试民警',
        role: 'officer',
        officeId: office.id,
        password: STRONG_PASSWORD,
      },
      EN,
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = (res.json() as { staff: StaffItem & { id: string } }).staff;
    expect(created.officeName).toBe(names.en);

    const disabled = await admin.post(`/api/v1/staff/${created.id}/disable`, {}, ZH);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((disabled.json() as StaffItem).officeName).toBe(names.zh);
  });
});
