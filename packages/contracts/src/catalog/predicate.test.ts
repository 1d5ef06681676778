import { describe, expect, it } from 'vitest';
import { evaluatePredicate, type Facts, factsOf, type Predicate, predicateSchema } from './predicate.ts';

const FACTS: Facts = {
  n: 5,
  s: 'valid',
  b: true,
  f: false,
  z: null,
  list: ['C1', 'C2'],
};

describe('evaluatePredicate — comparisons', () => {
  it.each<[string, Predicate, boolean]>([
    ['eq number', { fact: 'n', op: 'eq', value: 5 }, true],
    ['eq string', { fact: 's', op: 'eq', value: 'valid' }, true],
    ['eq boolean false', { fact: 'f', op: 'eq', value: false }, true],
    ['eq null', { fact: 'z', op: 'eq', value: null }, true],
    ['eq is strict', { fact: 'n', op: 'eq', value: '5' }, false],
    ['neq', { fact: 's', op: 'neq', value: 'expired' }, true],
    ['neq null fact', { fact: 'z', op: 'neq', value: '' }, true],
    ['lt', { fact: 'n', op: 'lt', value: 6 }, true],
    ['lt equal', { fact: 'n', op: 'lt', value: 5 }, false],
    ['lte', { fact: 'n', op: 'lte', value: 5 }, true],
    ['gt', { fact: 'n', op: 'gt', value: 4 }, true],
    ['gte', { fact: 'n', op: 'gte', value: 6 }, false],
    ['gt on a string is false', { fact: 's', op: 'gt', value: 1 }, false],
    ['gt on null is false', { fact: 'z', op: 'gt', value: 0 }, false],
    ['in', { fact: 's', op: 'in', value: ['valid', 'expired'] }, true],
    ['in miss', { fact: 's', op: 'in', value: ['seized'] }, false],
    ['in with a non-list value', { fact: 's', op: 'in', value: 'valid' }, false],
    ['in on null is false', { fact: 'z', op: 'in', value: ['x'] }, false],
    ['notIn', { fact: 's', op: 'notIn', value: ['seized'] }, true],
    ['notIn on null is false', { fact: 'z', op: 'notIn', value: ['x'] }, false],
    ['includes', { fact: 'list', op: 'includes', value: 'C1' }, true],
    ['includes miss', { fact: 'list', op: 'includes', value: 'A1' }, false],
    ['includes on a string fact', { fact: 's', op: 'includes', value: 'v' }, false],
  ])('%s', (_label, p, expected) => expect(evaluatePredicate(p, FACTS)).toBe(expected));

  it.each(['eq', 'neq', 'lt', 'in', 'notIn', 'includes'] as const)('a missing fact makes %s false', (op) => {
    expect(
      evaluatePredicate({ fact: 'missing', op, value: op === 'in' || op === 'notIn' ? ['a'] : 'a' }, FACTS),
    ).toBe(false);
  });
});

describe('evaluatePredicate — combinators', () => {
  const yes: Predicate = { fact: 'b', op: 'eq', value: true };
  const no: Predicate = { fact: 'f', op: 'eq', value: true };
  it.each<[string, Predicate, boolean]>([
    ['all true', { all: [yes, yes] }, true],
    ['all with one false', { all: [yes, no] }, false],
    ['any with one true', { any: [no, yes] }, true],
    ['any all false', { any: [no, no] }, false],
    ['not', { not: no }, true],
    ['not of a missing fact is true', { not: { fact: 'missing', op: 'eq', value: 1 } }, true],
    ['nested', { all: [yes, { any: [no, { not: no }] }] }, true],
  ])('%s', (_label, p, expected) => expect(evaluatePredicate(p, FACTS)).toBe(expected));
});

describe('factsOf', () => {
  it('lists every fact read, in order, with repeats', () => {
    const p: Predicate = {
      all: [
        { fact: 'a', op: 'eq', value: 1 },
        { any: [{ fact: 'b', op: 'eq', value: 1 }, { not: { fact: 'a', op: 'gt', value: 0 } }] },
      ],
    };
    expect(factsOf(p)).toEqual(['a', 'b', 'a']);
  });
});

describe('predicateSchema', () => {
  it.each<[string, unknown]>([
    ['comparison', { fact: 'licence.exists', op: 'eq', value: true }],
    ['list value', { fact: 'x', op: 'in', value: ['a', 'b'] }],
    ['null value', { fact: 'x', op: 'eq', value: null }],
    [
      'nested',
      { all: [{ not: { fact: 'x', op: 'eq', value: 1 } }, { any: [{ fact: 'y', op: 'lt', value: 2 }] }] },
    ],
  ])('accepts %s', (_label, input) => expect(predicateSchema.safeParse(input).success).toBe(true));

  it.each<[string, unknown]>([
    ['unknown op', { fact: 'x', op: 'like', value: 'a' }],
    ['extra key', { fact: 'x', op: 'eq', value: 1, note: 'no' }],
    ['empty all', { all: [] }],
    ['empty fact name', { fact: '', op: 'eq', value: 1 }],
    ['object value', { fact: 'x', op: 'eq', value: { a: 1 } }],
    [
      'two combinators in one node',
      { all: [{ fact: 'x', op: 'eq', value: 1 }], not: { fact: 'x', op: 'eq', value: 1 } },
    ],
  ])('rejects %s', (_label, input) => expect(predicateSchema.safeParse(input).success).toBe(false));
});
