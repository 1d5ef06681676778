/** Helpers shared by the admin*.test.ts and audit*.test.ts files (not a test file itself). */
import { type Me, SESSION_COOKIE } from '@opendmv/contracts';
import { asc, desc, gt } from 'drizzle-orm';
import { expect } from 'vitest';
import { currentTotp } from '../src/modules/identity/totp.ts';
import { auditLog } from '../src/platform/audit/schema.ts';
import { Agent, type TestApp } from './support/harness.ts';

export const STRONG_PASSWORD = 'Strong#Pass2026';

let counter = 0;
/** A code or username no other test in the file uses. */
export const unique = (prefix: string) =>
  `${prefix}${Date.now().toString(36).slice(-4)}${(counter++).toString(36)}`;

export async function headSeq(t: TestApp): Promise<number> {
  const [row] = await t.app.ctx.db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row?.seq ?? 0;
}

/** Audit rows appended after `seq`, oldest first. */
export const auditRowsAfter = (t: TestApp, seq: number) =>
  t.app.ctx.db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq));

/** Runs `act` and returns the audit rows it appended. */
export async function auditedBy<T>(t: TestApp, act: () => Promise<T>) {
  const before = await headSeq(t);
  const result = await act();
  return { result, rows: await auditRowsAfter(t, before) };
}

/**
 * Headers that make a request come from an address of its own. The login route keeps its own rate
 * limit (20 a minute per address) even when the harness turns the global limit off, and every
 * injected request comes from 127.0.0.1: tests that log in often spread the attempts out.
 */
export function fromFreshIp(): Record<string, string> {
  const n = counter++;
  return { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
}

/** `t.login`, once per demo account and file (see fromFreshIp). */
export function loginCache(t: TestApp): (username: string) => Promise<Agent> {
  const agents = new Map<string, Promise<Agent>>();
  return (username) => {
    if (!agents.has(username)) agents.set(username, t.login(username));
    return agents.get(username)!;
  };
}

/** Logs in an account created during the test (password + TOTP) and returns its agent. */
export async function loginWith(
  t: TestApp,
  username: string,
  password: string,
  totpSecret?: string,
): Promise<Agent> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: fromFreshIp(),
    payload: {
      username,
      password,
      ...(totpSecret ? { totp: currentTotp(totpSecret, t.clock.now().getTime()) } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  return new Agent(t.app).withSession(cookie, res.json() as Me);
}

export interface OfficeInfo {
  id: string;
  kind: string;
  code: string;
  path: string;
  parentId: string | null;
}

/** Creates an office through the API (as the given admin) and returns it. */
export async function createOffice(
  admin: Agent,
  parentId: string,
  kind: string,
  code = unique('T'),
): Promise<OfficeInfo> {
  const res = await admin.post('/api/v1/offices', {
    parentId,
    kind,
    code: code.toUpperCase(),
    nameZh: `测试${code}`,
    nameEn: `Test ${code}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as OfficeInfo;
}

/** The office-kind (车管所) office in the admin's scope: the admin's own, or the first one below it. */
export async function officeOf(admin: Agent): Promise<OfficeInfo> {
  const res = await admin.get('/api/v1/offices');
  expect(res.statusCode, res.body).toBe(200);
  const items = (res.json() as { items: OfficeInfo[] }).items;
  const office = items.find((o) => o.kind === 'office');
  if (!office) throw new Error('the demo data has no office of kind "office" in admin1\'s scope');
  return office;
}

export interface CreatedStaff {
  staff: {
    id: string;
    username: string;
    role: string;
    officeId: string;
    status: string;
    isLocked: boolean;
    hasTotp: boolean;
  };
  totpSecret: string;
  totpUri: string;
}

/** Creates a staff account through the API and logs it in. */
export async function createStaffAndLogin(
  t: TestApp,
  admin: Agent,
  role: 'officer' | 'supervisor' | 'admin',
  officeId: string,
) {
  const username = unique(`${role.slice(0, 3)}_`);
  const res = await admin.post('/api/v1/staff', {
    username,
    displayName: `测试${role}`,
    role,
    officeId,
    password: STRONG_PASSWORD,
  });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json() as CreatedStaff;
  return { created, agent: await loginWith(t, username, STRONG_PASSWORD, created.totpSecret) };
}

/** A branch admin: a branch under the demo office with an admin account at it. */
export async function branchAdmin(t: TestApp, admin: Agent) {
  const office = await officeOf(admin);
  const branch = await createOffice(admin, office.id, 'branch');
  const { created, agent } = await createStaffAndLogin(t, admin, 'admin', branch.id);
  return { office, branch, created, agent };
}

/** The same request as `agent.post`, but without the x-csrf-token header (the cookie stays). */
export function postWithoutCsrf(
  t: TestApp,
  agent: Agent,
  url: string,
  payload: Record<string, unknown> = {},
) {
  const { 'x-csrf-token': _dropped, ...headers } = (agent as unknown as { headers: Record<string, string> })
    .headers;
  return t.app.inject({ method: 'POST', url, payload, headers });
}
