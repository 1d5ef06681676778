import type { CaseDetail, Locale } from '@opendmv/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findVersionById } from '../catalog/index.ts';
import { findOfficeById } from '../offices/index.ts';
import { findTokenPartnerSource, partnerRecords } from '../partners/index.ts';
import { findPersonById, findPersonByIdHash } from '../registry/index.ts';
import { caseForCaller, caseScopeOf } from './access.ts';
import { caseActorOf, type Meta, workflowRolesOf } from './actors.ts';
import { type CaseListQuery, inOffices, listCases, ofApplicant, toCaseDetail } from './queries.ts';
import { findCaseByNumber } from './repository.ts';
import { caseEvents } from './schema.ts';
import {
  type Applicant,
  type Application,
  checkApplication,
  itemForApplication,
  redactForStranger,
  type Submission,
  submitApplication,
} from './submit.ts';

type User = Extract<Principal, { kind: 'user' }>;

async function citizenApplicant(ctx: AppContext, p: User): Promise<Applicant> {
  const person = p.personId ? await findPersonById(ctx.db, p.personId, null) : undefined;
  if (!person) throw new AppError('FORBIDDEN', undefined, 'account not bound to a person (real-name)');
  return { person, realNameLevel: p.realNameLevel };
}

async function windowApplicant(ctx: AppContext, idNumber: string): Promise<Applicant> {
  const person = await findPersonByIdHash(ctx.db, ctx.pii.lookupHash(idNumber.toUpperCase()), null);
  if (!person)
    throw new AppError('VALIDATION_FAILED', [{ field: 'body.applicantIdNumber', message: 'no such person' }]);
  // Identity was checked at the window against the ID card: the strongest level.
  return { person, realNameLevel: 'face' };
}

async function precheckFor(
  ctx: AppContext,
  applicant: Applicant,
  app: Application,
  channel: 'online' | 'window',
) {
  const v = await itemForApplication(ctx, app.itemCode);
  const { check, subject, snapshot } = await checkApplication(ctx, ctx.db, v, applicant, app, channel);
  return {
    itemCode: v.code,
    version: v.version,
    subject: { kind: subject.kind, id: null, label: subject.label },
    check: redactForStranger(v.definition, snapshot, check),
  };
}

export const precheckOnline = async (ctx: AppContext, p: User, app: Application) =>
  precheckFor(ctx, await citizenApplicant(ctx, p), app, 'online');

export const precheckAtWindow = async (ctx: AppContext, app: Application & { applicantIdNumber: string }) =>
  precheckFor(ctx, await windowApplicant(ctx, app.applicantIdNumber), app, 'window');

/** 网上办: the citizen applies for themselves; the office that keeps the record handles the case. */
export async function applyOnline(ctx: AppContext, p: User, meta: Meta, s: Submission, locale: Locale) {
  const applicant = await citizenApplicant(ctx, p);
  const roles = workflowRolesOf(p, null);
  const row = await submitApplication(ctx, {
    applicant,
    submission: s,
    channel: 'online',
    actor: caseActorOf(p, meta, roles),
    outletId: null,
    locale,
  });
  return toCaseDetail(ctx, row, roles);
}

/** 一窗通办: any window of the office accepts any item its kind is delegated; the case records the window. */
export async function acceptAtWindow(
  ctx: AppContext,
  p: User,
  meta: Meta,
  s: Submission & { applicantIdNumber: string },
  locale: Locale,
): Promise<CaseDetail> {
  const v = await itemForApplication(ctx, s.itemCode);
  const office = p.officeId ? await findOfficeById(ctx.db, p.officeId) : undefined;
  if (!office || !v.definition.officeKinds.includes(office.kind))
    throw new AppError('FORBIDDEN', undefined, 'this item is not delegated to your office');
  const applicant = await windowApplicant(ctx, s.applicantIdNumber);
  const row = await submitApplication(ctx, {
    applicant,
    submission: s,
    channel: 'window',
    actor: caseActorOf(p, meta, ['officer']),
    acceptBy: caseActorOf(p, meta, ['officer']),
    outletId: office.id,
    handlingOfficeId: office.id,
    locale,
  });
  return toCaseDetail(ctx, row, ['officer']);
}

type Token = Extract<Principal, { kind: 'token' }>;

const soldBy = async (db: AppContext['db'], tokenId: string, vin: string): Promise<boolean> =>
  vin !== '' &&
  (
    await db
      .select({ id: partnerRecords.id })
      .from(partnerRecords)
      .where(
        and(
          eq(partnerRecords.source, 'dealer-sale'),
          eq(partnerRecords.vin, vin),
          eq(partnerRecords.tokenId, tokenId),
        ),
      )
      .limit(1)
  ).length > 0;

/**
 * 合作网点: a dealer (4S) outlet files a new-car registration for its buyer. The outlet's parent office
 * handles the case; the dealer's own records (sale, certificate) are the materials.
 */
export async function applyAtDealer(
  ctx: AppContext,
  p: Principal,
  meta: Meta,
  s: Submission & { applicantIdNumber: string },
  locale: Locale,
): Promise<CaseDetail> {
  if (p.kind !== 'token' || (await findTokenPartnerSource(ctx.db, p.tokenId)) !== 'dealer-sale')
    throw new AppError('FORBIDDEN', undefined, 'only a dealer outlet files cases');
  const token = p as Token;
  // A dealer files registrations of the new cars it sold, and nothing else.
  const v = await itemForApplication(ctx, s.itemCode);
  const vin = (s.subject.vin ?? '').toUpperCase();
  if (v.definition.subject !== 'new-vehicle' || !(await soldBy(ctx.db, token.tokenId, vin)))
    throw new AppError('FORBIDDEN', undefined, 'a dealer files registrations of cars it sold');
  const outlet = await findOfficeById(ctx.db, token.officeId);
  const applicant = await windowApplicant(ctx, s.applicantIdNumber);
  const row = await submitApplication(ctx, {
    applicant,
    submission: s,
    channel: 'partner-outlet',
    actor: caseActorOf(p, meta, ['partner']),
    outletId: token.officeId,
    handlingOfficeId: outlet?.parentId ?? token.officeId,
    locale,
  });
  return toCaseDetail(ctx, row, ['partner']);
}

export async function getCase(ctx: AppContext, p: Principal, id: string): Promise<CaseDetail> {
  const { row, roles } = await caseForCaller(ctx.db, p, id, ctx.clock.today());
  return toCaseDetail(ctx, row, roles);
}

export async function listMyCases(ctx: AppContext, p: User, q: CaseListQuery) {
  if (!p.personId) return { items: [], total: 0, limit: q.limit, offset: q.offset };
  return listCases(ctx, ofApplicant(p.personId), q);
}

export async function listOfficeCases(ctx: AppContext, p: Principal, q: CaseListQuery) {
  return listCases(ctx, inOffices((await caseScopeOf(ctx.db, p)) ?? []), q);
}

/**
 * 办件进度查询 without login: the case number and the last four characters of the applicant's ID number
 * must both match; anything else is "not found", with no hint which part was wrong.
 */
export async function publicProgress(ctx: AppContext, number: string, idLast4: string) {
  const row = await findCaseByNumber(ctx.db, number);
  const person = row ? await findPersonById(ctx.db, row.applicantPersonId, null) : undefined;
  if (!row || !person || person.idNumberMasked.slice(-4).toUpperCase() !== idLast4.toUpperCase())
    throw new AppError('NOT_FOUND');
  const v = (await findVersionById(ctx.db, row.itemVersionId))!;
  const events = await ctx.db
    .select({ toState: caseEvents.toState, at: caseEvents.at, fromState: caseEvents.fromState })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, row.id))
    .orderBy(asc(caseEvents.seq));
  return {
    number: row.number,
    itemName: v.definition.name,
    status: row.status as CaseDetail['status'],
    submittedAt: row.submittedAt.toISOString(),
    dueDate: row.dueDate,
    steps: events
      .filter((e) => e.toState !== e.fromState)
      .map((e) => ({ toState: e.toState as CaseDetail['status'], at: e.at.toISOString() })),
  };
}
