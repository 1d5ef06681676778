import { SESSION_COOKIE } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../src/modules/identity/totp.ts';
import { queryRows } from '../src/platform/db/client.ts';
import { startTestApp, type TestApp } from './support/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const login = (body: Record<string, unknown>, lang = 'zh-CN') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: body,
    headers: { 'accept-language': lang },
  });

describe('login', () => {
  it('sets an httpOnly SameSite=Strict session cookie and returns the account with its permissions', async () => {
    const a = t.account('officer1');
    const res = await login({
      username: a.username,
      password: a.password,
      ...(a.totpSecret ? { totp: currentTotp(a.totpSecret, t.clock.now().getTime()) } : {}),
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().permissions).toContain('registry:search');
    expect(res.json().csrfToken.length).toBeGreaterThan(20);
  });

  it('asks supervisors and administrators for a TOTP code, and refuses a wrong one', async () => {
    for (const username of ['supervisor1', 'admin1']) {
      const a = t.account(username);
      const noCode = await login({ username, password: a.password });
      expect(noCode.statusCode).toBe(401);
      expect(noCode.json().code).toBe('TOTP_REQUIRED');
      const wrong = await login({
        username,
        password: a.password,
        totp: currentTotp(a.totpSecret!, t.clock.now().getTime() - 10 * 60_000),
      });
      expect(wrong.json().code).toBe('TOTP_INVALID');
      const right = await login({
        username,
        password: a.password,
        totp: currentTotp(a.totpSecret!, t.clock.now().getTime()),
      });
      expect(right.statusCode).toBe(200);
    }
  });

  it('answers in the caller’s language', async () => {
    const zh = await login({ username: 'nobody', password: 'x' });
    const en = await login({ username: 'nobody', password: 'x' }, 'en-GB,en;q=0.9');
    expect(zh.json().code).toBe('INVALID_CREDENTIALS');
    expect(zh.json().message).toBe('用户名或密码错误');
    expect(en.json().message).toBe('Wrong username or password');
    const bad = await login({ username: '', password: 5 }, 'en');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['body.password', 'body.username']);
  });

  it('locks the account after repeated failures, even for the right password, and audits every attempt', async () => {
    const a = t.account('citizen3');
    for (let i = 0; i < 5; i++)
      expect((await login({ username: a.username, password: 'wrong-password' })).statusCode).toBe(401);
    const locked = await login({ username: a.username, password: a.password });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    const rows = await queryRows<{ outcome: string }>(
      t.app.ctx.db,
      sql`select outcome, details from audit_log where action = 'auth.login' and details->>'username' = ${a.username}`,
    );
    expect(rows.length).toBe(6);
    expect(rows.every((r) => r.outcome === 'failure')).toBe(true);
  });

  it('ends the session on logout', async () => {
    const agent = await t.login('citizen2');
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await agent.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await agent.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('never writes the password or the session token into the audit log', async () => {
    const a = t.account('officer1');
    const rows = await queryRows<{ d: string }>(t.app.ctx.db, sql`select details::text as d from audit_log`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.d).not.toContain(a.password);
  });
});

describe('health and docs', () => {
  it('reports the database kind', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
    });
  });
  it('serves an OpenAPI 3.1 document with an operationId on every operation', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (m) => Object.values(m),
    );
    expect(ops.length).toBeGreaterThan(10);
    expect(ops.every((o) => o.operationId)).toBe(true);
  });
});
