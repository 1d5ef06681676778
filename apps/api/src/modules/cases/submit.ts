import {
  type AutoCheckResult,
  addWorkingDays,
  autoCheck,
  type Channel,
  type DeliveryOption,
  deriveFacts,
  type ItemDefinition,
  type Locale,
  refusals,
  type SubjectRef,
  type SubjectSnapshot,
} from '@opendmv/contracts';
import { sql } from 'drizzle-orm';
import { workingCalendar } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findVersionInForce, type ItemVersion } from '../catalog/index.ts';
import type { PersonRow } from '../registry/index.ts';
import { systemActor } from './actors.ts';
import type { CaseActor } from './engine.ts';
import { openCase, transition, withDeferredAudit } from './engine.ts';
import { approveByRule } from './outcomes.ts';
import type { CaseRow } from './repository.ts';
import { type LoadedSnapshot, loadSnapshot } from './snapshot.ts';

export interface Application {
  itemCode: string;
  subject: SubjectRef;
  form: Record<string, string>;
}

export interface Submission extends Application {
  delivery: DeliveryOption;
  provided: string[];
  deliveryAddress?: string | undefined;
}

export interface Applicant {
  person: PersonRow;
  realNameLevel: 'phone' | 'id' | 'face' | null;
}

type FieldErrors = { field: string; message: string }[];

export async function itemForApplication(ctx: AppContext, code: string): Promise<ItemVersion> {
  const v = await findVersionInForce(ctx.db, code, ctx.clock.today());
  if (!v)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.itemCode', message: 'no such item in force' }]);
  return v;
}

/** The item's own form: required answers, allowed choices, lengths, no unknown keys. */
export function validateForm(d: ItemDefinition, form: Record<string, string>): FieldErrors {
  const errors: FieldErrors = [];
  const known = new Map(d.form.map((f) => [f.key, f]));
  for (const key of Object.keys(form))
    if (!known.has(key)) errors.push({ field: `body.form.${key}`, message: 'not a field of this item' });
  for (const f of d.form) {
    const v = form[f.key]?.trim() ?? '';
    if (!v) {
      if (f.required) errors.push({ field: `body.form.${f.key}`, message: 'required' });
      continue;
    }
    if (f.maxLength && v.length > f.maxLength)
      errors.push({ field: `body.form.${f.key}`, message: `at most ${f.maxLength} characters` });
    if (f.type === 'choice' && !f.options?.some((o) => o.value === v))
      errors.push({ field: `body.form.${f.key}`, message: 'not one of the options' });
    if (f.type === 'phone' && !/^1\d{10}$/.test(v))
      errors.push({ field: `body.form.${f.key}`, message: 'an 11-digit mobile number' });
    if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v))
      errors.push({ field: `body.form.${f.key}`, message: 'YYYY-MM-DD' });
  }
  return errors;
}

export async function checkApplication(
  ctx: AppContext,
  db: Executor,
  v: ItemVersion,
  applicant: Applicant,
  app: Application,
  channel: Channel,
  provided: readonly string[] = [],
): Promise<LoadedSnapshot & { check: AutoCheckResult }> {
  const loaded = await loadSnapshot(db, {
    applicant: applicant.person,
    realNameLevel: applicant.realNameLevel,
    definition: v.definition,
    subjectRef: app.subject,
    form: app.form,
    channel,
    today: ctx.clock.today(),
  });
  const facts = deriveFacts(loaded.snapshot, v.code);
  return { ...loaded, check: autoCheck(v.definition, facts, channel, provided) };
}

const OWNER_REQUIRED = (r: { require: unknown }) =>
  JSON.stringify(r.require) === JSON.stringify({ fact: 'vehicle.ownedByApplicant', op: 'eq', value: true });

/**
 * Someone asking about a vehicle that is not theirs, for an item only its owner may apply for, learns only
 * that: not whether it is mortgaged, insured or has open violations.
 */
export function redactForStranger(
  d: ItemDefinition,
  snapshot: SubjectSnapshot,
  check: AutoCheckResult,
): AutoCheckResult {
  if (!snapshot.vehicle || snapshot.vehicle.ownedByApplicant) return check;
  const ownership = d.eligibility.filter(OWNER_REQUIRED).map((r) => r.id);
  if (ownership.length === 0) return check;
  return { ...check, rules: check.rules.filter((r) => ownership.includes(r.id)), materials: [] };
}

export const notEligible = (check: AutoCheckResult, locale: Locale): AppError =>
  new AppError(
    'NOT_ELIGIBLE',
    check.channelAllowed
      ? refusals(check).map((r) => ({
          field: `rules.${r.id}`,
          message: locale === 'en' ? r.message.en : r.message.zh,
        }))
      : [
          {
            field: 'channel',
            message: locale === 'en' ? 'not offered on this channel' : '该事项不能通过此渠道办理',
          },
        ],
  );

/**
 * Submission from any channel: validate, check, open the case, and — when every rule passed and every
 * material came from data — approve it by rule in the same transaction (马上办).
 */
export async function submitApplication(
  ctx: AppContext,
  input: {
    applicant: Applicant;
    submission: Submission;
    channel: Channel;
    actor: CaseActor;
    outletId: string | null;
    /** Window: the officer's office; online: the office that keeps the subject's record. */
    handlingOfficeId?: string;
    agentUserId?: string | null;
    /** Window: the officer who takes the application accepts it (受理) in the same transaction. */
    acceptBy?: CaseActor;
    locale: Locale;
  },
): Promise<CaseRow> {
  const { submission: s, applicant } = input;
  const v = await itemForApplication(ctx, s.itemCode);
  const d = v.definition;
  const errors = validateForm(d, s.form);
  if (!d.delivery.includes(s.delivery))
    errors.push({ field: 'body.delivery', message: 'not offered for this item' });
  if (s.delivery === 'post' && !s.deliveryAddress)
    errors.push({ field: 'body.deliveryAddress', message: 'required for postal delivery' });
  const applicantMaterials = new Set(
    d.materials.filter((m) => m.supplier === 'applicant').map((m) => m.code),
  );
  s.provided.forEach((code, i) => {
    if (!applicantMaterials.has(code))
      errors.push({ field: `body.provided.${i}`, message: 'not a material the applicant provides' });
  });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);

  const row = await ctx.db.transaction((tx) =>
    withDeferredAudit(tx, async () => {
      // Two submissions for the same applicant and item, or the same subject, queue here: the second
      // then sees the first (an open case, a vehicle already taken) when it is checked.
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(7272, hashtext(${`${applicant.person.id}:${v.code}`}))`,
      );
      const subjectKey = s.subject.plate ?? s.subject.vin ?? s.subject.violationId;
      if (subjectKey)
        await tx.execute(sql`SELECT pg_advisory_xact_lock(7273, hashtext(${subjectKey.toUpperCase()}))`);
      const { check, subject, snapshot } = await checkApplication(
        ctx,
        tx,
        v,
        applicant,
        s,
        input.channel,
        s.provided,
      );
      if (!check.eligible) throw notEligible(redactForStranger(d, snapshot, check), input.locale);
      const calendar = await workingCalendar(tx);
      const today = ctx.clock.today();
      let row = await openCase(
        ctx,
        tx,
        {
          itemCode: v.code,
          itemVersionId: v.id,
          itemVersion: v.version,
          channel: input.channel,
          applicantPersonId: applicant.person.id,
          submittedById: input.actor.id,
          agentUserId: input.agentUserId ?? null,
          applicantRealNameLevel: applicant.realNameLevel,
          subjectKind: subject.kind,
          subjectId: subject.id,
          subjectLabel: subject.label,
          outletId: input.outletId,
          handlingOfficeId: input.handlingOfficeId ?? subject.officeId,
          feeFen: d.feeFen,
          delivery: s.delivery,
          deliveryAddress: s.deliveryAddress ?? null,
          form: s.form,
          provided: s.provided,
          check,
          dueDate: addWorkingDays(today, d.promisedDays, calendar),
          statutoryDueDate: addWorkingDays(today, d.statutoryDays, calendar),
        },
        input.actor,
      );
      const system = systemActor();
      row = await transition(ctx, tx, row, d, system, 'auto-check', {
        details: { eligible: check.eligible, instant: check.instant, needsReview: check.needsReview },
      });
      if (check.instant) {
        row = await approveByRule(ctx, tx, row, v);
      } else if (input.acceptBy) {
        row = await transition(ctx, tx, row, d, input.acceptBy, 'accept', { note: 'window acceptance' });
      }
      return row;
    }),
  );
  return row;
}
