/**
 * Case workflow as data (DIGIT style: states with a time limit and an escalation rule; actions with roles
 * and a next state) over an append-only event log (OpenCRVS style: status is the fold of the events).
 * Every business item carries its own workflow, usually built from one of the templates below.
 */
import { z } from 'zod';

export const CASE_STATES = [
  'submitted',
  'auto-checked',
  'accepted',
  'reviewed',
  'correction-requested',
  'approved',
  'rejected',
  'produced',
  'delivered',
  'collected',
  'completed',
  'withdrawn',
] as const;
export const caseStateSchema = z.enum(CASE_STATES);
export type CaseState = z.infer<typeof caseStateSchema>;

/** States a case never leaves. */
export const FINAL_CASE_STATES = [
  'completed',
  'rejected',
  'withdrawn',
] as const satisfies readonly CaseState[];
export const isFinalState = (s: CaseState): boolean =>
  (FINAL_CASE_STATES as readonly CaseState[]).includes(s);

export const CASE_ACTIONS = [
  'submit',
  'auto-check',
  'recheck',
  'instant-approve',
  'accept',
  'request-correction',
  'answer-correction',
  'review',
  'approve',
  'reject',
  'deem-approve',
  'escalate',
  'produce',
  'deliver',
  'collect',
  'complete',
  'withdraw',
] as const;
export const caseActionSchema = z.enum(CASE_ACTIONS);
export type CaseAction = z.infer<typeof caseActionSchema>;

/**
 * Who may take an action. `applicant`: the citizen whose case it is, or an agent acting under the case's
 * authorization. `system`: the platform itself (auto-check, instant approval, timers). `partner`: a
 * partner system (post delivery events).
 */
export const WORKFLOW_ROLES = ['applicant', 'officer', 'supervisor', 'system', 'partner'] as const;
export const workflowRoleSchema = z.enum(WORKFLOW_ROLES);
export type WorkflowRole = z.infer<typeof workflowRoleSchema>;

/** Actions a person answers for: the UI shows them as buttons, the transition function checks them. */
export const HUMAN_ACTIONS = [
  'accept',
  'request-correction',
  'answer-correction',
  'review',
  'approve',
  'reject',
  'produce',
  'deliver',
  'collect',
  'complete',
  'withdraw',
] as const satisfies readonly CaseAction[];

export const escalationSchema = z.strictObject({
  /** What happens when the state's time limit passes: notify a supervisor, or approve by law (视为批准). */
  action: z.enum(['escalate', 'deem-approve']),
  /** Role that is told / that the case is listed for. */
  toRole: z.enum(['supervisor']).default('supervisor'),
});
export type Escalation = z.infer<typeof escalationSchema>;

export const workflowStateSchema = z.strictObject({
  state: caseStateSchema,
  /** Working days the case may stay in this state; absent = no per-state limit. */
  limitDays: z.number().int().min(1).max(365).optional(),
  escalation: escalationSchema.optional(),
});
export type WorkflowStateDef = z.infer<typeof workflowStateSchema>;

export const workflowTransitionSchema = z.strictObject({
  action: caseActionSchema,
  from: z.array(caseStateSchema).min(1),
  /** Next state; absent = the state stays (escalate, recheck). */
  to: caseStateSchema.optional(),
  roles: z.array(workflowRoleSchema).min(1),
});
export type WorkflowTransition = z.infer<typeof workflowTransitionSchema>;

export const workflowSchema = z
  .strictObject({
    states: z.array(workflowStateSchema).min(2),
    transitions: z.array(workflowTransitionSchema).min(1),
  })
  .superRefine((wf, ctx) => {
    const known = new Set(wf.states.map((s) => s.state));
    wf.transitions.forEach((t, i) => {
      for (const s of [...t.from, ...(t.to ? [t.to] : [])]) {
        if (!known.has(s))
          ctx.addIssue({ code: 'custom', path: ['transitions', i], message: `unknown state ${s}` });
      }
    });
    if (!known.has('submitted'))
      ctx.addIssue({ code: 'custom', path: ['states'], message: 'needs submitted' });
  });
export type Workflow = z.infer<typeof workflowSchema>;

export class IllegalCaseTransitionError extends Error {
  constructor(
    readonly from: CaseState,
    readonly action: CaseAction,
  ) {
    super(`action ${action} is not allowed in state ${from}`);
    this.name = 'IllegalCaseTransitionError';
  }
}

/** The transition an action takes from a state, or undefined when the workflow has none. */
export function findTransition(
  wf: Workflow,
  from: CaseState,
  action: CaseAction,
): WorkflowTransition | undefined {
  return wf.transitions.find((t) => t.action === action && t.from.includes(from));
}

/** Next state after `action` (the same state for escalate/recheck). Throws when the action is not allowed. */
export function nextCaseState(wf: Workflow, from: CaseState, action: CaseAction): CaseState {
  const t = findTransition(wf, from, action);
  if (!t) throw new IllegalCaseTransitionError(from, action);
  return t.to ?? from;
}

/** Actions the given workflow roles may take in a state: the buttons a screen shows. */
export function availableActions(
  wf: Workflow,
  state: CaseState,
  roles: readonly WorkflowRole[],
): CaseAction[] {
  return wf.transitions
    .filter((t) => t.from.includes(state) && t.roles.some((r) => roles.includes(r)))
    .map((t) => t.action);
}

export interface CaseEventLike {
  action: CaseAction;
  toState: CaseState;
}

/** The status of a case: the fold of its event log (the `cases.status` column is a cached copy). */
export function deriveCaseState(events: readonly CaseEventLike[]): CaseState | null {
  let state: CaseState | null = null;
  for (const e of events) state = e.toState;
  return state;
}

export interface WorkflowTemplateOptions {
  /** A licence, plate or label is made and handed over (produce → deliver/collect → complete). */
  production: boolean;
  /** Who decides (审批权限): the delegation of authority. */
  approvalRoles: readonly ('officer' | 'supervisor')[];
  /** Approval by rule on the spot is possible (马上办). */
  instant: boolean;
  /** Working days allowed for acceptance and for review. */
  acceptDays: number;
  reviewDays: number;
  /** When review overruns: escalate to a supervisor, or deemed approval where the law allows it. */
  reviewEscalation: Escalation['action'];
}

/**
 * The standard path: submitted → auto-checked → accepted → reviewed → approved / rejected
 * [→ produced → delivered / collected] → completed, with 补正 (correction) and withdrawal.
 */
export function standardWorkflow(o: WorkflowTemplateOptions): Workflow {
  const deciders = [...o.approvalRoles] as WorkflowRole[];
  const states: WorkflowStateDef[] = [
    { state: 'submitted' },
    {
      state: 'auto-checked',
      limitDays: o.acceptDays,
      escalation: { action: 'escalate', toRole: 'supervisor' },
    },
    { state: 'accepted', limitDays: o.reviewDays, escalation: { action: 'escalate', toRole: 'supervisor' } },
    {
      state: 'reviewed',
      limitDays: o.reviewDays,
      escalation: { action: o.reviewEscalation, toRole: 'supervisor' },
    },
    { state: 'correction-requested' },
    {
      state: 'approved',
      ...(o.production
        ? { limitDays: 5, escalation: { action: 'escalate' as const, toRole: 'supervisor' as const } }
        : {}),
    },
    { state: 'rejected' },
    { state: 'completed' },
    { state: 'withdrawn' },
  ];
  if (o.production) states.push({ state: 'produced' }, { state: 'delivered' }, { state: 'collected' });
  const open: CaseState[] = ['auto-checked', 'accepted', 'reviewed'];
  const transitions: WorkflowTransition[] = [
    { action: 'auto-check', from: ['submitted'], to: 'auto-checked', roles: ['system'] },
    { action: 'recheck', from: ['auto-checked'], roles: ['system'] },
    ...(o.instant
      ? [
          {
            action: 'instant-approve' as const,
            from: ['auto-checked' as const],
            to: 'approved' as const,
            roles: ['system' as const],
          },
        ]
      : []),
    { action: 'accept', from: ['auto-checked'], to: 'accepted', roles: ['officer'] },
    {
      action: 'request-correction',
      from: ['auto-checked', 'accepted', 'reviewed'],
      to: 'correction-requested',
      roles: ['officer'],
    },
    {
      action: 'answer-correction',
      from: ['correction-requested'],
      to: 'accepted',
      roles: ['applicant', 'officer'],
    },
    { action: 'review', from: ['accepted'], to: 'reviewed', roles: ['officer'] },
    { action: 'approve', from: ['reviewed'], to: 'approved', roles: deciders },
    { action: 'reject', from: open, to: 'rejected', roles: deciders },
    { action: 'escalate', from: [...open, 'approved'], roles: ['system'] },
    ...(o.reviewEscalation === 'deem-approve'
      ? [
          {
            action: 'deem-approve' as const,
            from: ['reviewed' as const],
            to: 'approved' as const,
            roles: ['system' as const],
          },
        ]
      : []),
    {
      action: 'withdraw',
      from: ['submitted', 'auto-checked', 'accepted', 'correction-requested'],
      to: 'withdrawn',
      roles: ['applicant'],
    },
  ];
  if (o.production) {
    transitions.push(
      { action: 'produce', from: ['approved'], to: 'produced', roles: ['officer', 'system'] },
      { action: 'deliver', from: ['produced'], to: 'delivered', roles: ['officer', 'partner'] },
      { action: 'collect', from: ['produced'], to: 'collected', roles: ['officer'] },
      {
        action: 'complete',
        from: ['delivered', 'collected'],
        to: 'completed',
        roles: ['officer', 'system', 'applicant'],
      },
    );
  } else {
    transitions.push({
      action: 'complete',
      from: ['approved'],
      to: 'completed',
      roles: ['officer', 'system'],
    });
  }
  return { states, transitions };
}
