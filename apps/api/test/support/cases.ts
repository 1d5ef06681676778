import type { CaseDetail } from '@opendmv/contracts';
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { persons } from '../../src/modules/registry/schema.ts';
import type { Clock } from '../../src/platform/context.ts';
import { shanghaiDate } from '../../src/platform/context.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { TEST_NOW } from './constants.ts';
import type { Agent, TestApp } from './harness.ts';

/** A clock the test moves forward (legal clocks, timers). */
export function movableClock(
  iso = TEST_NOW,
): Clock & { set(iso: string): void; advanceDays(n: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    today: () => shanghaiDate(new Date(t)),
    set: (s) => {
      t = new Date(s).getTime();
    },
    advanceDays: (n) => {
      t += n * 86_400_000;
    },
  };
}

/** The plain ID number of a demo citizen (a test stands in for the ID card shown at the window). */
export async function idNumberOf(t: TestApp, username: string): Promise<string> {
  const [row] = await queryRows<{ id_number_enc: string }>(
    t.app.ctx.db,
    sql`SELECT p.id_number_enc FROM persons p JOIN users u ON u.person_id = p.id WHERE u.username = ${username}`,
  );
  return t.app.ctx.pii.decrypt(row!.id_number_enc);
}

export async function personIdOf(t: TestApp, username: string): Promise<string> {
  const [row] = await queryRows<{ person_id: string }>(
    t.app.ctx.db,
    sql`SELECT person_id FROM users WHERE username = ${username}`,
  );
  return row!.person_id;
}

/** A vehicle a buyer can take over: normal status, no open violation, not the buyer's own. */
export async function transferableVehicle(t: TestApp, notOwnedBy: string, skip = 0): Promise<string> {
  const rows = await queryRows<{ plate: string }>(
    t.app.ctx.db,
    sql`SELECT v.plate FROM vehicles v
        WHERE v.status = 'normal' AND v.plate IS NOT NULL AND v.owner_id <> ${notOwnedBy}
          AND v.vehicle_type = 'small-passenger'
          AND NOT EXISTS (SELECT 1 FROM violations x WHERE x.vehicle_id = v.id AND x.status <> 'paid')
          AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.subject_id = v.id)
        ORDER BY v.plate LIMIT 1 OFFSET ${skip}`,
  );
  return rows[0]!.plate;
}

export function partnerSecret(t: TestApp, source: string): string {
  const tok = (t.demo.apiTokens as { secret: string; partnerSource?: string }[]).find(
    (x) => x.partnerSource === source,
  );
  if (!tok) throw new Error(`no demo partner token for ${source}`);
  return tok.secret;
}

let ref = 0;
/** The hospital reports a passed medical examination (through the partner API, as the real one would). */
export async function postMedicalResult(t: TestApp, idNumber: string, examDate: string) {
  ref += 1;
  const res = await t.bearer(partnerSecret(t, 'hospital-medical')).post('/api/v1/partner/medical-results', {
    records: [
      {
        reference: `TEST-MED-${Date.now()}-${ref}`,
        idNumber,
        hospital: '示范市第一人民医院',
        examDate,
        result: 'pass',
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** Drives a case with the given actions in order (each must succeed) and returns the last detail. */
export async function drive(
  agent: Agent,
  id: string,
  actions: string[],
  base = '/api/v1/cases',
): Promise<CaseDetail> {
  let detail: CaseDetail | undefined;
  for (const action of actions) {
    const res = await agent.post(`${base}/${id}/actions`, {
      action,
      ...(action === 'request-correction' || action === 'reject' ? { note: '请补充材料' } : {}),
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    detail = res.json() as CaseDetail;
  }
  return detail!;
}

export const eventsOf = async (t: TestApp, caseId: string) =>
  queryRows<{ seq: number; action: string; to_state: string }>(
    t.app.ctx.db,
    sql`SELECT seq, action, to_state FROM case_events WHERE case_id = ${caseId} ORDER BY seq`,
  );

export { eq, persons };
