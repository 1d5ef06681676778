import { Writable } from 'node:stream';
import type { SearchResult, VehicleDto } from '@opendmv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactQueryValues } from '../src/platform/http/request-log.ts';
import { startTestApp, type TestApp } from './support/harness.ts';

/** Every line the app logs, as written (pino writes one JSON object per line). */
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logStream: sink });
});
afterAll(() => t?.close());

describe('redactQueryValues', () => {
  it('replaces every query value by * and keeps the names', () => {
    expect(redactQueryValues('/api/v1/registry/search?q=110105199003070012')).toBe(
      '/api/v1/registry/search?q=*',
    );
    expect(redactQueryValues('/api/v1/staff?limit=20&offset=0&officeId=abc')).toBe(
      '/api/v1/staff?limit=*&offset=*&officeId=*',
    );
    expect(redactQueryValues('/api/v1/violations?plate=%E4%BA%ACA12345&status=')).toBe(
      '/api/v1/violations?plate=*&status=*',
    );
  });

  it('leaves a URL without a query alone and hides a bare or odd-looking parameter entirely', () => {
    expect(redactQueryValues('/api/health')).toBe('/api/health');
    expect(redactQueryValues('/api/health?')).toBe('/api/health');
    expect(redactQueryValues('/x?110105199003070012')).toBe('/x?*');
    expect(redactQueryValues('/x?110105199003070012=1&a=2')).toBe('/x?*&a=*');
    expect(redactQueryValues('/x?a=1#frag')).toBe('/x?a=*');
  });
});

describe('request log', () => {
  it('never holds the ID number of a search, but still names the route, parameter and request', async () => {
    const officer = await t.login('officer1');
    const citizen = await t.login('citizen1');
    const vehicle = ((await citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] }).items[0]!;
    const revealed = await officer.post(`/api/v1/persons/${vehicle.ownerId}/reveal`, {
      purpose: '窗口业务核对身份',
    });
    const idNumber = (revealed.json() as { idNumber: string }).idNumber;
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);

    lines.length = 0;
    const res = await officer.get(`/api/v1/registry/search?q=${idNumber}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as SearchResult).persons).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(log).not.toContain(idNumber);
    expect(log).not.toMatch(/\d{17}[\dX]/);
    const incoming = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'incoming request');
    expect(incoming?.req).toMatchObject({
      method: 'GET',
      url: '/api/v1/registry/search?q=*',
      id: expect.any(String),
      host: expect.any(String),
      remoteAddress: '127.0.0.1',
    });
    expect(incoming.req.headers).toBeUndefined();
  });
});
