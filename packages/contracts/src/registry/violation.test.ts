import { describe, expect, it } from 'vitest';
import {
  canTransitionViolation,
  IllegalTransitionError,
  nextViolationStatus,
  VIOLATION_TRANSITIONS,
  type ViolationAction,
  type ViolationStatus,
  violationStatusSchema,
} from './violation.ts';

describe('nextViolationStatus', () => {
  it.each<[ViolationStatus, ViolationAction, ViolationStatus]>([
    ['unhandled', 'decide', 'decided'],
    ['decided', 'pay', 'paid'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(canTransitionViolation(from, action)).toBe(true);
    expect(nextViolationStatus(from, action)).toBe(to);
  });

  it.each<[ViolationStatus, ViolationAction]>([
    ['unhandled', 'pay'],
    ['decided', 'decide'],
    ['paid', 'pay'],
    ['paid', 'decide'],
  ])('%s --%s--> throws', (from, action) => {
    expect(canTransitionViolation(from, action)).toBe(false);
    expect(() => nextViolationStatus(from, action)).toThrow(IllegalTransitionError);
  });

  it('the error carries the API error code', () => {
    try {
      nextViolationStatus('paid', 'pay');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'paid', action: 'pay' });
    }
  });

  it('the table covers every status and paid is terminal', () => {
    expect(Object.keys(VIOLATION_TRANSITIONS).sort()).toEqual([...violationStatusSchema.options].sort());
    expect(VIOLATION_TRANSITIONS.paid).toEqual([]);
  });
});
