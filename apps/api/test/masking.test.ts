import type { VehicleDto, ViolationList } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/platform/db/client.ts';
import { type Agent, startTestApp, type TestApp } from './support/harness.ts';
import { apiRoutes, type Caller, callers } from './support/route-fixtures.ts';

/** A full resident ID number or mobile number anywhere in a response body. */
const FULL_ID = /(?<![\dA-Za-z])\d{17}[\dX](?![\dA-Za-z])/;
const FULL_PHONE = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;

let t: TestApp;
let agents: Record<Caller, Agent>;
const ids: Record<string, string> = {};
const queries: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  agents = await callers(t);
  const vehicle = ((await agents.citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] })
    .items[0]!;
  const viol = ((await agents.citizen.get('/api/v1/me/violations')).json() as ViolationList).items[0]!;
  const person = (await agents.officer.get(`/api/v1/persons/${vehicle.ownerId}`)).json();
  const revealed = (
    await agents.officer.post(`/api/v1/persons/${vehicle.ownerId}/reveal`, {
      purpose: 'masking test fixture',
    })
  ).json();
  ids['/api/v1/persons/:id'] = vehicle.ownerId;
  ids['/api/v1/vehicles/:id'] = vehicle.id;
  ids['/api/v1/licences/:id'] = person.licence?.id;
  ids['/api/v1/violations/:id'] = viol.id;
  queries['/api/v1/violations'] = `plate=${encodeURIComponent(vehicle.plate!)}`;
  queries['/api/v1/registry/search'] = `q=${revealed.idNumber}`;
  queries['/api/v1/me/violations'] = '';
});
afterAll(() => t?.close());

describe('privacy: no unmasked ID or phone number where the role may not see one', () => {
  it('scans every GET route as every caller, with real records', async () => {
    const leaks: string[] = [];
    let scanned = 0;
    for (const route of apiRoutes(t).filter((r) => r.method === 'GET')) {
      const url =
        route.url.replace(/:[a-zA-Z]+/, ids[route.url] ?? '00000000-0000-4000-8000-000000000000') +
        (queries[route.url] ? `?${queries[route.url]}` : '');
      for (const [caller, agent] of Object.entries(agents) as [Caller, Agent][]) {
        const res = await agent.get(url);
        if (res.statusCode !== 200) continue;
        scanned += 1;
        if (FULL_ID.test(res.body)) leaks.push(`${caller} GET ${url}: ID ${res.body.match(FULL_ID)![0]}`);
        if (FULL_PHONE.test(res.body))
          leaks.push(`${caller} GET ${url}: phone ${res.body.match(FULL_PHONE)![0]}`);
      }
    }
    expect(scanned).toBeGreaterThan(15);
    expect(leaks).toEqual([]);
  });

  it('shows full values only through the audited reveal, to a role that holds person:read-full', async () => {
    const vehicle = ((await agents.citizen.get('/api/v1/me/vehicles')).json() as { items: VehicleDto[] })
      .items[0]!;
    const res = await agents.officer.post(`/api/v1/persons/${vehicle.ownerId}/reveal`, {
      purpose: 'identity check at window 3',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(FULL_ID);
    for (const c of ['citizen', 'supervisor', 'admin', 'kiosk', 'partner', 'anonymous'] as Caller[]) {
      const denied = await agents[c].post(`/api/v1/persons/${vehicle.ownerId}/reveal`, {
        purpose: 'identity check at window 3',
      });
      expect(denied.statusCode, c).toBeGreaterThanOrEqual(401);
      expect(denied.body).not.toMatch(FULL_ID);
    }
  });

  it('never stores the plaintext: the persons table holds ciphertext, hash and mask only', async () => {
    const rows = await queryRows<{ j: string }>(
      t.app.ctx.db,
      sql`select row_to_json(p)::text as j from persons p limit 200`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(row.j).not.toMatch(FULL_ID);
      expect(row.j).not.toMatch(FULL_PHONE);
    }
  });
});
