import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { findVersionById } from '../catalog/index.ts';
import { findDeliveryEvents } from '../partners/index.ts';
import { systemActor } from './actors.ts';
import { type CaseActor, transition, withDeferredAudit } from './engine.ts';
import { approveByRule } from './outcomes.ts';
import { lockCase } from './repository.ts';
import { cases } from './schema.ts';
import { checkCaseNow } from './snapshot.ts';

export interface PartnerDataTouched {
  source: string;
  personIds: string[];
  vehicleIds: string[];
  vins: string[];
  caseNumbers: string[];
}

const postActor = (): CaseActor => ({
  ...systemActor(),
  role: 'partner',
  name: 'post',
  workflowRoles: ['partner'],
});

/** Checks one waiting case again with the data now held; approves it by rule when it now qualifies. */
async function recheckCase(ctx: AppContext, id: string): Promise<void> {
  await ctx.db.transaction((tx) =>
    withDeferredAudit(tx, async () => {
      const row = await lockCase(tx, id);
      if (row?.status !== 'auto-checked') return;
      const v = (await findVersionById(tx, row.itemVersionId))!;
      const check = await checkCaseNow(
        tx,
        row,
        v.definition,
        row.form as Record<string, string>,
        row.provided,
        ctx.clock.today(),
      );
      const system = systemActor();
      const next = await transition(ctx, tx, row, v.definition, system, 'recheck', {
        patch: { check },
        details: { instant: check.instant },
      });
      if (check.instant && check.eligible) await approveByRule(ctx, tx, next, v);
    }),
  );
}

/** A parcel the post reports delivered moves its case from produced to delivered. */
async function applyDelivery(ctx: AppContext, caseNumber: string): Promise<void> {
  const events = await findDeliveryEvents(ctx.db, caseNumber);
  if (!events.some((e) => e.event === 'delivered')) return;
  await ctx.db.transaction((tx) =>
    withDeferredAudit(tx, async () => {
      const [found] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.number, caseNumber));
      const row = found ? await lockCase(tx, found.id) : undefined;
      if (row?.status !== 'produced') return;
      const v = (await findVersionById(tx, row.itemVersionId))!;
      await transition(ctx, tx, row, v.definition, postActor(), 'deliver', { details: { by: 'post' } });
    }),
  );
}

/**
 * Called after partner records commit: open cases waiting for this data pick it up by themselves (the
 * applicant is never asked for it), and postal events move delivered cases on.
 */
export async function notifyPartnerData(ctx: AppContext, touched: PartnerDataTouched): Promise<void> {
  const keys: SQL[] = [];
  if (touched.personIds.length > 0) keys.push(inArray(cases.applicantPersonId, touched.personIds));
  if (touched.vehicleIds.length > 0) keys.push(inArray(cases.subjectId, touched.vehicleIds));
  if (touched.vins.length > 0)
    keys.push(and(eq(cases.subjectKind, 'new-vehicle'), inArray(cases.subjectLabel, touched.vins))!);
  if (keys.length > 0) {
    const waiting = await ctx.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.status, 'auto-checked'), or(...keys)))
      .limit(200);
    for (const c of waiting) await recheckCase(ctx, c.id);
  }
  for (const n of touched.caseNumbers) await applyDelivery(ctx, n);
}
