/**
 * Declarative predicates over facts. Eligibility rules of the catalog are written in this small language,
 * so an administrator edits data, not code, and the same rule runs in the API and in the citizen's
 * pre-check.
 */
import { z } from 'zod';

export type FactValue = string | number | boolean | null | readonly string[];
export type Facts = Readonly<Record<string, FactValue>>;

export const COMPARISON_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'includes'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export type Predicate =
  | { fact: string; op: ComparisonOp; value: FactValue }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate };

const factValueSchema: z.ZodType<FactValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
]);

export const predicateSchema: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    z.strictObject({ fact: z.string().min(1).max(80), op: z.enum(COMPARISON_OPS), value: factValueSchema }),
    z.strictObject({ all: z.array(predicateSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(predicateSchema).min(1).max(20) }),
    z.strictObject({ not: predicateSchema }),
  ]),
);

/** Every fact name a predicate reads (to check a definition only uses facts the platform knows). */
export function factsOf(p: Predicate): string[] {
  if ('fact' in p) return [p.fact];
  if ('all' in p) return p.all.flatMap(factsOf);
  if ('any' in p) return p.any.flatMap(factsOf);
  return factsOf(p.not);
}

function compare(actual: FactValue | undefined, op: ComparisonOp, expected: FactValue): boolean {
  if (actual === undefined) return false;
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      if (op === 'lt') return actual < expected;
      if (op === 'lte') return actual <= expected;
      if (op === 'gt') return actual > expected;
      return actual >= expected;
    }
    case 'in':
      return Array.isArray(expected) && typeof actual === 'string' && expected.includes(actual);
    case 'notIn':
      return Array.isArray(expected) && typeof actual === 'string' && !expected.includes(actual);
    case 'includes':
      return Array.isArray(actual) && typeof expected === 'string' && actual.includes(expected);
  }
}

/** A missing fact makes its comparison false (so `not` of it true): rules should test `*.exists` first. */
export function evaluatePredicate(p: Predicate, facts: Facts): boolean {
  if ('fact' in p) return compare(facts[p.fact], p.op, p.value);
  if ('all' in p) return p.all.every((q) => evaluatePredicate(q, facts));
  if ('any' in p) return p.any.some((q) => evaluatePredicate(q, facts));
  return !evaluatePredicate(p.not, facts);
}
