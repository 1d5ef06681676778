/** Life cycle of a traffic violation record: unhandled → decided (penalty decision) → paid. */
import { z } from 'zod';
import type { Label } from './vehicle.ts';

export const violationStatusSchema = z.enum(['unhandled', 'decided', 'paid']);
export type ViolationStatus = z.infer<typeof violationStatusSchema>;

export const violationActionSchema = z.enum(['decide', 'pay']);
export type ViolationAction = z.infer<typeof violationActionSchema>;

export const VIOLATION_STATUS_LABELS: Readonly<Record<ViolationStatus, Label>> = {
  unhandled: { zh: '未处理', en: 'Unhandled' },
  decided: { zh: '已处理未缴款', en: 'Decided, unpaid' },
  paid: { zh: '已缴款', en: 'Paid' },
};

export const VIOLATION_TRANSITIONS = {
  unhandled: ['decide'],
  decided: ['pay'],
  paid: [],
} as const satisfies Record<ViolationStatus, readonly ViolationAction[]>;

/** Where each action leads. */
export const VIOLATION_ACTION_TARGET = {
  decide: 'decided',
  pay: 'paid',
} as const satisfies Record<ViolationAction, ViolationStatus>;

export function canTransitionViolation(status: ViolationStatus, action: ViolationAction): boolean {
  const allowed: readonly ViolationAction[] = VIOLATION_TRANSITIONS[status];
  return allowed.includes(action);
}

/** Thrown on a move the transition table does not allow; `code` matches the API error code. */
export class IllegalTransitionError extends Error {
  readonly code = 'ILLEGAL_TRANSITION' as const;
  readonly from: string;
  readonly action: string;
  constructor(from: string, action: string) {
    super(`illegal transition: ${action} from ${from}`);
    this.name = 'IllegalTransitionError';
    this.from = from;
    this.action = action;
  }
}

/** The status after `action`; throws IllegalTransitionError on a move the table does not allow. */
export function nextViolationStatus(status: ViolationStatus, action: ViolationAction): ViolationStatus {
  if (!canTransitionViolation(status, action)) {
    throw new IllegalTransitionError(status, action);
  }
  return VIOLATION_ACTION_TARGET[action];
}
