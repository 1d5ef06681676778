import {
  addWorkingDays,
  type CaseAction,
  type CaseState,
  findTransition,
  type ItemDefinition,
  isFinalState,
  type WorkflowRole,
  workingDaysBetween,
} from '@opendmv/contracts';
import { eq, sql } from 'drizzle-orm';
import {
  type AuditActor,
  type AuditEntry,
  appendAudit,
  appendAuditBatch,
} from '../../platform/audit/audit.ts';
import { endOfDayShanghai, workingCalendar } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notifyCaseChange } from '../notifications/index.ts';
import { type CaseRow, cancelOpenTimers } from './repository.ts';
import { caseEvents, cases, caseTimers } from './schema.ts';

const deferredAudit = new WeakMap<object, { actor: AuditActor; entry: AuditEntry }[]>();

/**
 * Runs a use case whose audit records are appended together at its end (same transaction): the chain's
 * lock is then held only from there to commit, not from the first transition.
 */
export async function withDeferredAudit<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const items: { actor: AuditActor; entry: AuditEntry }[] = [];
  deferredAudit.set(tx, items);
  try {
    const result = await fn();
    await appendAuditBatch(tx, items);
    return result;
  } finally {
    deferredAudit.delete(tx);
  }
}

async function audit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const pending = deferredAudit.get(tx);
  if (pending) pending.push({ actor, entry });
  else await appendAudit(tx, actor, entry);
}

/** Who acts on a case, already resolved to the workflow roles they hold for it. */
export interface CaseActor {
  kind: 'user' | 'token' | 'system';
  id: string | null;
  /** The principal's role ('officer', 'citizen', 'partner'…) or 'system'. */
  role: string;
  name: string | null;
  workflowRoles: readonly WorkflowRole[];
  audit: AuditActor;
}

export interface TransitionOptions {
  note?: string;
  details?: Record<string, unknown>;
  /** Other columns the action sets (the new check after a correction, the outcome of a decision). */
  patch?: Partial<typeof cases.$inferInsert>;
}

const DECIDED_BY: Partial<Record<CaseAction, (a: CaseActor) => CaseRow['decidedBy']>> = {
  'instant-approve': () => 'rule',
  'deem-approve': () => 'deemed',
  approve: (a) => (a.workflowRoles.includes('supervisor') ? 'supervisor' : 'officer'),
  reject: (a) => (a.workflowRoles.includes('supervisor') ? 'supervisor' : 'officer'),
};

/**
 * The only writer of a case's status. In the caller's transaction, with the case row locked: checks the
 * workflow table and the actor's roles, appends the event, moves the clocks (per-state timer, the
 * correction pause) and writes the audit record. Throws ILLEGAL_TRANSITION or FORBIDDEN.
 */
export async function transition(
  ctx: AppContext,
  tx: Tx,
  row: CaseRow,
  def: ItemDefinition,
  actor: CaseActor,
  action: CaseAction,
  opts: TransitionOptions = {},
): Promise<CaseRow> {
  const from = row.status as CaseState;
  const t = findTransition(def.workflow, from, action);
  if (!t) throw new AppError('ILLEGAL_TRANSITION', undefined, `${action} from ${from}`);
  if (!t.roles.some((r) => actor.workflowRoles.includes(r))) throw new AppError('FORBIDDEN');
  const to = t.to ?? from;
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const seq = row.lastSeq + 1;
  const set: Partial<typeof cases.$inferInsert> = { status: to, lastSeq: seq, updatedAt: now, ...opts.patch };

  if (to !== from) {
    // Only a state with a limit and an escalation armed a timer.
    const fromDef = def.workflow.states.find((s) => s.state === from);
    if (fromDef?.limitDays && fromDef.escalation) await cancelOpenTimers(tx, row.id);
    set.stateEnteredAt = now;
    set.stateDueDate = null;
    const stateDef = def.workflow.states.find((s) => s.state === to);
    if (stateDef?.limitDays && !isFinalState(to)) {
      const calendar = await workingCalendar(tx);
      const due = addWorkingDays(today, stateDef.limitDays, calendar);
      set.stateDueDate = due;
      if (stateDef.escalation)
        await tx.insert(caseTimers).values({
          caseId: row.id,
          state: to,
          action: stateDef.escalation.action,
          dueAt: endOfDayShanghai(due),
        });
    }
    if (to === 'correction-requested') set.pausedSince = today;
    if (from === 'correction-requested' && row.pausedSince) {
      // 补正 stops the clock: the case's limits move on by the working days the applicant took.
      const calendar = await workingCalendar(tx);
      const paused = workingDaysBetween(row.pausedSince, today, calendar);
      if (row.dueDate) set.dueDate = addWorkingDays(row.dueDate, paused, calendar);
      if (row.statutoryDueDate) set.statutoryDueDate = addWorkingDays(row.statutoryDueDate, paused, calendar);
      set.pausedSince = null;
      set.correction = null;
    }
    if (isFinalState(to)) set.closedAt = now;
  }
  if (action === 'escalate') set.escalatedAt = now;
  if (action === 'request-correction') set.correction = opts.note ?? null;
  const decided = DECIDED_BY[action];
  if (decided) set.decidedBy = decided(actor);

  await tx.insert(caseEvents).values({
    caseId: row.id,
    seq,
    action,
    fromState: from,
    toState: to,
    actorKind: actor.kind,
    actorId: actor.id,
    actorRole: actor.role,
    actorName: actor.name,
    note: opts.note ?? null,
    details: opts.details ?? {},
    at: now,
  });
  const [updated] = await tx.update(cases).set(set).where(eq(cases.id, row.id)).returning();
  // The applicant's message (outbox) commits or rolls back with the change.
  await notifyCaseChange(ctx, tx, {
    caseId: row.id,
    number: row.number,
    applicantPersonId: row.applicantPersonId,
    itemName: def.name,
    seq,
    action,
    from,
    to,
    note: opts.note,
  });
  await audit(tx, actor.audit, {
    action: `case.${action}`,
    entityType: 'case',
    entityId: row.id,
    details: { number: row.number, item: row.itemCode, version: row.itemVersion, from, to, ...opts.details },
  });
  return updated!;
}

/** A new case's number: C + the submission date + a running number from a database sequence. */
export async function nextCaseNumber(tx: Tx, today: string): Promise<string> {
  const res = (await tx.execute(sql`SELECT nextval('case_number_seq') AS n`)) as unknown as {
    rows: { n: string | number }[];
  };
  return `C${today.replaceAll('-', '')}${String(Number(res.rows[0]!.n) % 1_000_000).padStart(6, '0')}`;
}

/** Opens a case: the row in state `submitted` and its first event, `submit`, with the audit record. */
export async function openCase(
  ctx: AppContext,
  tx: Tx,
  values: Omit<typeof cases.$inferInsert, 'status' | 'lastSeq' | 'stateEnteredAt' | 'number' | 'submittedAt'>,
  actor: CaseActor,
): Promise<CaseRow> {
  const now = ctx.clock.now();
  const number = await nextCaseNumber(tx, ctx.clock.today());
  const [row] = await tx
    .insert(cases)
    .values({ ...values, number, status: 'submitted', lastSeq: 1, submittedAt: now, stateEnteredAt: now })
    .returning();
  await tx.insert(caseEvents).values({
    caseId: row!.id,
    seq: 1,
    action: 'submit',
    fromState: null,
    toState: 'submitted',
    actorKind: actor.kind,
    actorId: actor.id,
    actorRole: actor.role,
    actorName: actor.name,
    details: { channel: values.channel },
    at: now,
  });
  await audit(tx, actor.audit, {
    action: 'case.submit',
    entityType: 'case',
    entityId: row!.id,
    details: { number, item: values.itemCode, version: values.itemVersion, channel: values.channel },
  });
  return row!;
}
