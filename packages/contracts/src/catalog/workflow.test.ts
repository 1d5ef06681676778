import { describe, expect, it } from 'vitest';
import {
  availableActions,
  type CaseAction,
  type CaseState,
  deriveCaseState,
  FINAL_CASE_STATES,
  findTransition,
  IllegalCaseTransitionError,
  isFinalState,
  nextCaseState,
  standardWorkflow,
  type WorkflowTemplateOptions,
  workflowSchema,
} from './workflow.ts';

const base: WorkflowTemplateOptions = {
  production: true,
  approvalRoles: ['officer'],
  instant: true,
  acceptDays: 1,
  reviewDays: 2,
  reviewEscalation: 'escalate',
};
const full = standardWorkflow(base);
const plain = standardWorkflow({ ...base, production: false, instant: false, approvalRoles: ['supervisor'] });
const deemed = standardWorkflow({ ...base, reviewEscalation: 'deem-approve' });

describe('standardWorkflow — every action from/to (production, instant)', () => {
  it.each<[CaseAction, CaseState, CaseState]>([
    ['auto-check', 'submitted', 'auto-checked'],
    ['recheck', 'auto-checked', 'auto-checked'],
    ['instant-approve', 'auto-checked', 'approved'],
    ['accept', 'auto-checked', 'accepted'],
    ['request-correction', 'auto-checked', 'correction-requested'],
    ['request-correction', 'accepted', 'correction-requested'],
    ['request-correction', 'reviewed', 'correction-requested'],
    ['answer-correction', 'correction-requested', 'accepted'],
    ['review', 'accepted', 'reviewed'],
    ['approve', 'reviewed', 'approved'],
    ['reject', 'auto-checked', 'rejected'],
    ['reject', 'accepted', 'rejected'],
    ['reject', 'reviewed', 'rejected'],
    ['escalate', 'auto-checked', 'auto-checked'],
    ['escalate', 'accepted', 'accepted'],
    ['escalate', 'reviewed', 'reviewed'],
    ['escalate', 'approved', 'approved'],
    ['withdraw', 'submitted', 'withdrawn'],
    ['withdraw', 'auto-checked', 'withdrawn'],
    ['withdraw', 'accepted', 'withdrawn'],
    ['withdraw', 'correction-requested', 'withdrawn'],
    ['produce', 'approved', 'produced'],
    ['deliver', 'produced', 'delivered'],
    ['collect', 'produced', 'collected'],
    ['complete', 'delivered', 'completed'],
    ['complete', 'collected', 'completed'],
  ])('%s: %s → %s', (action, from, to) => expect(nextCaseState(full, from, action)).toBe(to));

  it.each<[CaseAction, CaseState]>([
    ['approve', 'accepted'],
    ['review', 'auto-checked'],
    ['withdraw', 'reviewed'],
    ['withdraw', 'approved'],
    ['complete', 'approved'],
    ['deem-approve', 'reviewed'],
    ['answer-correction', 'accepted'],
    ['auto-check', 'auto-checked'],
    ['submit', 'submitted'],
    ['reject', 'approved'],
  ])('%s is illegal in %s', (action, from) => {
    expect(findTransition(full, from, action)).toBeUndefined();
    expect(() => nextCaseState(full, from, action)).toThrow(IllegalCaseTransitionError);
  });

  it('final states have no way out', () => {
    for (const state of FINAL_CASE_STATES) {
      expect(isFinalState(state)).toBe(true);
      expect(
        availableActions(full, state, ['applicant', 'officer', 'supervisor', 'system', 'partner']),
      ).toEqual([]);
    }
    expect(isFinalState('approved')).toBe(false);
  });

  it('the error names the state and the action', () => {
    try {
      nextCaseState(full, 'completed', 'approve');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalCaseTransitionError);
      expect(e).toMatchObject({ from: 'completed', action: 'approve', name: 'IllegalCaseTransitionError' });
      expect((e as Error).message).toContain('approve');
    }
  });
});

describe('standardWorkflow — options', () => {
  it('without production, approved completes directly and there is no produce/deliver', () => {
    expect(nextCaseState(plain, 'approved', 'complete')).toBe('completed');
    expect(plain.states.map((s) => s.state)).not.toContain('produced');
    expect(findTransition(plain, 'approved', 'produce')).toBeUndefined();
  });

  it('instant adds instant-approve only when asked', () => {
    expect(findTransition(full, 'auto-checked', 'instant-approve')).toBeDefined();
    expect(findTransition(plain, 'auto-checked', 'instant-approve')).toBeUndefined();
  });

  it('approval roles decide who approves and rejects', () => {
    expect(availableActions(plain, 'reviewed', ['officer'])).toEqual(['request-correction']);
    expect(availableActions(plain, 'reviewed', ['supervisor'])).toEqual(['approve', 'reject']);
  });

  it('deem-approve: reviewed → approved by the system, and the reviewed state escalates that way', () => {
    expect(nextCaseState(deemed, 'reviewed', 'deem-approve')).toBe('approved');
    expect(findTransition(deemed, 'reviewed', 'deem-approve')?.roles).toEqual(['system']);
    expect(deemed.states.find((s) => s.state === 'reviewed')?.escalation?.action).toBe('deem-approve');
    expect(full.states.find((s) => s.state === 'reviewed')?.escalation?.action).toBe('escalate');
  });

  it('time limits: accept and review days, 5 days to produce', () => {
    const limit = (state: CaseState) => full.states.find((s) => s.state === state)?.limitDays;
    expect([limit('auto-checked'), limit('accepted'), limit('reviewed'), limit('approved')]).toEqual([
      1, 2, 2, 5,
    ]);
    expect(plain.states.find((s) => s.state === 'approved')?.limitDays).toBeUndefined();
  });

  it.each([full, plain, deemed])('template %# passes its own schema', (wf) => {
    expect(workflowSchema.parse(wf)).toEqual(wf);
  });
});

describe('availableActions per role (production, instant, officer approval)', () => {
  it.each<[CaseState, string, CaseAction[]]>([
    ['submitted', 'applicant', ['withdraw']],
    ['submitted', 'system', ['auto-check']],
    ['submitted', 'officer', []],
    ['auto-checked', 'system', ['recheck', 'instant-approve', 'escalate']],
    ['auto-checked', 'officer', ['accept', 'request-correction', 'reject']],
    ['auto-checked', 'applicant', ['withdraw']],
    ['accepted', 'officer', ['request-correction', 'review', 'reject']],
    ['reviewed', 'officer', ['request-correction', 'approve', 'reject']],
    ['reviewed', 'supervisor', []],
    ['correction-requested', 'applicant', ['answer-correction', 'withdraw']],
    ['correction-requested', 'officer', ['answer-correction']],
    ['approved', 'system', ['escalate', 'produce']],
    ['approved', 'officer', ['produce']],
    ['produced', 'partner', ['deliver']],
    ['produced', 'officer', ['deliver', 'collect']],
    ['delivered', 'applicant', ['complete']],
    ['collected', 'system', ['complete']],
  ])('%s as %s → %j', (state, role, actions) => {
    expect(availableActions(full, state, [role as never])).toEqual(actions);
  });
});

describe('deriveCaseState — the fold of the event log', () => {
  it('is null for no events and the last toState otherwise', () => {
    expect(deriveCaseState([])).toBeNull();
    const path: CaseAction[] = [
      'auto-check',
      'accept',
      'request-correction',
      'answer-correction',
      'review',
      'approve',
    ];
    let state: CaseState = 'submitted';
    const events: { action: CaseAction; toState: CaseState }[] = [{ action: 'submit', toState: state }];
    for (const action of path) {
      state = nextCaseState(full, state, action);
      events.push({ action, toState: state });
    }
    expect(deriveCaseState(events)).toBe('approved');
    expect(deriveCaseState(events.slice(0, 4))).toBe('correction-requested');
    expect(deriveCaseState([...events, { action: 'escalate', toState: 'approved' }])).toBe('approved');
  });
});

describe('workflowSchema', () => {
  it('rejects a transition to an unknown state and a workflow without submitted', () => {
    const bad = {
      states: [{ state: 'submitted' }, { state: 'approved' }],
      transitions: [{ action: 'approve', from: ['submitted'], to: 'completed', roles: ['officer'] }],
    };
    expect(workflowSchema.safeParse(bad).success).toBe(false);
    const noStart = {
      states: [{ state: 'accepted' }, { state: 'approved' }],
      transitions: [{ action: 'approve', from: ['accepted'], to: 'approved', roles: ['officer'] }],
    };
    expect(workflowSchema.safeParse(noStart).success).toBe(false);
  });
});
