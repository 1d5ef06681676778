import {
  addWorkingDays,
  availableActions,
  type CaseDetail,
  type CaseState,
  type CaseSummary,
  HUMAN_ACTIONS,
  type WorkflowRole,
} from '@opendmv/contracts';
import {
  and,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  type SQL,
} from 'drizzle-orm';
import { workingCalendar } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { findVersionById } from '../catalog/index.ts';
import { users } from '../identity/schema.ts';
import { findOfficeById } from '../offices/index.ts';
import { findPersonById, persons } from '../registry/index.ts';
import { listDocuments } from './documents.ts';
import { type CaseRow, listEvents } from './repository.ts';
import { cases } from './schema.ts';

const FINAL: CaseState[] = ['completed', 'rejected', 'withdrawn'];
const HUMAN = new Set<string>(HUMAN_ACTIONS);

export async function toCaseSummary(
  ctx: AppContext,
  row: CaseRow,
  applicantName?: string,
): Promise<CaseSummary> {
  const v = (await findVersionById(ctx.db, row.itemVersionId))!;
  return {
    id: row.id,
    number: row.number,
    itemCode: row.itemCode,
    itemVersion: row.itemVersion,
    itemName: v.definition.name,
    channel: row.channel,
    status: row.status as CaseState,
    applicantName: applicantName ?? (await findPersonById(ctx.db, row.applicantPersonId, null))?.name ?? '',
    subjectLabel: row.subjectLabel,
    submittedAt: row.submittedAt.toISOString(),
    dueDate: row.dueDate,
    stateDueDate: row.stateDueDate,
    escalated: row.escalatedAt !== null && !FINAL.includes(row.status as CaseState),
    decidedBy: row.decidedBy,
  };
}

export async function toCaseDetail(
  ctx: AppContext,
  row: CaseRow,
  roles: WorkflowRole[],
): Promise<CaseDetail> {
  const v = (await findVersionById(ctx.db, row.itemVersionId))!;
  const person = await findPersonById(ctx.db, row.applicantPersonId, null);
  const [events, outlet, handling] = await Promise.all([
    listEvents(ctx.db, row.id),
    row.outletId ? findOfficeById(ctx.db, row.outletId) : undefined,
    findOfficeById(ctx.db, row.handlingOfficeId),
  ]);
  return {
    ...(await toCaseSummary(ctx, row, person?.name)),
    subjectKind: row.subjectKind as CaseDetail['subjectKind'],
    applicantIdNumber: person?.idNumberMasked ?? '',
    agentName: row.agentUserId
      ? ((await ctx.db.select({ n: users.displayName }).from(users).where(eq(users.id, row.agentUserId)))[0]
          ?.n ?? null)
      : null,
    outlet: outlet ? { id: outlet.id, name: outlet.nameZh } : null,
    handlingOffice: { id: row.handlingOfficeId, name: handling?.nameZh ?? '' },
    feeFen: row.feeFen,
    delivery: row.delivery,
    deliveryAddress: row.deliveryAddress,
    form: row.form as Record<string, string>,
    statutoryDueDate: row.statutoryDueDate,
    pausedSince: row.pausedSince,
    check: row.check as CaseDetail['check'],
    ruleSet: row.ruleSet,
    correction: row.correction,
    events: events.map((e) => ({
      seq: e.seq,
      action: e.action as CaseDetail['events'][number]['action'],
      fromState: e.fromState as CaseState | null,
      toState: e.toState as CaseState,
      actorRole: e.actorRole,
      actorName: e.actorName,
      note: e.note,
      at: e.at.toISOString(),
    })),
    documents: await listDocuments(ctx.db, row.id),
    availableActions: availableActions(v.definition.workflow, row.status as CaseState, roles).filter((a) =>
      HUMAN.has(a),
    ),
  };
}

export interface CaseListQuery {
  status?: CaseState | undefined;
  itemCode?: string | undefined;
  due?: 'near' | 'overdue' | 'escalated' | undefined;
  number?: string | undefined;
  limit: number;
  offset: number;
}

/** Cases by filter, newest first; `due` lists those near (2 working days) or past a limit, or escalated. */
export async function listCases(ctx: AppContext, where: SQL | undefined, q: CaseListQuery) {
  const today = ctx.clock.today();
  const open = notInArray(cases.status, FINAL);
  // A case waiting for the applicant's correction has its clock stopped: neither near nor overdue.
  const running = and(open, isNull(cases.pausedSince));
  let dueFilter: SQL | undefined;
  if (q.due === 'overdue')
    dueFilter = and(running, or(lt(cases.dueDate, today), lt(cases.stateDueDate, today)));
  if (q.due === 'escalated') dueFilter = and(open, isNotNull(cases.escalatedAt));
  if (q.due === 'near') {
    const soon = addWorkingDays(today, 2, await workingCalendar(ctx.db));
    dueFilter = and(running, or(lte(cases.dueDate, soon), lte(cases.stateDueDate, soon)));
  }
  const filter = and(
    where,
    q.status ? eq(cases.status, q.status) : undefined,
    q.itemCode ? eq(cases.itemCode, q.itemCode) : undefined,
    q.number ? eq(cases.number, q.number) : undefined,
    dueFilter,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ c: cases, applicantName: persons.name })
      .from(cases)
      .innerJoin(persons, eq(persons.id, cases.applicantPersonId))
      .where(filter)
      .orderBy(q.due ? cases.dueDate : desc(cases.submittedAt))
      .limit(q.limit)
      .offset(q.offset),
    ctx.db.select({ n: count() }).from(cases).where(filter),
  ]);
  return {
    items: await Promise.all(rows.map((r) => toCaseSummary(ctx, r.c, r.applicantName))),
    total: total?.n ?? 0,
    limit: q.limit,
    offset: q.offset,
  };
}

export const inOffices = (ids: string[]): SQL =>
  inArray(cases.handlingOfficeId, ids.length > 0 ? ids : ['00000000-0000-0000-0000-000000000000']);
export const ofApplicant = (personId: string): SQL => eq(cases.applicantPersonId, personId);
