/**
 * The scoring system (记分), 公安部令第163号 in force 2022-04-01: 12-month cycles counted from the first
 * licence date, one-off point values 12/9/6/3/1, full score at 12. Point reduction by study (学法减分) is
 * capped per cycle (R5).
 */
import { addDays, addYears, compareDates, todayInShanghai } from './dates.ts';
import { ruleAt, SINCE_UNKNOWN, type Versioned } from './rule-set.ts';

export interface ScoringRules {
  /** The allowed one-off point values of an offence, highest first (0 = no points, not a tier). */
  tiers: readonly number[];
  /** Accumulated points that make a full score (满分). */
  fullScore: number;
  cycleMonths: number;
}

export const SCORING_RULES: readonly Versioned<ScoringRules>[] = [
  {
    // 令第123号 was in force 2013-01-01 … 2022-03-31; older regulations are assumed to share the 12-month cycle.
    effectiveFrom: SINCE_UNKNOWN,
    effectiveTo: '2022-03-31',
    source: {
      title: '公安部令第123号《机动车驾驶证申领和使用规定》附件 记分分值 (12/6/3/2/1)',
      reliability: 'secondary',
    },
    value: { tiers: [12, 6, 3, 2, 1], fullScore: 12, cycleMonths: 12 },
  },
  {
    effectiveFrom: '2022-04-01',
    source: {
      title: '公安部令第163号《道路交通安全违法行为记分管理办法》',
      url: 'https://www.gov.cn/gongbao/content/2022/content_5679697.htm',
      reliability: 'official',
    },
    value: { tiers: [12, 9, 6, 3, 1], fullScore: 12, cycleMonths: 12 },
  },
];

export interface PointReductionRules {
  /** At most this many points may be removed per cycle. */
  maxPerCycle: number;
  /** Points removed by one online study + exam, one on-site study + exam, one public-welfare activity. */
  onlineStudy: number;
  onSiteStudy: number;
  publicWelfare: number;
}

export const POINT_REDUCTION_RULES: readonly Versioned<PointReductionRules>[] = [
  {
    effectiveFrom: '2022-04-01',
    source: {
      title: '公安部令第163号 第四章 (学法减分); amounts per 12123 guidance as reported by secondary sources',
      url: 'http://m.sh.bendibao.com/zffw/246501.html',
      reliability: 'secondary',
    },
    value: { maxPerCycle: 6, onlineStudy: 1, onSiteStudy: 2, publicWelfare: 1 },
  },
];

function defaultScoring(): ScoringRules {
  return ruleAt(SCORING_RULES, todayInShanghai()).value;
}

/**
 * The scoring cycle containing `today`: cycle k runs from the k-th anniversary of the first issue date to
 * the day before the (k+1)-th (both inclusive). Anniversaries are computed from the anchor each time, so a
 * 02-29 anchor gives 02-28 in common years and 02-29 again in leap years. Throws a RangeError when `today`
 * is before the first issue date.
 */
export function scoringCycle(
  firstIssueDate: string,
  today: string,
  rules: ScoringRules = ruleAt(SCORING_RULES, today).value,
): { start: string; end: string } {
  if (compareDates(today, firstIssueDate) < 0) throw new RangeError('today is before the first issue date');
  const years = rules.cycleMonths / 12;
  let k = Math.floor((Number(today.slice(0, 4)) - Number(firstIssueDate.slice(0, 4))) / years);
  while (k > 0 && compareDates(addYears(firstIssueDate, k * years), today) > 0) k -= 1;
  while (compareDates(addYears(firstIssueDate, (k + 1) * years), today) <= 0) k += 1;
  return {
    start: addYears(firstIssueDate, k * years),
    end: addDays(addYears(firstIssueDate, (k + 1) * years), -1),
  };
}

/** Whether accumulated points in a cycle reach the full score (≥ 12). */
export function isFullScore(points: number, rules: ScoringRules = defaultScoring()): boolean {
  return points >= rules.fullScore;
}

/** Whether `points` is a legal one-off value (one of the tiers, or 0). */
export function isPointTier(points: number, rules: ScoringRules = defaultScoring()): boolean {
  return points === 0 || rules.tiers.includes(points);
}

/**
 * How many more points may still be removed by study in the current cycle: nothing once the cycle has
 * reached the full score; otherwise the smaller of the remaining cap and the points currently recorded
 * (reduction cannot be stored in advance). Other ineligibility (two full scores, drink-driving in the last
 * three cycles…) is the caller's to check.
 */
export function pointReductionAllowance(
  currentPoints: number,
  alreadyReducedThisCycle: number,
  rules: PointReductionRules = ruleAt(POINT_REDUCTION_RULES, todayInShanghai()).value,
  scoring: ScoringRules = defaultScoring(),
): number {
  if (currentPoints >= scoring.fullScore) return 0;
  return Math.max(0, Math.min(rules.maxPerCycle - alreadyReducedThisCycle, currentPoints));
}
