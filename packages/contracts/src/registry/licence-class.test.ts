import { describe, expect, it } from 'vitest';
import {
  impliedClasses,
  LICENCE_CLASS_CODES,
  LICENCE_CLASS_RULES,
  LICENCE_CLASSES,
  type LicenceClass,
  licenceClassSchema,
  meetsAgeLimit,
  permits,
} from './licence-class.ts';

describe('LICENCE_CLASSES', () => {
  it('has the 17 codes, each once, with names', () => {
    expect(LICENCE_CLASSES.map((c) => c.code)).toEqual([...LICENCE_CLASS_CODES]);
    expect(new Set(LICENCE_CLASS_CODES).size).toBe(17);
    for (const c of LICENCE_CLASSES) expect(c.nameZh.length * c.nameEn.length).toBeGreaterThan(0);
  });

  it.each([['C1'], ['A2'], ['P']])('schema accepts %s', (code) =>
    expect(licenceClassSchema.parse(code)).toBe(code),
  );
  it.each([['C7'], ['c1'], ['']])('schema rejects %j', (code) =>
    expect(licenceClassSchema.safeParse(code).success).toBe(false),
  );
});

describe('impliedClasses', () => {
  it.each<[LicenceClass, LicenceClass[]]>([
    ['A1', ['A1', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'M']],
    ['A2', ['A2', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C6', 'M']],
    ['A3', ['A3', 'C1', 'C2', 'C3', 'C4']],
    ['B2', ['B2', 'C1', 'C2', 'C3', 'C4', 'M']],
    ['C1', ['C1', 'C2', 'C3', 'C4']],
    ['C2', ['C2']],
    ['C3', ['C3', 'C4']],
    ['C5', ['C5']],
    ['D', ['D', 'E', 'F']],
    ['E', ['E', 'F']],
    ['N', ['N']],
  ])('%s → %j', (code, expected) => expect(impliedClasses(code)).toEqual(expected));
});

describe('permits', () => {
  it.each<[LicenceClass[], LicenceClass, boolean]>([
    [['C1'], 'C2', true],
    [['C2'], 'C1', false],
    [['C1'], 'C5', false],
    [['A1'], 'C4', true],
    [['A1'], 'C6', false],
    [['A2'], 'C6', true],
    [['B2'], 'B1', false],
    [['C1', 'E'], 'F', true],
    [['C1', 'E'], 'D', false],
    [[], 'C1', false],
  ])('%j may drive %s: %s', (held, wanted, expected) => expect(permits(held, wanted)).toBe(expected));
});

describe('meetsAgeLimit (令第172号, from 2025-01-01)', () => {
  it.each<[LicenceClass, string, string, boolean, boolean?]>([
    ['C1', '2007-03-01', '2025-03-01', true],
    ['C1', '2007-03-02', '2025-03-01', false],
    ['C1', '1940-01-01', '2025-03-01', true],
    ['A1', '2004-01-01', '2025-03-01', false],
    ['A1', '2004-01-01', '2025-03-01', true, true],
    ['A1', '2003-03-01', '2025-03-01', true],
    ['A1', '1961-03-01', '2025-03-01', false],
    ['A1', '1961-03-02', '2025-03-01', true],
    ['C6', '2006-01-01', '2025-03-01', false],
    ['D', '1955-03-01', '2025-03-01', true],
    ['D', '1954-03-01', '2025-03-01', false],
    ['B2', '2005-03-01', '2025-03-01', true],
  ])('%s, born %s, on %s → %s (vocational %s)', (code, birth, on, expected, vocational) => {
    expect(meetsAgeLimit(code, birth, on, { vocationalStudent: vocational })).toBe(expected);
  });

  it('has no version before 2025-01-01 (older limits not encoded)', () => {
    expect(() => meetsAgeLimit('C1', '2000-01-01', '2024-12-31')).toThrow(RangeError);
  });

  it('A1, A2, B1 and C6 are upgrade-only', () => {
    const initial = LICENCE_CLASS_RULES[0]!.value.initialApplication;
    for (const code of ['A1', 'A2', 'B1', 'C6'] as const) expect(initial).not.toContain(code);
    expect(initial).toHaveLength(13);
  });
});
