import { describe, expect, it } from 'vitest';
import { isKnownFact } from './facts.ts';
import { itemDefinitionSchema } from './item.ts';
import { CATALOG_SEED, seedItem } from './items/index.ts';
import { factsOf, type Predicate } from './predicate.ts';

const REQUIRED_CODES = [
  'DL-RENEW',
  'DL-LOST',
  'DL-DAMAGED',
  'DL-SENIOR-MEDICAL',
  'CONTACT-FILING',
  'VIOLATION-HANDLE',
  'POINT-REDUCE',
  'INSPECT-LABEL',
  'INSPECT-ONSITE',
  'TRANSFER',
  'NEW-REG',
  'PLATE-SELECT',
  'PLATE-REPLACE',
  'MORTGAGE-REG',
  'MORTGAGE-RELEASE',
  'SCRAP-DEREG',
];

const predicatesOf = (code: string): Predicate[] => {
  const def = seedItem(code)!;
  return [
    ...def.eligibility.flatMap((r) => [r.require, ...(r.when ? [r.when] : [])]),
    ...def.materials.flatMap((m) => (m.when ? [m.when] : [])),
  ];
};

describe('CATALOG_SEED', () => {
  it('holds at least 16 items with unique codes, including every required one', () => {
    const codes = CATALOG_SEED.map((d) => d.code);
    expect(codes.length).toBeGreaterThanOrEqual(16);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of REQUIRED_CODES) expect(codes).toContain(code);
  });

  describe.each(CATALOG_SEED.map((d) => [d.code, d] as const))('%s', (code, def) => {
    it('parses and is already in parsed form', () => {
      expect(itemDefinitionSchema.parse(def)).toEqual(def);
    });

    it('reads only catalogued facts, and form facts only of its own form', () => {
      const keys = new Set(def.form.map((f) => `form.${f.key}`));
      for (const name of predicatesOf(code).flatMap(factsOf)) {
        expect(isKnownFact(name), name).toBe(true);
        if (name.startsWith('form.')) expect(keys.has(name), name).toBe(true);
      }
    });

    it('every rule has zh/en messages and a source with a reliability', () => {
      expect(def.eligibility.length).toBeGreaterThan(0);
      for (const r of def.eligibility) {
        expect(r.message.zh.length * r.message.en.length, r.id).toBeGreaterThan(0);
        expect(r.source.title.length, r.id).toBeGreaterThan(0);
        expect(['official', 'secondary', 'unverified']).toContain(r.source.reliability);
      }
    });

    it('every rule states its condition positively, in zh and en, apart from its failure message', () => {
      for (const r of def.eligibility) {
        for (const lang of ['zh', 'en'] as const) {
          const condition = r.condition[lang].trim();
          expect(condition.length, `${r.id} ${lang}`).toBeGreaterThan(0);
          expect(condition, `${r.id} ${lang}`).not.toBe(r.message[lang].trim());
        }
        // Written in the language it is labelled with: Chinese characters in zh, none leading the en.
        expect(r.condition.zh, r.id).toMatch(/\p{Script=Han}/u);
        expect(r.condition.en, r.id).toMatch(/^[A-Z]/);
      }
    });

    it('has unique material codes and a sensible fee, clocks, channels and offices', () => {
      const materials = def.materials.map((m) => m.code);
      expect(new Set(materials).size).toBe(materials.length);
      expect(Number.isInteger(def.feeFen)).toBe(true);
      expect(def.promisedDays).toBeLessThanOrEqual(def.statutoryDays);
      expect(def.channels.length).toBeGreaterThan(0);
      expect(def.officeKinds.some((k) => k === 'office' || k === 'branch')).toBe(true);
    });

    it('instant approval exactly when the workflow has instant-approve', () => {
      const instant = def.workflow.transitions.some((tr) => tr.action === 'instant-approve');
      expect(instant).toBe(def.instantApproval);
    });

    it('never asks the applicant for a registry or partner record', () => {
      for (const m of def.materials.filter((x) => x.supplier === 'applicant')) {
        expect(['id-card', 'driving-licence', 'vehicle-licence', 'registration-certificate']).not.toContain(
          m.code,
        );
      }
    });
  });
});

describe('workflow choices', () => {
  const approveRoles = (code: string) =>
    seedItem(code)!.workflow.transitions.find((tr) => tr.action === 'approve')!.roles;
  const has = (code: string, action: string) =>
    seedItem(code)!.workflow.transitions.some((tr) => tr.action === action);

  it.each([
    ['MORTGAGE-RELEASE', ['supervisor']],
    ['SCRAP-DEREG', ['supervisor']],
    ['TRANSFER', ['officer']],
    ['MORTGAGE-REG', ['officer']],
  ])('%s is approved by %j', (code, roles) => expect(approveRoles(code)).toEqual(roles));

  it('the contact filing is deemed approved when review overruns', () => {
    expect(has('CONTACT-FILING', 'deem-approve')).toBe(true);
    const reviewed = seedItem('CONTACT-FILING')!.workflow.states.find((s) => s.state === 'reviewed');
    expect(reviewed?.escalation?.action).toBe('deem-approve');
  });

  it.each([
    ['TRANSFER', false, true],
    ['NEW-REG', false, true],
    ['DL-RENEW', true, true],
    ['DL-LOST', true, true],
    ['VIOLATION-HANDLE', true, false],
    ['CONTACT-FILING', true, false],
  ])('%s: instant %s, production %s', (code, instant, production) => {
    expect(has(code, 'instant-approve')).toBe(instant);
    expect(has(code, 'produce')).toBe(production);
  });

  it('transfer needs presence and an officer can request and take a correction', () => {
    const def = seedItem('TRANSFER')!;
    expect(def.presenceRequired).toBe(true);
    expect(has('TRANSFER', 'request-correction') && has('TRANSFER', 'answer-correction')).toBe(true);
    expect(def.form.map((f) => f.key)).toEqual(['sellerName', 'transferDate']);
  });

  it('licence items cost ¥10 and the violation handling is free', () => {
    expect(seedItem('DL-RENEW')!.feeFen).toBe(1000);
    expect(seedItem('DL-LOST')!.feeFen).toBe(1000);
    expect(seedItem('VIOLATION-HANDLE')!.feeFen).toBe(0);
  });

  it('DL-RENEW takes its medical from the hospital and everything else from the registry', () => {
    const suppliers = Object.fromEntries(seedItem('DL-RENEW')!.materials.map((m) => [m.code, m.supplier]));
    expect(suppliers).toEqual({
      'id-card': 'registry',
      'driving-licence': 'registry',
      'medical-certificate': 'hospital-medical',
      photo: 'registry',
    });
  });
});
