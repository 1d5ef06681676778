/**
 * The automatic check (自动核验) of an application: every eligibility rule, every material, and whether
 * the case can be approved by rule on the spot (马上办). Pure: the same function runs for the citizen's
 * pre-check, at submission, and again when partner data arrives.
 */
import type { Channel, DataSource, ItemDefinition, Localized, Material } from './item.ts';
import { evaluatePredicate, type Facts } from './predicate.ts';

export interface RuleResult {
  id: string;
  /** False when the rule's `when` did not hold: it does not apply to this application. */
  applicable: boolean;
  passed: boolean;
  severity: 'refuse' | 'review';
  /** What must hold, phrased positively: shown when the rule passed or does not apply. */
  condition: Localized;
  /** Why the rule failed: shown when it did not pass. */
  message: Localized;
  source: { title: string; url?: string };
}

export type MaterialState = 'supplied' | 'awaiting-partner' | 'to-provide' | 'provided' | 'not-needed';

export interface MaterialStatus {
  code: string;
  name: Localized;
  supplier: Material['supplier'];
  state: MaterialState;
}

export interface AutoCheckResult {
  channelAllowed: boolean;
  rules: RuleResult[];
  materials: MaterialStatus[];
  /** No refusing rule failed and the channel is open to this item. */
  eligible: boolean;
  /** Reasons an officer has to look: failed review rules, materials the applicant provides. */
  needsReview: boolean;
  /** Every rule passed and every material came from data: approve by rule now. */
  instant: boolean;
}

/** Fact naming whether a data source holds a current record for this application: `data.<source>`. */
export const dataFact = (source: DataSource): string => `data.${source}`;

/**
 * @param provided codes of materials the applicant has already handed in (window: checked by the officer;
 * online: uploaded). Materials a data source supplies are never asked of the applicant.
 */
export function autoCheck(
  def: ItemDefinition,
  facts: Facts,
  channel: Channel,
  provided: readonly string[] = [],
): AutoCheckResult {
  const rules: RuleResult[] = def.eligibility.map((r) => {
    const applicable = r.when ? evaluatePredicate(r.when, facts) : true;
    return {
      id: r.id,
      applicable,
      passed: applicable ? evaluatePredicate(r.require, facts) : true,
      severity: r.severity,
      condition: r.condition,
      message: r.message,
      source: { title: r.source.title, ...(r.source.url ? { url: r.source.url } : {}) },
    };
  });
  const materials: MaterialStatus[] = def.materials.map((m) => {
    const needed = m.when ? evaluatePredicate(m.when, facts) : true;
    let state: MaterialState;
    if (!needed) state = 'not-needed';
    else if (m.supplier === 'applicant') state = provided.includes(m.code) ? 'provided' : 'to-provide';
    else state = facts[dataFact(m.supplier)] === true ? 'supplied' : 'awaiting-partner';
    return { code: m.code, name: m.name, supplier: m.supplier, state };
  });
  const channelAllowed = def.channels.includes(channel);
  const eligible = channelAllowed && rules.every((r) => r.passed || r.severity !== 'refuse');
  const reviewFailed = rules.some((r) => !r.passed && r.severity === 'review');
  const fromApplicant = materials.some((m) => m.supplier === 'applicant' && m.state !== 'not-needed');
  const awaiting = materials.some((m) => m.state === 'awaiting-partner');
  return {
    channelAllowed,
    rules,
    materials,
    eligible,
    needsReview: reviewFailed || fromApplicant,
    instant: def.instantApproval && eligible && !reviewFailed && !fromApplicant && !awaiting,
  };
}

/** The refusing rules that failed: the reasons shown before any submission. */
export const refusals = (r: AutoCheckResult): RuleResult[] =>
  r.rules.filter((x) => !x.passed && x.severity === 'refuse');
