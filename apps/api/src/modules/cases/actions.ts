import {
  type CaseActionRequest,
  type CaseDetail,
  HUMAN_ACTIONS,
  type ItemDefinition,
} from '@opendmv/contracts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findVersionById } from '../catalog/index.ts';
import { findOfficeById } from '../offices/index.ts';
import { refundCaseFee } from '../payments/index.ts';
import { caseForCaller } from './access.ts';
import { caseActorOf, type Meta } from './actors.ts';
import { transition, withDeferredAudit } from './engine.ts';
import { afterDecision } from './outcomes.ts';
import { toCaseDetail } from './queries.ts';
import { type CaseRow, lockCase } from './repository.ts';
import { checkCaseNow } from './snapshot.ts';
import { notEligible, validateForm } from './submit.ts';

const HUMAN = new Set<string>(HUMAN_ACTIONS);
const NOTE_REQUIRED = new Set(['request-correction', 'reject']);
/** Decisions bound by the delegation matrix (放): the officer's office kind must be one the item allows. */
const DELEGATED = new Set(['accept', 'approve', 'reject']);
/** Actions taken on the registry as it is now, not as it was at submission. */
const RECHECKED = new Set(['answer-correction', 'approve']);

/**
 * The case checked again against the registry as it stands now: when a correction is answered (with the
 * new answers and materials), and before an approval — a vehicle mortgaged or scrapped since submission,
 * or a second case that got there first, stops the decision.
 */
async function recheck(
  ctx: AppContext,
  tx: Tx,
  row: CaseRow,
  def: ItemDefinition,
  req: Pick<CaseActionRequest, 'form' | 'provided'>,
) {
  const form = { ...(row.form as Record<string, string>), ...req.form };
  const fieldErrors = validateForm(def, form);
  const applicantMaterials = new Set(
    def.materials.filter((m) => m.supplier === 'applicant').map((m) => m.code),
  );
  (req.provided ?? []).forEach((c, i) => {
    if (!applicantMaterials.has(c))
      fieldErrors.push({ field: `body.provided.${i}`, message: 'unknown material' });
  });
  if (fieldErrors.length > 0) throw new AppError('VALIDATION_FAILED', fieldErrors);
  const provided = [...new Set([...row.provided, ...(req.provided ?? [])])];
  const check = await checkCaseNow(tx, row, def, form, provided, ctx.clock.today());
  return { form, provided, check };
}

/** A person's action on a case (officer, supervisor, applicant), through the one transition function. */
export async function performAction(
  ctx: AppContext,
  p: Principal,
  meta: Meta,
  id: string,
  req: CaseActionRequest,
): Promise<CaseDetail> {
  if (!HUMAN.has(req.action)) throw new AppError('FORBIDDEN');
  if (NOTE_REQUIRED.has(req.action) && !req.note)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.note', message: 'state the reason' }]);
  const { roles } = await caseForCaller(ctx.db, p, id, ctx.clock.today());
  const actor = caseActorOf(p, meta, roles);
  const updated = await ctx.db.transaction((tx) =>
    withDeferredAudit(tx, async () => {
      const row = (await lockCase(tx, id))!;
      const def = (await findVersionById(tx, row.itemVersionId))!.definition;
      if (DELEGATED.has(req.action) && p.kind === 'user' && p.role === 'officer') {
        const office = p.officeId ? await findOfficeById(tx, p.officeId) : undefined;
        if (!office || !def.officeKinds.includes(office.kind))
          throw new AppError('FORBIDDEN', undefined, 'outside the delegation of this office');
      }
      let patch: Partial<CaseRow> | undefined;
      if (RECHECKED.has(req.action)) {
        const { form, provided, check } = await recheck(
          ctx,
          tx,
          row,
          def,
          req.action === 'answer-correction' ? req : {},
        );
        if (!check.eligible) throw notEligible(check, meta.locale ?? 'zh-CN');
        patch = { form, provided, check };
      }
      const next = await transition(ctx, tx, row, def, actor, req.action, {
        ...(req.note ? { note: req.note } : {}),
        ...(patch ? { patch } : {}),
      });
      // A rejected or withdrawn case gets its fee back, in the same transaction as the decision.
      if (next.status === 'rejected' || next.status === 'withdrawn')
        await refundCaseFee(ctx, tx, next.id, `case ${next.status}`, actor.audit);
      return afterDecision(ctx, tx, next, def, actor);
    }),
  );
  return toCaseDetail(ctx, updated, roles);
}
