import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_KEY_PREFIX } from '../../src/modules/appointments/abuse.ts';
import { type Agent, startTestApp, type TestApp } from '../support/harness.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const opened: TestApp[] = [];
async function app(env: Record<string, string>, more: { database?: TestApp['app']['ctx']['database'] } = {}) {
  const t = await startTestApp({ env: { TRUST_PROXY_HOPS: '1', ...env }, ...more });
  opened.push(t);
  return t;
}
afterAll(async () => {
  for (const t of opened.reverse()) await t.close();
});

/** One guarded request (a release that does not exist: counted, then 404), from an IP and a device. */
const attempt = (a: Agent, ip: string, device?: string) =>
  a.post(
    '/api/v1/me/allocation-requests',
    { slotId: crypto.randomUUID() },
    { 'x-forwarded-for': ip, ...(device ? { 'x-device-id': device } : {}) },
  );
const statuses = async (calls: (() => Promise<{ statusCode: number }>)[]) => {
  const out: number[] = [];
  for (const c of calls) out.push((await c()).statusCode);
  return out;
};
const uniq = (p: string) => `${p}-${crypto.randomUUID().slice(0, 12)}`;

describe('rate limits on booking routes (in memory, one node)', () => {
  it('per identity: the 4th request of one citizen in a minute is 429, whatever the IP and device', async () => {
    const t = await app({ BOOKING_RATE_LIMITS: 'identity=3,device=1000,ip=1000' });
    const c1 = await t.login('citizen1');
    const c2 = await t.login('citizen2');
    const codes = await statuses([1, 2, 3, 4].map((i) => () => attempt(c1, `10.1.0.${i}`, uniq('dev'))));
    expect(codes).toEqual([404, 404, 404, 429]);
    const limited = await attempt(c1, '10.1.0.9', uniq('dev'));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else is not affected.
    expect((await attempt(c2, '10.1.0.1', uniq('dev'))).statusCode).toBe(404);
    // The booking route of the appointments module is guarded too.
    const book = await c1.post(
      '/api/v1/me/appointments',
      { slotId: crypto.randomUUID() },
      { 'x-forwarded-for': '10.1.0.8' },
    );
    expect(book.statusCode).toBe(429);
  });

  it('per device: many identities from one device share its budget', async () => {
    const t = await app({ BOOKING_RATE_LIMITS: 'identity=1000,device=3,ip=1000' });
    const dev = uniq('shared-device');
    const [a, b, c] = await Promise.all(['citizen1', 'citizen2', 'citizen4'].map((u) => t.login(u)));
    const codes = await statuses([
      () => attempt(a!, '10.2.0.1', dev),
      () => attempt(b!, '10.2.0.2', dev),
      () => attempt(c!, '10.2.0.3', dev),
      () => attempt(a!, '10.2.0.4', dev),
      () => attempt(a!, '10.2.0.5', uniq('other-device')),
    ]);
    expect(codes).toEqual([404, 404, 404, 429, 404]);
  });

  it('per IP: many identities behind one address share its budget', async () => {
    const t = await app({ BOOKING_RATE_LIMITS: 'identity=1000,device=1000,ip=3' });
    const [a, b] = await Promise.all(['citizen5', 'citizen6'].map((u) => t.login(u)));
    const codes = await statuses([
      () => attempt(a!, '10.3.0.1', uniq('d')),
      () => attempt(b!, '10.3.0.1', uniq('d')),
      () => attempt(a!, '10.3.0.1', uniq('d')),
      () => attempt(b!, '10.3.0.1', uniq('d')),
      () => attempt(b!, '10.3.0.2', uniq('d')),
    ]);
    expect(codes).toEqual([404, 404, 404, 429, 404]);
  });

  it('without Redis, two nodes count apart (each has its own budget)', async () => {
    const t1 = await app({ BOOKING_RATE_LIMITS: 'identity=3,device=1000,ip=1000' });
    const t2 = await app(
      { BOOKING_RATE_LIMITS: 'identity=3,device=1000,ip=1000' },
      { database: t1.app.ctx.database },
    );
    const [a1, a2] = [await t1.login('citizen2'), await t2.login('citizen2')];
    const codes = await statuses([
      () => attempt(a1, '10.4.0.1'),
      () => attempt(a1, '10.4.0.1'),
      () => attempt(a2, '10.4.0.1'),
      () => attempt(a2, '10.4.0.1'),
    ]);
    expect(codes).toEqual([404, 404, 404, 404]);
  });
});

describe('rate limits shared through Redis (REDIS_URL)', () => {
  it('two API nodes sharing Redis see one budget per identity', async () => {
    const env = { BOOKING_RATE_LIMITS: 'identity=3,device=1000,ip=1000', REDIS_URL };
    const t1 = await app(env);
    const t2 = await app(env, { database: t1.app.ctx.database });
    const a1 = await t1.login('citizen4');
    const a2 = await t2.login('citizen4');
    // A fresh budget for this identity whatever ran in this minute before (the ids come from the template).
    const redis = new Redis(REDIS_URL);
    try {
      await redis.del(`${REDIS_KEY_PREFIX}identity:${a1.me!.id}`);
    } finally {
      redis.disconnect();
    }
    const codes = await statuses([
      () => attempt(a1, '10.5.0.1'),
      () => attempt(a2, '10.5.0.2'),
      () => attempt(a1, '10.5.0.3'),
      () => attempt(a2, '10.5.0.4'),
      () => attempt(a1, '10.5.0.5'),
    ]);
    expect(codes).toEqual([404, 404, 404, 429, 429]);
  });
});

describe('risk signals', () => {
  it('one device used by ≥ 3 identities becomes a signal with the evidence; review; reopens on a 4th', async () => {
    const t = await app({});
    const sup = await t.login('supervisor1');
    const dev = uniq('farm-phone');
    const users = ['citizen1', 'citizen2', 'citizen4', 'citizen5'];
    const agents = await Promise.all(users.map((u) => t.login(u)));
    await attempt(agents[0]!, '10.6.0.1', dev);
    await attempt(agents[1]!, '10.6.0.2', dev);
    const none = (await sup.get('/api/v1/appointments/risk-signals')).json().items;
    expect(none.filter((s: { kind: string }) => s.kind === 'device')).toHaveLength(0);
    await attempt(agents[2]!, '10.6.0.3', dev);
    const list = await sup.get('/api/v1/appointments/risk-signals');
    expect(list.statusCode).toBe(200);
    const device = list.json().items.filter((s: { kind: string }) => s.kind === 'device');
    expect(device).toHaveLength(1);
    const signal = device[0];
    expect(signal.identities).toBe(3);
    expect(signal.evidence.identities).toHaveLength(3);
    expect(signal.evidence.identities.map((e: { personId: string }) => e.personId).sort()).toEqual(
      agents
        .slice(0, 3)
        .map((a) => a.me!.personId)
        .sort(),
    );
    for (const e of signal.evidence.identities) {
      expect(e.name).toContain('*'); // masked
      expect(e.lastSeenAt).toMatch(/^\d{4}-/);
    }
    expect(JSON.stringify(signal)).not.toContain(dev); // the device id itself is not stored

    // Wrong role and bad input.
    expect((await agents[0]!.get('/api/v1/appointments/risk-signals')).statusCode).toBe(403);
    expect((await (await t.login('officer1')).get('/api/v1/appointments/risk-signals')).statusCode).toBe(403);
    expect((await sup.get('/api/v1/appointments/risk-signals?status=bogus')).statusCode).toBe(400);
    expect(
      (await sup.post(`/api/v1/appointments/risk-signals/${signal.id}/review`, { note: '' })).statusCode,
    ).toBe(400);
    expect(
      (await sup.post(`/api/v1/appointments/risk-signals/${crypto.randomUUID()}/review`, { note: 'x' }))
        .statusCode,
    ).toBe(404);

    const reviewed = await sup.post(`/api/v1/appointments/risk-signals/${signal.id}/review`, {
      note: '家庭成员共用手机，已核实',
    });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().reviewedAt).not.toBeNull();
    const open = (await sup.get('/api/v1/appointments/risk-signals')).json().items;
    expect(open.find((s: { id: string }) => s.id === signal.id)).toBeUndefined();

    await attempt(agents[3]!, '10.6.0.4', dev);
    const reopened = (await sup.get('/api/v1/appointments/risk-signals'))
      .json()
      .items.find((s: { id: string }) => s.id === signal.id);
    expect(reopened).toMatchObject({ identities: 4, reviewedAt: null });
  });

  it('many identities from one IP are a signal too', async () => {
    const t = await app({});
    const sup = await t.login('supervisor1');
    for (const u of ['citizen1', 'citizen2', 'citizen6'])
      await attempt(await t.login(u), '203.0.113.7', uniq('d'));
    const items = (await sup.get('/api/v1/appointments/risk-signals?status=all')).json().items;
    expect(
      items.filter((s: { kind: string; identities: number }) => s.kind === 'ip' && s.identities === 3),
    ).toHaveLength(1);
  });
});
