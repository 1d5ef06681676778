/**
 * A few cases for the demo office, opened through the engine like any other (events, timers, audit),
 * so the window console, the deadline lists and the supervisor's queue have something to show on first
 * start. Applicants are demo-city residents without accounts, so the demo citizens' own stories (and the
 * browser tests that follow them) start clean. Two cases are dated back a few working days: the timer
 * scan escalates them shortly after start.
 */
import { addDays, type CaseAction, type Channel } from '@opendmv/contracts';
import { eq, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { type AppContext, fixedClock } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { findVersionById } from '../catalog/index.ts';
import { users } from '../identity/schema.ts';
import { findOfficeById } from '../offices/index.ts';
import { findPersonById } from '../registry/index.ts';
import type { CaseActor } from './engine.ts';
import { transition } from './engine.ts';
import { afterDecision } from './outcomes.ts';
import { lockCase } from './repository.ts';
import { submitApplication } from './submit.ts';

async function officerActor(ctx: AppContext, username: string): Promise<CaseActor & { officeId: string }> {
  const [u] = await ctx.db.select().from(users).where(eq(users.username, username));
  if (!u?.officeId) throw new Error(`demo cases: no staff account ${username}`);
  const role = u.role as 'officer' | 'supervisor';
  return {
    kind: 'user',
    id: u.id,
    role,
    name: u.displayName,
    workflowRoles: [role],
    officeId: u.officeId,
    audit: {
      actorId: u.id,
      actorRole: role,
      actorKind: 'user',
      officeId: u.officeId,
      ip: null,
      requestId: null,
    },
  };
}

async function act(ctx: AppContext, caseId: string, actor: CaseActor, actions: CaseAction[], note?: string) {
  for (const action of actions) {
    await ctx.db.transaction(async (tx) => {
      const row = (await lockCase(tx, caseId))!;
      const def = (await findVersionById(tx, row.itemVersionId))!.definition;
      const next = await transition(ctx, tx, row, def, actor, action, note ? { note } : {});
      await afterDecision(ctx, tx, next, def, actor);
    });
  }
}

/** Residents (no account) with a normal small car, no open violation, no case yet. */
async function candidates(ctx: AppContext, n: number) {
  return queryRows<{ person_id: string; plate: string; owner_id: string }>(
    ctx.db,
    sql`SELECT p.id AS person_id, v.plate, v.owner_id FROM vehicles v
        JOIN persons p ON p.id <> v.owner_id AND p.id = (
          SELECT x.id FROM persons x JOIN driving_licences l ON l.person_id = x.id
          WHERE x.id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
          ORDER BY x.id OFFSET (abs(hashtext(v.id::text)) % 500) LIMIT 1)
        WHERE v.status = 'normal' AND v.plate IS NOT NULL AND v.vehicle_type = 'small-passenger'
          AND v.owner_id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM violations x WHERE x.vehicle_id = v.id AND x.status <> 'paid')
        ORDER BY v.vin LIMIT ${n}`,
  );
}

export async function seedDemoCases(ctx: AppContext): Promise<number> {
  const officer = await officerActor(ctx, 'officer1');
  const rows = await candidates(ctx, 8);
  if (rows.length < 8) return 0;
  const office = (await findOfficeById(ctx.db, officer.officeId))!;
  const back = (days: number) => ({
    ...ctx,
    clock: fixedClock(new Date(Date.now() - days * 86_400_000).toISOString()),
  });
  let opened = 0;

  const open = async (
    c: AppContext,
    i: number,
    itemCode: string,
    channel: Channel,
    extra: {
      form?: Record<string, string>;
      provided?: string[];
      subject?: boolean;
      delivery?: 'electronic';
    } = {},
  ) => {
    const r = rows[i]!;
    const person = (await findPersonById(c.db, r.person_id, null))!;
    const row = await submitApplication(c, {
      applicant: { person, realNameLevel: 'face' },
      submission: {
        itemCode,
        subject: extra.subject === false ? {} : { plate: r.plate },
        form: extra.form ?? {},
        delivery: extra.delivery ?? 'collect',
        provided: extra.provided ?? [],
      },
      channel,
      // Online demo applicants have no account: the platform files for them, and says so in the log.
      actor:
        channel === 'window'
          ? officer
          : {
              kind: 'system',
              id: null,
              role: 'demo',
              name: person.name,
              workflowRoles: ['applicant'],
              audit: SYSTEM_ACTOR,
            },
      ...(channel === 'window'
        ? { acceptBy: officer, outletId: office.id, handlingOfficeId: office.id }
        : { outletId: null }),
      locale: 'zh-CN',
    });
    opened += 1;
    return row.id;
  };

  const transferOn = (c: AppContext) => ({
    form: { sellerName: '原车主', transferDate: addDays(c.clock.today(), -5) },
    provided: ['ownership-transfer-proof'],
  });
  const transfer = transferOn(ctx);
  // Waiting for review at the window, one in correction, one reviewed and waiting for the decision.
  await open(ctx, 0, 'TRANSFER', 'window', transfer);
  await act(
    ctx,
    await open(ctx, 1, 'TRANSFER', 'window', transfer),
    officer,
    ['request-correction'],
    '请补充原车主签字的二手车交易发票复印件',
  );
  await act(ctx, await open(ctx, 2, 'TRANSFER', 'window', transfer), officer, ['review']);
  // Dated back: past its review limit, escalated by the first timer scan.
  const old = back(6);
  await open(old, 3, 'TRANSFER', 'window', transferOn(old));
  // Online: a transfer waiting for acceptance; a filing done by rule.
  await open(ctx, 4, 'TRANSFER', 'online', transfer);
  await open(ctx, 5, 'CONTACT-FILING', 'online', {
    subject: false,
    form: { phone: '13900005678', address: '示范市东湖区湖滨路32号' },
    delivery: 'electronic',
  });
  // A transfer approved and produced, waiting for collection; one completed.
  const produced = await open(ctx, 6, 'TRANSFER', 'window', transfer);
  await act(ctx, produced, officer, ['review', 'approve', 'produce']);
  const done = await open(ctx, 7, 'TRANSFER', 'window', transfer);
  await act(ctx, done, officer, ['review', 'approve', 'produce', 'collect', 'complete']);
  return opened;
}
