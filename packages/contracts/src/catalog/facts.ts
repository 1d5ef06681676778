/**
 * The facts eligibility rules read, and `deriveFacts`, which turns a SubjectSnapshot into them. Pure: every
 * legal computation is delegated to the registry rule functions (renewal window, scoring cycle, point
 * reduction allowance, inspection schedule and window, insurance cover, age limits).
 *
 * Conventions: a fact whose subject is absent is `null` (numbers, strings) or `false` (booleans), never
 * missing, so `not`/`neq` behave predictably. Form answers are exposed as `form.<key>` (strings).
 */
import { addDays, addMonths, ageOn, compareDates, daysBetween, isIsoDate } from '../registry/dates.ts';
import {
  INSPECTION_RULES,
  inspectionCategory,
  inspectionDue,
  inspectionStatus,
  insuranceStatus,
} from '../registry/inspection.ts';
import { type LicenceClass, meetsAgeLimit, permits } from '../registry/licence-class.ts';
import { isSeventyPlusAnnualCheckDue, renewalStatus } from '../registry/licence-validity.ts';
import {
  isFullScore,
  POINT_REDUCTION_RULES,
  pointReductionAllowance,
  SCORING_RULES,
  scoringCycle,
} from '../registry/points.ts';
import { ruleAt } from '../registry/rule-set.ts';
import { isNewEnergy } from '../registry/vehicle.ts';
import { DATA_SOURCES, type DataSource, type Localized } from './item.ts';
import type { Facts, FactValue } from './predicate.ts';
import type { SnapshotPartnerRecord, SubjectSnapshot } from './snapshot.ts';
import { isFinalState } from './workflow.ts';

export type FactType = 'boolean' | 'number' | 'string' | 'string[]';
export interface FactDefinition {
  name: string;
  type: FactType;
  label: Localized;
}

/** Item codes whose earlier cases feed facts (point reduction used this cycle, plate selections). */
export const POINT_REDUCTION_ITEM = 'POINT-REDUCE';
export const PLATE_SELECTION_ITEM = 'PLATE-SELECT';
/** Small-car classes of the 70+ yearly certificate (R3) and the A/B classes with an upper age of 63 (R1). */
export const SMALL_CAR_CLASSES: readonly LicenceClass[] = ['C1', 'C2', 'C5'];
export const LARGE_CLASSES: readonly LicenceClass[] = ['A1', 'A2', 'A3', 'B1', 'B2'];
/** Licence statuses under which no licence business except handling the measure itself is possible. */
export const BLOCKING_LICENCE_STATUSES = ['seized', 'suspended', 'revoked'] as const;
/** Form answers are facts named `form.<key>`. */
export const FORM_FACT_PREFIX = 'form.';

const fact = (name: string, type: FactType, zh: string, en: string): FactDefinition => ({
  name,
  type,
  label: { zh, en },
});
const DATA_LABELS: Readonly<Record<DataSource, Localized>> = {
  registry: { zh: '本平台登记数据', en: 'Platform registry record' },
  'hospital-medical': { zh: '医院体检结果（有效）', en: 'Current hospital medical result' },
  'insurer-policy': { zh: '保险公司交强险记录（覆盖今日）', en: 'Insurer compulsory policy covering today' },
  'inspection-result': { zh: '检验机构检验合格记录（有效）', en: 'Current passed inspection-station result' },
  'tax-payment': { zh: '本年度车船税已缴或免征', en: 'Vehicle tax paid or exempt this year' },
  'dealer-sale': { zh: '经销商销售记录（本车VIN）', en: 'Dealer sale record for this VIN' },
  'study-exam': { zh: '本记分周期学法考试合格记录', en: 'Passed study exam in the current cycle' },
};

// biome-ignore format: one fact per line reads as a table
export const FACTS: readonly FactDefinition[] = [
  fact('applicant.exists', 'boolean', '申请人已登记', 'Applicant is on record'),
  fact('applicant.age', 'number', '申请人年龄（周岁）', 'Applicant age (completed years)'),
  fact('applicant.realNameLevel', 'string', '实名等级 phone/id/face', 'Real-name level phone/id/face'),
  fact('case.channel', 'string', '申请渠道', 'Application channel'),
  fact('case.openSameItem', 'boolean', '同一事项有未办结申请', 'An open case of the same item exists'),
  fact('licence.exists', 'boolean', '持有驾驶证', 'Holds a driving licence'),
  fact('licence.status', 'string', '驾驶证状态', 'Licence status'),
  fact('licence.renewalState', 'string', '换证状态（有效/换证期/逾期…）', 'Renewal state (valid/window/expired…)'),
  fact('licence.daysToExpiry', 'number', '距有效期满天数', 'Days until the licence expires'),
  fact('licence.points', 'number', '本周期累积记分', 'Points in the current cycle'),
  fact('licence.classes', 'string[]', '准驾车型', 'Licence classes'),
  fact('licence.hasSmallCarClass', 'boolean', '准驾小型汽车（C1/C2/C5）', 'May drive small cars (C1/C2/C5)'),
  fact('licence.hasLargeClass', 'boolean', '持有大中型车型（A/B）', 'Holds a large class (A/B)'),
  fact('licence.overAgeLimit', 'boolean', '超过某准驾车型年龄上限', 'Over the age limit of a held class'),
  fact('licence.seniorCheckDue', 'boolean', '70周岁以上年度体检提交期内', '70+ yearly medical certificate due now'),
  fact('licence.fullScore', 'boolean', '本周期记满12分', 'Full score (12) in the current cycle'),
  fact('licence.theoryTestPassed', 'boolean', '逾期后科目一考试合格', 'Theory test passed since expiry'),
  fact('medical.latestResult', 'string', '最近有效体检结论 pass/fail', 'Latest current medical result'),
  fact('points.reducedThisCycle', 'number', '本周期已学法减分', 'Points already reduced this cycle'),
  fact('points.allowanceLeft', 'number', '本周期还可减分', 'Points that may still be reduced'),
  fact('points.seriousOffenceRecent', 'boolean', '近三个周期有12分严重违法（近似）', '12-point offence in the last 3 cycles (approx.)'),
  fact('points.examPointsEarned', 'number', '最近学法考试可减分值', 'Points earned by the latest passed exam'),
  fact('vehicle.exists', 'boolean', '车辆已登记', 'Vehicle is registered'),
  fact('vehicle.status', 'string', '机动车状态', 'Vehicle status'),
  fact('vehicle.ownedByApplicant', 'boolean', '申请人是所有人', 'Applicant is the registered owner'),
  fact('vehicle.ageMonths', 'number', '注册登记以来月数', 'Months since registration'),
  fact('vehicle.isNev', 'boolean', '新能源汽车', 'New-energy vehicle'),
  fact('vehicle.inspectionCategory', 'string', '检验类别', 'Inspection category'),
  fact('vehicle.nextInspectionAction', 'string', '下次检验方式 label-online/on-site', 'Next inspection: label-online/on-site'),
  fact('vehicle.inspectionStatus', 'string', '检验状态 valid/window-open/overdue', 'Inspection status'),
  fact('vehicle.inspectionWindowOpen', 'boolean', '可申请检验（期满前3个月内或已逾期）', 'May apply for inspection (window or overdue)'),
  fact('vehicle.insuranceOnRegistry', 'boolean', '登记数据显示交强险有效', 'Registry shows compulsory insurance'),
  fact('vehicle.insuranceValid', 'boolean', '交强险覆盖今日', 'Compulsory insurance covers today'),
  fact('vehicle.taxPaid', 'boolean', '本年度车船税已缴或免征', 'Vehicle tax paid or exempt this year'),
  fact('vehicle.openViolations', 'number', '未处理违法数', 'Open violations of the vehicle'),
  fact('inspection.latestResult', 'string', '最近有效检验结论 pass/fail', 'Latest current inspection result'),
  fact('violation.exists', 'boolean', '违法记录存在', 'The violation is on record'),
  fact('violation.status', 'string', '违法处理状态', 'Violation status'),
  fact('violation.points', 'number', '违法记分', 'Points of the violation'),
  fact('violation.applicantIsDriver', 'boolean', '申请人是当事驾驶人', 'Applicant is the recorded driver'),
  fact('violation.wouldReachFullScore', 'boolean', '处理后将满12分', 'Handling it would reach 12 points'),
  fact('sale.exists', 'boolean', '有本VIN的销售记录', 'A dealer sale record exists for the VIN'),
  fact('transfer.daysSinceDelivery', 'number', '车辆交付以来天数', 'Days since the vehicle was delivered'),
  fact('plate.selectionsThisYear', 'number', '近12个月选号次数', 'Plate selections in the last 12 months'),
  ...DATA_SOURCES.map((source) => ({ name: `data.${source}`, type: 'boolean' as const, label: DATA_LABELS[source] })),
];

const FACT_NAMES = new Set(FACTS.map((f) => f.name));

/** Whether a predicate may read this fact: a catalogued name, or `form.<key>`. */
export function isKnownFact(name: string): boolean {
  return FACT_NAMES.has(name) || /^form\.[a-zA-Z][a-zA-Z0-9]*$/.test(name);
}

/* ---------- partner records ---------- */

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const date = (v: unknown): string | null => (typeof v === 'string' && isIsoDate(v) ? v : null);
const within = (today: string, from: string | null, until: string | null): boolean =>
  (from === null || compareDates(from, today) <= 0) && (until === null || compareDates(today, until) <= 0);

/** The newest record (receivedAt, then list order) of a source and kind that satisfies `keep`. */
function newest(
  records: readonly SnapshotPartnerRecord[],
  source: SnapshotPartnerRecord['source'],
  kind: string,
  keep: (r: SnapshotPartnerRecord) => boolean = () => true,
): SnapshotPartnerRecord | undefined {
  return records
    .filter((r) => r.source === source && r.kind === kind && keep(r))
    .reduce<SnapshotPartnerRecord | undefined>(
      (best, r) => (!best || r.receivedAt > best.receivedAt ? r : best),
      undefined,
    );
}

/** A result (medical, inspection) that is still within its validity; `validUntil` falls back to the result
 * date + `months` when the partner sent none. */
function currentResult(s: SubjectSnapshot, source: 'hospital-medical' | 'inspection-result', kind: string) {
  const [dateKey, months] = source === 'hospital-medical' ? ['examDate', 6] : ['inspectedOn', 3];
  const record = newest(s.partnerRecords, source, kind, (r) => {
    const on = date(r.payload[dateKey]);
    const until = date(r.validUntil) ?? (on ? addMonths(on, months) : null);
    return until !== null && within(s.today, date(r.validFrom) ?? on, until);
  });
  const result = str(record?.payload.result);
  return result === 'pass' || result === 'fail' ? result : null;
}

function insurerCovers(s: SubjectSnapshot): boolean {
  return s.partnerRecords.some((r) => {
    if (r.source !== 'insurer-policy' || r.kind !== 'compulsory-insurance') return false;
    const from = date(r.validFrom) ?? date(r.payload.startDate);
    const until = date(r.validUntil) ?? date(r.payload.endDate);
    return from !== null && until !== null && within(s.today, from, until);
  });
}

function taxPaidThisYear(s: SubjectSnapshot): boolean {
  const year = Number(s.today.slice(0, 4));
  return s.partnerRecords.some(
    (r) =>
      r.source === 'tax-payment' &&
      r.kind === 'vehicle-tax' &&
      Number(r.payload.taxYear) === year &&
      (r.payload.status === 'paid' || r.payload.status === 'exempt'),
  );
}

/**
 * A dealer sale record for the VIN the application is about: the form's `vin`, else the subject vehicle's
 * (the server puts a new vehicle's VIN into the form). No VIN, no sale. The server only loads sale
 * records whose buyer is the applicant.
 */
function saleFor(s: SubjectSnapshot): boolean {
  const vin = (s.form.vin ?? s.vehicle?.vin ?? '').trim().toUpperCase();
  return s.partnerRecords.some(
    (r) =>
      r.source === 'dealer-sale' &&
      r.kind === 'sale' &&
      vin !== '' &&
      typeof r.payload.vin === 'string' &&
      r.payload.vin.trim().toUpperCase() === vin,
  );
}

/* ---------- helpers over the registry rules ---------- */

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function monthsBetween(from: string, to: string): number {
  let months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  if (months > 0 && compareDates(addMonths(from, months), to) > 0) months -= 1;
  return Math.max(0, months);
}

function vehicleFacts(s: SubjectSnapshot): Record<string, FactValue> {
  const v = s.vehicle;
  const insurer = insurerCovers(s);
  const taxPaid = taxPaidThisYear(s);
  if (!v) {
    return {
      'vehicle.exists': false,
      'vehicle.status': null,
      'vehicle.ownedByApplicant': false,
      'vehicle.ageMonths': null,
      'vehicle.isNev': false,
      'vehicle.inspectionCategory': null,
      'vehicle.nextInspectionAction': null,
      'vehicle.inspectionStatus': null,
      'vehicle.inspectionWindowOpen': false,
      'vehicle.insuranceOnRegistry': false,
      'vehicle.insuranceValid': insurer,
      'vehicle.taxPaid': taxPaid,
      'vehicle.openViolations': s.vehicleOpenViolations,
    };
  }
  const rules = safe(() => ruleAt(INSPECTION_RULES, s.today).value, null);
  const dueToday = rules ? safe(() => inspectionDue(v, s.today, rules), null) : null;
  const validUntil = v.inspectionValidUntil ?? dueToday?.nextDueDate ?? null;
  const dueAtValidity =
    rules && v.inspectionValidUntil
      ? safe(() => inspectionDue(v, v.inspectionValidUntil!, rules), null)
      : dueToday;
  const status = validUntil ? safe(() => inspectionStatus(validUntil, s.today), null) : null;
  const onRegistry = v.insuranceUntil !== null && insuranceStatus(v.insuranceUntil, s.today) !== 'expired';
  return {
    'vehicle.exists': true,
    'vehicle.status': v.status,
    'vehicle.ownedByApplicant': v.ownedByApplicant,
    'vehicle.ageMonths': monthsBetween(v.registrationDate, s.today),
    'vehicle.isNev': isNewEnergy(v.energyType),
    'vehicle.inspectionCategory': rules ? inspectionCategory(v, rules) : null,
    'vehicle.nextInspectionAction': dueAtValidity?.action ?? null,
    'vehicle.inspectionStatus': status,
    'vehicle.inspectionWindowOpen': status === 'window-open' || status === 'overdue',
    'vehicle.insuranceOnRegistry': onRegistry,
    'vehicle.insuranceValid': onRegistry || insurer,
    'vehicle.taxPaid': taxPaid,
    'vehicle.openViolations': s.vehicleOpenViolations,
  };
}

function licenceFacts(s: SubjectSnapshot): Record<string, FactValue> {
  const l = s.licence;
  const scoring = safe(() => ruleAt(SCORING_RULES, s.today).value, null);
  const birth = s.applicant?.birthDate ?? null;
  if (!l) {
    return {
      'licence.exists': false,
      'licence.status': null,
      'licence.renewalState': null,
      'licence.daysToExpiry': null,
      'licence.points': null,
      'licence.classes': [],
      'licence.hasSmallCarClass': false,
      'licence.hasLargeClass': false,
      'licence.overAgeLimit': false,
      'licence.seniorCheckDue': false,
      'licence.fullScore': false,
      'licence.theoryTestPassed': false,
      'points.reducedThisCycle': 0,
      'points.allowanceLeft': 0,
      'points.seriousOffenceRecent': false,
      'points.examPointsEarned': 0,
      'data.study-exam': false,
    };
  }
  const renewal = renewalStatus(l.validUntil, s.today);
  const cycle = safe(() => scoringCycle(l.firstIssueDate, s.today), null);
  const inCycle = (d: string | null): boolean =>
    d !== null && cycle !== null && within(d, cycle.start, cycle.end);
  const smallCar = SMALL_CAR_CLASSES.some((c) => permits(l.classes, c));
  const previousCycleEnd = cycle ? addDays(cycle.start, -1) : null;
  const seniorDue =
    smallCar &&
    birth !== null &&
    previousCycleEnd !== null &&
    compareDates(previousCycleEnd, l.firstIssueDate) >= 0 &&
    safe(() => isSeventyPlusAnnualCheckDue(birth, previousCycleEnd, s.today), false);
  const reduced = s.priorCases
    .filter((c) => c.itemCode === POINT_REDUCTION_ITEM && c.state === 'completed' && inCycle(c.submittedOn))
    .reduce((sum, c) => sum + (c.pointsReduced ?? 0), 0);
  const reduction = safe(() => ruleAt(POINT_REDUCTION_RULES, s.today).value, null);
  const allowance = scoring && reduction ? pointReductionAllowance(l.points, reduced, reduction, scoring) : 0;
  // Approximation of the exclusion list of R5 (drink-driving, hit-and-run, forged plates, 买分卖分… in the
  // last three cycles): any offence carrying the top tier (12 points) since the start of the cycle two
  // before the current one (three years back when the cycle is unknown), whatever its handling status.
  const cycleMonths = scoring?.cycleMonths ?? 12;
  const since = addMonths(cycle?.start ?? s.today, -(cycle ? 2 : 3) * cycleMonths);
  const topTier = scoring?.tiers[0] ?? 12;
  const serious = s.driverViolations.some(
    (v) => v.points >= topTier && compareDates(v.occurredAt.slice(0, 10), since) >= 0,
  );
  const exam = newest(
    s.partnerRecords,
    'study-exam',
    'exam',
    (r) => r.payload.passed === true && inCycle(date(r.payload.examDate)),
  );
  const theory =
    l.validUntil !== null &&
    s.partnerRecords.some((r) => {
      const on = date(r.payload.examDate);
      return (
        r.source === 'study-exam' &&
        r.kind === 'theory-test' &&
        r.payload.passed === true &&
        on !== null &&
        compareDates(on, l.validUntil!) > 0
      );
    });
  return {
    'licence.exists': true,
    'licence.status': l.status,
    'licence.renewalState': renewal.state,
    'licence.daysToExpiry': renewal.daysToExpiry ?? null,
    'licence.points': l.points,
    'licence.classes': [...l.classes],
    'licence.hasSmallCarClass': smallCar,
    'licence.hasLargeClass': l.classes.some((c) => LARGE_CLASSES.includes(c)),
    'licence.overAgeLimit':
      birth !== null && l.classes.some((c) => !safe(() => meetsAgeLimit(c, birth, s.today), true)),
    'licence.seniorCheckDue': seniorDue,
    'licence.fullScore': scoring ? isFullScore(l.points, scoring) : l.points >= 12,
    'licence.theoryTestPassed': theory,
    'points.reducedThisCycle': reduced,
    'points.allowanceLeft': allowance,
    'points.seriousOffenceRecent': serious,
    'points.examPointsEarned': Number(exam?.payload.pointsEarned ?? 0) || 0,
    'data.study-exam': exam !== undefined,
  };
}

/**
 * The facts of one application. `itemCode` is the item applied for (for `case.openSameItem`); without it
 * that fact is false.
 */
export function deriveFacts(s: SubjectSnapshot, itemCode?: string): Facts {
  const a = s.applicant;
  const medical = currentResult(s, 'hospital-medical', 'medical-result');
  const inspection = currentResult(s, 'inspection-result', 'inspection-result');
  const licence = licenceFacts(s);
  const v = s.violation;
  const sale = saleFor(s);
  const transferDate = s.form.transferDate;
  const yearAgo = addDays(s.today, -365);
  const facts: Record<string, FactValue> = {
    'applicant.exists': a !== null,
    'applicant.age': a ? ageOn(a.birthDate, s.today) : null,
    'applicant.realNameLevel': a?.realNameLevel ?? null,
    'case.channel': s.channel,
    'case.openSameItem':
      itemCode !== undefined && s.priorCases.some((c) => c.itemCode === itemCode && !isFinalState(c.state)),
    ...licence,
    'medical.latestResult': medical,
    ...vehicleFacts(s),
    'inspection.latestResult': inspection,
    'violation.exists': v !== null,
    'violation.status': v?.status ?? null,
    'violation.points': v?.points ?? null,
    'violation.applicantIsDriver': v !== null && s.driverViolations.some((d) => d.id === v.id),
    'violation.wouldReachFullScore':
      v !== null &&
      s.licence !== null &&
      v.points > 0 &&
      isFullScore(s.licence.points + v.points, ruleAt(SCORING_RULES, s.today).value),
    'sale.exists': sale,
    'transfer.daysSinceDelivery':
      transferDate !== undefined && isIsoDate(transferDate) ? daysBetween(transferDate, s.today) : null,
    'plate.selectionsThisYear': s.priorCases.filter(
      (c) =>
        c.itemCode === PLATE_SELECTION_ITEM &&
        c.state !== 'withdrawn' &&
        c.state !== 'rejected' &&
        compareDates(c.submittedOn, yearAgo) > 0 &&
        compareDates(c.submittedOn, s.today) <= 0,
    ).length,
    'data.registry': true,
    'data.hospital-medical': medical === 'pass',
    'data.insurer-policy': insurerCovers(s),
    'data.inspection-result': inspection === 'pass',
    'data.tax-payment': taxPaidThisYear(s),
    'data.dealer-sale': sale,
  };
  for (const [key, value] of Object.entries(s.form)) facts[`${FORM_FACT_PREFIX}${key}`] = value;
  return facts;
}
