/**
 * Late-payment surcharge on a fine (加处罚款), R6. Convention (documented, to confirm locally):
 *  - the decision date is day 0; days 1–15 are the grace period (paying on day 15 costs nothing);
 *  - daysLate = calendar days after day 15 (day 16 → 1 day late → 3 %);
 *  - surcharge = floor(fineFen × 3 × daysLate / 100), rounded down once on the total (never per day),
 *    and capped at the fine (行政强制法 第四十五条), so 34+ days late → exactly the fine;
 *  - optionally, when day 15 falls on a non-working day the deadline moves to the next working day (the
 *    usual rule for legal periods); pass `isNonWorkingDay` to apply it.
 * A `today` before the decision date gives 0 days late.
 */
import { addDays, daysBetween } from './dates.ts';
import { ruleAt, type Versioned } from './rule-set.ts';

export interface SurchargeRules {
  graceDays: number;
  /** Surcharge per day late, in percent of the fine (integer). */
  dailyPercent: number;
  /** Cap on the total surcharge, in percent of the fine. */
  capPercent: number;
}

export const SURCHARGE_RULES: readonly Versioned<SurchargeRules>[] = [
  {
    // 行政强制法 (cap) in force 2012-01-01; the 3 %/day rate is older (行政处罚法 1996 第五十一条).
    effectiveFrom: '2012-01-01',
    source: {
      title:
        '行政处罚法 第七十二条 (2021; 1996 text 第五十一条), 道路交通安全法 第一百零九条, 行政强制法 第四十五条',
      url: 'http://jingyanzongjie.com/a/08/0QE22KR024.html',
      reliability: 'secondary',
    },
    value: { graceDays: 15, dailyPercent: 3, capPercent: 100 },
  },
];

export interface SurchargeOptions {
  rules?: SurchargeRules;
  /** When given and the last grace day is a non-working day, the deadline moves to the next working day. */
  isNonWorkingDay?: (isoDate: string) => boolean;
}

function assertFen(fineFen: number): void {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0)
    throw new RangeError('fineFen must be a non-negative integer');
}

/** Last day on which the fine can be paid without surcharge. */
export function paymentDeadline(decisionDate: string, options: SurchargeOptions = {}): string {
  const rules = options.rules ?? ruleAt(SURCHARGE_RULES, decisionDate).value;
  let deadline = addDays(decisionDate, rules.graceDays);
  if (options.isNonWorkingDay) {
    for (let i = 0; i < 60 && options.isNonWorkingDay(deadline); i++) deadline = addDays(deadline, 1);
  }
  return deadline;
}

export function daysLate(decisionDate: string, today: string, options: SurchargeOptions = {}): number {
  return Math.max(0, daysBetween(paymentDeadline(decisionDate, options), today));
}

function surchargeFor(fineFen: number, late: number, rules: SurchargeRules): number {
  const raw = Math.floor((fineFen * rules.dailyPercent * late) / 100);
  return Math.min(raw, Math.floor((fineFen * rules.capPercent) / 100));
}

/** The surcharge in fen as of `today`. */
export function lateSurcharge(
  fineFen: number,
  decisionDate: string,
  today: string,
  rules?: SurchargeRules,
  isNonWorkingDay?: (isoDate: string) => boolean,
): number {
  return amountDue(fineFen, decisionDate, today, { rules, isNonWorkingDay }).surchargeFen;
}

export interface AmountDue {
  fineFen: number;
  surchargeFen: number;
  totalFen: number;
  daysLate: number;
}

export function amountDue(
  fineFen: number,
  decisionDate: string,
  today: string,
  options: SurchargeOptions = {},
): AmountDue {
  assertFen(fineFen);
  const rules = options.rules ?? ruleAt(SURCHARGE_RULES, decisionDate).value;
  const late = daysLate(decisionDate, today, { ...options, rules });
  const surchargeFen = surchargeFor(fineFen, late, rules);
  return { fineFen, surchargeFen, totalFen: fineFen + surchargeFen, daysLate: late };
}
