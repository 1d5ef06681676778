import { type ItemDefinition, pointReductionAllowance, scoringCycle } from '@opendmv/contracts';
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ItemVersion } from '../catalog/index.ts';
import { findPartnerRecordsFor } from '../partners/index.ts';
import { applyViolationTransition, caseEffects, findLicenceByPerson } from '../registry/index.ts';
import { systemActor } from './actors.ts';
import { type CaseActor, transition } from './engine.ts';
import type { CaseRow } from './repository.ts';
import { cases } from './schema.ts';

type Effect = (ctx: AppContext, tx: Tx, row: CaseRow, actor: CaseActor) => Promise<Record<string, unknown>>;

const form = (row: CaseRow) => row.form as Record<string, string>;

/**
 * What approval does, per item. Items not listed change no registry record on approval (a replacement
 * licence or plate is produced and handed over; the record stays as it is).
 */
const EFFECTS: Readonly<Record<string, Effect>> = {
  'DL-RENEW': (ctx, tx, row) => caseEffects.renewLicence(ctx, tx, row.applicantPersonId),
  'CONTACT-FILING': (ctx, tx, row) =>
    caseEffects.fileContact(ctx, tx, row.applicantPersonId, form(row).phone, form(row).address),
  'POINT-REDUCE': async (ctx, tx, row) => {
    // Each passed exam is used once; the reduction never exceeds what the cycle still allows.
    const earlier = await tx
      .select({ outcome: cases.outcome, closedAt: cases.closedAt })
      .from(cases)
      .where(
        and(
          eq(cases.applicantPersonId, row.applicantPersonId),
          eq(cases.itemCode, 'POINT-REDUCE'),
          ne(cases.id, row.id),
        ),
      );
    const used = new Set(earlier.map((c) => (c.outcome as { examReference?: string } | null)?.examReference));
    const exam = (await findPartnerRecordsFor(tx, { personId: row.applicantPersonId })).find(
      (r) => r.source === 'study-exam' && r.payload.passed === true && !used.has(r.reference),
    );
    const licence = await findLicenceByPerson(tx, row.applicantPersonId);
    if (!exam || !licence) return { pointsReduced: 0 };
    const cycle = scoringCycle(licence.firstIssueDate, ctx.clock.today());
    const reducedThisCycle = earlier
      .filter((c) => c.closedAt && c.closedAt.toISOString().slice(0, 10) >= cycle.start)
      .reduce((n, c) => n + Number((c.outcome as { pointsReduced?: number } | null)?.pointsReduced ?? 0), 0);
    const allowance = pointReductionAllowance(licence.points, reducedThisCycle);
    const earned = Number(exam.payload.pointsEarned) === 2 ? 2 : 1;
    const effect = await caseEffects.reducePoints(
      ctx,
      tx,
      row.applicantPersonId,
      Math.min(earned, allowance),
    );
    return { ...effect, examReference: exam.reference };
  },
  'VIOLATION-HANDLE': async (ctx, tx, row, actor) => {
    const v = await applyViolationTransition(ctx, tx, row.subjectId!, 'decide', actor.audit);
    return { violationStatus: v.status, decisionDate: v.decisionDate };
  },
  TRANSFER: (ctx, tx, row) => caseEffects.transferVehicle(ctx, tx, row.subjectId!, row.applicantPersonId),
  'MORTGAGE-REG': (ctx, tx, row) => caseEffects.setVehicleStatus(ctx, tx, row.subjectId!, 'mortgaged'),
  'MORTGAGE-RELEASE': (ctx, tx, row) => caseEffects.setVehicleStatus(ctx, tx, row.subjectId!, 'normal'),
  'SCRAP-DEREG': (ctx, tx, row) => caseEffects.setVehicleStatus(ctx, tx, row.subjectId!, 'scrapped'),
  'INSPECT-LABEL': (ctx, tx, row) => caseEffects.issueInspectionLabel(ctx, tx, row.subjectId!),
  'INSPECT-ONSITE': (ctx, tx, row) => caseEffects.issueInspectionLabel(ctx, tx, row.subjectId!),
  'NEW-REG': async (ctx, tx, row) => {
    // Only a sale to the applicant registers the car in their name; a VIN registered meanwhile is refused.
    const bought = await findPartnerRecordsFor(tx, { personId: row.applicantPersonId });
    const sale = bought.find((r) => r.source === 'dealer-sale' && r.payload.vin === row.subjectLabel);
    if (!sale)
      throw new AppError('NOT_ELIGIBLE', [
        { field: 'rules.sale-on-record', message: 'no sale of this VIN to the applicant' },
      ]);
    const policy = (await findPartnerRecordsFor(tx, { vin: row.subjectLabel })).find(
      (r) => r.source === 'insurer-policy',
    );
    const out = await caseEffects.registerNewVehicle(ctx, tx, {
      vin: row.subjectLabel,
      ownerId: row.applicantPersonId,
      officeId: row.handlingOfficeId,
      sale: sale.payload,
      insuranceUntil: policy?.validUntil ?? null,
    });
    if (!out.vehicleId)
      throw new AppError('NOT_ELIGIBLE', [
        { field: 'rules.vin-not-registered', message: 'the VIN is already registered' },
      ]);
    await tx.update(cases).set({ subjectId: out.vehicleId }).where(eq(cases.id, row.id));
    return out;
  },
};

/**
 * After a case reaches `approved` (by rule, by an officer, or deemed): apply the item's effect, keep it as
 * the outcome, and complete at once an item that produces nothing to hand over.
 */
export async function afterDecision(
  ctx: AppContext,
  tx: Tx,
  row: CaseRow,
  def: ItemDefinition,
  actor: CaseActor,
): Promise<CaseRow> {
  if (row.status !== 'approved') return row;
  const effect = EFFECTS[row.itemCode];
  let current = row;
  if (effect) {
    const outcome = await effect(ctx, tx, row, actor);
    [current] = await tx.update(cases).set({ outcome }).where(eq(cases.id, row.id)).returning();
  }
  const producesSomething = def.workflow.transitions.some((t) => t.action === 'produce');
  if (!producesSomething) current = await transition(ctx, tx, current!, def, systemActor(), 'complete');
  return current!;
}

/** 马上办: approved by the platform on the rule set of this item version, recorded with its fingerprint. */
export async function approveByRule(ctx: AppContext, tx: Tx, row: CaseRow, v: ItemVersion): Promise<CaseRow> {
  const system = systemActor();
  const approved = await transition(ctx, tx, row, v.definition, system, 'instant-approve', {
    patch: { ruleSet: `${v.code}@${v.version}:${v.definitionHash}` },
    details: { ruleSet: `${v.code}@${v.version}`, hash: v.definitionHash },
  });
  return afterDecision(ctx, tx, approved, v.definition, system);
}
