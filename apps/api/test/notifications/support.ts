import type { CaseDetail } from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { idNumberOf, personIdOf, transferableVehicle } from '../support/cases.ts';
import type { Agent, TestApp } from '../support/harness.ts';

export interface MessageRow {
  id: string;
  template: string;
  dedupe_key: string;
  params: Record<string, unknown>;
  link: string | null;
}
export interface DeliveryRow {
  id: string;
  notification_id: string;
  channel: 'sms' | 'in-app';
  status: string;
  attempts: number;
  next_attempt_at: Date | string;
  provider_ref: string | null;
  last_error: string | null;
}

export const messagesOf = (t: TestApp, personId: string) =>
  queryRows<MessageRow>(
    t.app.ctx.db,
    sql`SELECT id, template, dedupe_key, params, link FROM notifications WHERE person_id = ${personId}
        ORDER BY created_at, dedupe_key`,
  );

export const deliveriesOf = (t: TestApp, notificationId: string) =>
  queryRows<DeliveryRow>(
    t.app.ctx.db,
    sql`SELECT * FROM notification_deliveries WHERE notification_id = ${notificationId} ORDER BY channel`,
  );

export const deliveryById = async (t: TestApp, id: string) =>
  (
    await queryRows<DeliveryRow>(t.app.ctx.db, sql`SELECT * FROM notification_deliveries WHERE id = ${id}`)
  )[0]!;

/** A citizen's mobile number in clear (what the SMS gateway should have been given). */
export async function phoneOf(t: TestApp, username: string): Promise<string> {
  const [row] = await queryRows<{ phone_enc: string | null }>(
    t.app.ctx.db,
    sql`SELECT p.phone_enc FROM persons p JOIN users u ON u.person_id = p.id WHERE u.username = ${username}`,
  );
  if (!row?.phone_enc) throw new Error(`${username} has no phone`);
  return t.app.ctx.pii.decrypt(row.phone_enc);
}

/** officer1 takes a transfer for `username` at the window; returns the accepted case. */
export async function windowTransfer(t: TestApp, officer: Agent, username: string, skip = 0) {
  const plate = await transferableVehicle(t, await personIdOf(t, username), skip);
  const res = await officer.post('/api/v1/cases', {
    applicantIdNumber: await idNumberOf(t, username),
    itemCode: 'TRANSFER',
    subject: { plate },
    form: { sellerName: '原车主', transferDate: '2026-11-15' },
    delivery: 'collect',
    provided: ['ownership-transfer-proof'],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CaseDetail;
}

export async function act(agent: Agent, caseId: string, action: string, note?: string) {
  const res = await agent.post(`/api/v1/cases/${caseId}/actions`, { action, ...(note ? { note } : {}) });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as CaseDetail;
}
