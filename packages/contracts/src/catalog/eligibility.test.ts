import { describe, expect, it } from 'vitest';
import { autoCheck, dataFact, refusals } from './eligibility.ts';
import { type EligibilityRule, type ItemDefinitionInput, itemDefinitionSchema } from './item.ts';
import type { Facts } from './predicate.ts';
import { standardWorkflow } from './workflow.ts';

const src = { title: 'test source', reliability: 'unverified' as const };
const msg = { zh: '消息', en: 'message' };
const cond = { zh: '条件', en: 'condition' };

/** A small item: one refusing rule, one conditional review rule, materials from every kind of supplier. */
function item(extra: Partial<ItemDefinitionInput> = {}) {
  return itemDefinitionSchema.parse({
    code: 'TEST-ITEM',
    name: { zh: '测试', en: 'Test' },
    summary: { zh: '测试', en: 'Test' },
    category: 'licence',
    subject: 'licence',
    legalBasis: [src],
    effectiveFrom: '2025-01-01',
    channels: ['online', 'window'],
    officeKinds: ['office'],
    eligibility: [
      {
        id: 'has-licence',
        require: { fact: 'licence.exists', op: 'eq', value: true },
        severity: 'refuse',
        condition: cond,
        message: msg,
        source: src,
      },
      {
        id: 'theory',
        when: { fact: 'licence.renewalState', op: 'eq', value: 'expired-needs-theory-test' },
        require: { fact: 'licence.theoryTestPassed', op: 'eq', value: true },
        severity: 'review',
        condition: cond,
        message: msg,
        source: { ...src, url: 'https://example.org/rule' },
      },
    ],
    materials: [
      { code: 'id-card', name: msg, supplier: 'registry' },
      { code: 'medical', name: msg, supplier: 'hospital-medical' },
      {
        code: 'old-card',
        name: msg,
        supplier: 'applicant',
        when: { fact: 'form.reason', op: 'eq', value: 'damaged' },
      },
    ],
    feeFen: 1000,
    statutoryDays: 1,
    promisedDays: 1,
    presenceRequired: false,
    delivery: ['post'],
    instantApproval: true,
    workflow: standardWorkflow({
      production: false,
      approvalRoles: ['officer'],
      instant: true,
      acceptDays: 1,
      reviewDays: 1,
      reviewEscalation: 'escalate',
    }),
    ...extra,
  });
}

const good: Facts = {
  'licence.exists': true,
  'licence.renewalState': 'renewal-window',
  'data.registry': true,
  'data.hospital-medical': true,
};

describe('autoCheck', () => {
  it.each<[string, Facts, string, string[], { eligible: boolean; needsReview: boolean; instant: boolean }]>([
    ['all good → instant', good, 'online', [], { eligible: true, needsReview: false, instant: true }],
    [
      'partner data missing → waits, no review',
      { ...good, 'data.hospital-medical': false },
      'online',
      [],
      { eligible: true, needsReview: false, instant: false },
    ],
    [
      'refusing rule fails',
      { ...good, 'licence.exists': false },
      'online',
      [],
      { eligible: false, needsReview: false, instant: false },
    ],
    [
      'review rule fails',
      { ...good, 'licence.renewalState': 'expired-needs-theory-test' },
      'online',
      [],
      { eligible: true, needsReview: true, instant: false },
    ],
    [
      'review rule passes',
      { ...good, 'licence.renewalState': 'expired-needs-theory-test', 'licence.theoryTestPassed': true },
      'online',
      [],
      { eligible: true, needsReview: false, instant: true },
    ],
    [
      'applicant material needed',
      { ...good, 'form.reason': 'damaged' },
      'online',
      [],
      { eligible: true, needsReview: true, instant: false },
    ],
    [
      'applicant material provided still needs an officer',
      { ...good, 'form.reason': 'damaged' },
      'window',
      ['old-card'],
      { eligible: true, needsReview: true, instant: false },
    ],
    ['channel closed', good, 'kiosk', [], { eligible: false, needsReview: false, instant: false }],
  ])('%s', (_label, facts, channel, provided, expected) => {
    const r = autoCheck(item(), facts, channel as never, provided);
    expect({ eligible: r.eligible, needsReview: r.needsReview, instant: r.instant }).toEqual(expected);
  });

  it('reports every material state', () => {
    const states = (facts: Facts, provided: string[] = []) =>
      Object.fromEntries(
        autoCheck(item(), facts, 'online', provided).materials.map((m) => [m.code, m.state]),
      );
    expect(states(good)).toEqual({ 'id-card': 'supplied', medical: 'supplied', 'old-card': 'not-needed' });
    expect(states({ ...good, 'data.hospital-medical': false, 'form.reason': 'damaged' })).toEqual({
      'id-card': 'supplied',
      medical: 'awaiting-partner',
      'old-card': 'to-provide',
    });
    expect(states({ ...good, 'form.reason': 'damaged' }, ['old-card'])['old-card']).toBe('provided');
  });

  it('a rule whose when does not hold is not applicable and counts as passed', () => {
    const r = autoCheck(item(), good, 'online');
    expect(r.rules.find((x) => x.id === 'theory')).toMatchObject({ applicable: false, passed: true });
    expect(r.rules.find((x) => x.id === 'has-licence')).toMatchObject({ applicable: true, passed: true });
  });

  it('copies condition, message and source (url only when present)', () => {
    const r = autoCheck(item(), good, 'online');
    expect(r.rules[0]!.source).toEqual({ title: 'test source' });
    expect(r.rules[1]!.source).toEqual({ title: 'test source', url: 'https://example.org/rule' });
    expect(r.rules[0]!.message).toEqual(msg);
    expect(r.rules[0]!.condition).toEqual(cond);
    expect(r.rules[1]!.condition).toEqual(cond);
  });

  it('never instant when the item does not allow it', () => {
    const wf = standardWorkflow({
      production: false,
      approvalRoles: ['officer'],
      instant: false,
      acceptDays: 1,
      reviewDays: 1,
      reviewEscalation: 'escalate',
    });
    const r = autoCheck(item({ instantApproval: false, workflow: wf }), good, 'online');
    expect(r).toMatchObject({ eligible: true, needsReview: false, instant: false });
  });

  it('refusals lists the failed refusing rules only', () => {
    const r = autoCheck(
      item(),
      { ...good, 'licence.exists': false, 'licence.renewalState': 'expired-needs-theory-test' },
      'online',
    );
    expect(refusals(r).map((x) => x.id)).toEqual(['has-licence']);
  });

  it('dataFact names the data-source fact', () => {
    expect(dataFact('hospital-medical')).toBe('data.hospital-medical');
  });
});

describe('itemDefinitionSchema refinements', () => {
  it('rejects promised days over statutory, duplicate rule ids and instant without instant-approve', () => {
    expect(() => item({ promisedDays: 5 })).toThrow();
    const rules = item().eligibility;
    expect(() => item({ eligibility: [rules[0]!, rules[0]!] })).toThrow();
    const wf = standardWorkflow({
      production: false,
      approvalRoles: ['officer'],
      instant: false,
      acceptDays: 1,
      reviewDays: 1,
      reviewEscalation: 'escalate',
    });
    expect(() => item({ workflow: wf })).toThrow();
    expect(() => item({ effectiveTo: '2024-12-31' })).toThrow();
  });

  it('requires a non-empty condition on every rule', () => {
    const [first, second] = item().eligibility;
    const { condition: _, ...noCondition } = first!;
    // What an old definition (saved before rules had a condition) looks like: the schema refuses it.
    expect(() => item({ eligibility: [noCondition as unknown as EligibilityRule, second!] })).toThrow();
    expect(() => item({ eligibility: [{ ...first!, condition: { zh: '', en: 'x' } }, second!] })).toThrow();
  });

  it('applies the form default', () => {
    expect(item().form).toEqual([]);
  });
});
