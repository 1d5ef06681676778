/**
 * Driving-licence validity (R2) and the 70+ annual medical certificate (R3).
 * Tiers: first licence 6 years; renewed as 10 years when no scoring cycle reached 12 points, then long-term.
 */
import { addDays, addYears, ageOn, compareDates, daysBetween, todayInShanghai } from './dates.ts';
import { ruleAt, SINCE_UNKNOWN, type Versioned } from './rule-set.ts';

export type ValidityTier = '6y' | '10y' | 'long';

export type RenewalState =
  | 'valid'
  | 'renewal-window'
  | 'expired-renewable'
  | 'expired-needs-theory-test'
  | 'expired-unrecoverable'
  | 'long-term';

export interface RenewalStatus {
  state: RenewalState;
  daysToExpiry?: number;
  daysExpired?: number;
}

export interface LicenceValidityRules {
  /** Years of validity per tier; null = long-term. */
  tierYears: Readonly<Record<ValidityTier, number | null>>;
  /** Renewal may be applied for this many days before expiry (expiry day included). */
  renewalWindowDays: number;
  /** Up to this many years after expiry, a normal renewal is still possible. */
  renewableWithinYears: number;
  /** Up to this many years after expiry, renewal is possible after passing 科目一; after that, never. */
  recoverableWithinYears: number;
}

export const LICENCE_VALIDITY_RULES: readonly Versioned<LicenceValidityRules>[] = [
  {
    // Long-standing rule (6/10/long tiers since the 2004 regulation); exact start of each figure not established.
    effectiveFrom: SINCE_UNKNOWN,
    source: {
      title:
        '《机动车驾驶证申领和使用规定》(now 公安部令第162号 as amended by 第172号) — validity and renewal, per secondary summaries',
      url: 'http://uianet.net/dictionary/b5554685.html',
      reliability: 'secondary',
    },
    value: {
      tierYears: { '6y': 6, '10y': 10, long: null },
      renewalWindowDays: 90,
      renewableWithinYears: 1,
      recoverableWithinYears: 3,
    },
  },
];

const TIER_ORDER: readonly ValidityTier[] = ['6y', '10y', 'long'];

/** The tier a renewal gives: one step up when no scoring cycle of the current term reached 12 points,
 * otherwise the same tier again. */
export function nextValidityTier(current: ValidityTier, hadFullScoreInAnyCycle: boolean): ValidityTier {
  if (hadFullScoreInAnyCycle) return current;
  return TIER_ORDER[Math.min(TIER_ORDER.indexOf(current) + 1, TIER_ORDER.length - 1)]!;
}

/** Last day of validity: the same calendar day `tierYears` later (as printed on the licence); null when
 * long-term. */
export function validUntilFor(
  issueDate: string,
  tier: ValidityTier,
  rules: LicenceValidityRules = ruleAt(LICENCE_VALIDITY_RULES, issueDate).value,
): string | null {
  const years = rules.tierYears[tier];
  return years === null ? null : addYears(issueDate, years);
}

/**
 * Renewal state on `today`. The licence is valid through `validUntil` inclusive. Window: the last
 * `renewalWindowDays` days (daysToExpiry ≤ 90). After expiry: up to and including the 1st anniversary of
 * `validUntil` renewable; up to and including the 3rd anniversary renewable after 科目一; later unrecoverable.
 */
export function renewalStatus(
  validUntil: string | null,
  today: string,
  rules: LicenceValidityRules = ruleAt(LICENCE_VALIDITY_RULES, today).value,
): RenewalStatus {
  if (validUntil === null) return { state: 'long-term' };
  if (compareDates(today, validUntil) <= 0) {
    const daysToExpiry = daysBetween(today, validUntil);
    return { state: daysToExpiry <= rules.renewalWindowDays ? 'renewal-window' : 'valid', daysToExpiry };
  }
  const daysExpired = daysBetween(validUntil, today);
  if (compareDates(today, addYears(validUntil, rules.renewableWithinYears)) <= 0) {
    return { state: 'expired-renewable', daysExpired };
  }
  if (compareDates(today, addYears(validUntil, rules.recoverableWithinYears)) <= 0) {
    return { state: 'expired-needs-theory-test', daysExpired };
  }
  return { state: 'expired-unrecoverable', daysExpired };
}

export interface SeniorCheckRules {
  /** Age (completed years, on the cycle's last day) from which the yearly certificate is required. */
  minAge: number;
  /** Days after the scoring cycle ends within which the certificate must be submitted. */
  daysAfterCycleEnd: number;
}

export const SENIOR_CHECK_RULES: readonly Versioned<SeniorCheckRules>[] = [
  {
    effectiveFrom: SINCE_UNKNOWN,
    source: {
      title:
        '70周岁以上驾驶人每年记分周期结束后30日内提交身体条件证明 (+三力测试), per secondary sources; start date not established',
      url: 'https://www.pcauto.com.cn/wd/4303602.html',
      reliability: 'secondary',
    },
    value: { minAge: 70, daysAfterCycleEnd: 30 },
  },
];

/**
 * True when the holder is ≥ 70 on the last day of the scoring cycle (`cycleEnd`) and `today` lies in the
 * submission window: the `daysAfterCycleEnd` days after `cycleEnd` (cycleEnd+1 … cycleEnd+30). It does not
 * know the licence class: call it for small-car classes only.
 */
export function isSeventyPlusAnnualCheckDue(
  birthDate: string,
  cycleEnd: string,
  today: string = todayInShanghai(),
  rules: SeniorCheckRules = ruleAt(SENIOR_CHECK_RULES, cycleEnd).value,
): boolean {
  if (ageOn(birthDate, cycleEnd) < rules.minAge) return false;
  return (
    compareDates(today, cycleEnd) > 0 && compareDates(today, addDays(cycleEnd, rules.daysAfterCycleEnd)) <= 0
  );
}
