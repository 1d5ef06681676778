/**
 * Periodic safety inspection (R7) and the insurance gate of the inspection label (R8).
 * Baseline: 道路交通安全法实施条例 第十六条 (2004-05-01). Exemption for non-operating small/micro passenger
 * cars (vans excluded): 2014-09-01 (≤ 6 seats), 2020-11-20 (≤ 9 seats), reformed 2022-10-01.
 * Inspection validity is month-based (检验有效期至 YYYY年MM月): a due date here is the last day of the
 * month in which the registration anniversary falls.
 */
import { addMonths, compareDates, daysBetween, endOfMonth, startOfMonth } from './dates.ts';
import { ruleAt, SINCE_UNKNOWN, type Versioned } from './rule-set.ts';
import type { UseType, VehicleType } from './vehicle.ts';

export type InspectionAction = 'label-online' | 'on-site';
export type InspectionCategory =
  | 'exempt-private-car'
  | 'private-small-car'
  | 'operating-passenger'
  | 'large-or-truck'
  | 'motorcycle'
  | 'other';

/** Due points every `everyMonths` months after the previous band, up to `untilMonth` months of age
 * (inclusive; absent = for ever). Points listed in `onSiteAtMonths` are on-site whatever `action` says. */
export interface InspectionBand {
  untilMonth?: number;
  everyMonths: number;
  action: InspectionAction;
  onSiteAtMonths?: readonly number[];
}

export interface InspectionRules {
  /** Null before the exemption existed. */
  exemptScope: { vehicleTypes: readonly VehicleType[]; maxSeats: number } | null;
  schedules: Readonly<Record<InspectionCategory, readonly InspectionBand[]>>;
}

const ON_SITE = 'on-site' as const;
const BASELINE: Omit<InspectionRules['schedules'], 'exempt-private-car'> = {
  'private-small-car': [
    { untilMonth: 72, everyMonths: 24, action: ON_SITE },
    { untilMonth: 180, everyMonths: 12, action: ON_SITE },
    { everyMonths: 6, action: ON_SITE },
  ],
  'operating-passenger': [
    { untilMonth: 60, everyMonths: 12, action: ON_SITE },
    { everyMonths: 6, action: ON_SITE },
  ],
  'large-or-truck': [
    { untilMonth: 120, everyMonths: 12, action: ON_SITE },
    { everyMonths: 6, action: ON_SITE },
  ],
  motorcycle: [
    { untilMonth: 48, everyMonths: 24, action: ON_SITE },
    { everyMonths: 12, action: ON_SITE },
  ],
  other: [{ everyMonths: 12, action: ON_SITE }],
};
const EXEMPT_2014: readonly InspectionBand[] = [
  { untilMonth: 72, everyMonths: 24, action: 'label-online', onSiteAtMonths: [72] },
  { untilMonth: 180, everyMonths: 12, action: ON_SITE },
  { everyMonths: 6, action: ON_SITE },
];
const EXEMPT_2022: readonly InspectionBand[] = [
  { untilMonth: 120, everyMonths: 24, action: 'label-online', onSiteAtMonths: [72, 120] },
  { untilMonth: 180, everyMonths: 12, action: ON_SITE },
  { everyMonths: 6, action: ON_SITE },
];
const SMALL_CARS: readonly VehicleType[] = ['small-passenger', 'micro-passenger'];
const ART16 = '道路交通安全法实施条例 第十六条 (baseline)';

export const INSPECTION_RULES: readonly Versioned<InspectionRules>[] = [
  {
    effectiveFrom: '2004-05-01',
    effectiveTo: '2014-08-31',
    source: { title: ART16, reliability: 'secondary' },
    value: {
      exemptScope: null,
      schedules: { ...BASELINE, 'exempt-private-car': BASELINE['private-small-car'] },
    },
  },
  {
    effectiveFrom: '2014-09-01',
    effectiveTo: '2020-11-19',
    source: {
      title: `公安部 质检总局《关于加强和改进机动车检验工作的意见》(6年免检, ≤6座); ${ART16}`,
      url: 'http://ecns.cn/business/2014/05-17/114471.shtml',
      reliability: 'secondary',
    },
    value: {
      exemptScope: { vehicleTypes: SMALL_CARS, maxSeats: 6 },
      schedules: { ...BASELINE, 'exempt-private-car': EXEMPT_2014 },
    },
  },
  {
    effectiveFrom: '2020-11-20',
    effectiveTo: '2022-09-30',
    source: {
      title: `公安交管12项改革新措施 (7–9座纳入免检); ${ART16}`,
      url: 'https://ibmwl.com/ministry-of-public-security-7-9-non-operating-minibuses-within-6-years-will-be-exempted-from-inspection/',
      reliability: 'secondary',
    },
    value: {
      exemptScope: { vehicleTypes: SMALL_CARS, maxSeats: 9 },
      schedules: { ...BASELINE, 'exempt-private-car': EXEMPT_2014 },
    },
  },
  {
    effectiveFrom: '2022-10-01',
    source: {
      title: `《关于深化机动车检验制度改革优化车检服务工作的意见》(10年内2次上线); ${ART16}`,
      url: 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk10/202209/t20220920_994430.html',
      reliability: 'secondary',
    },
    value: {
      exemptScope: { vehicleTypes: SMALL_CARS, maxSeats: 9 },
      schedules: { ...BASELINE, 'exempt-private-car': EXEMPT_2022 },
    },
  },
];

export interface InspectionVehicle {
  registrationDate: string;
  useType: UseType;
  vehicleType: VehicleType;
  seats: number;
  /** Excluded from the exemption although in scope: injury accident, illegal modification penalty,
   * converted from operating use, registered long after manufacture… (list unverified). */
  exemptionExcluded?: boolean;
}

const PASSENGER: readonly VehicleType[] = [
  'small-passenger',
  'micro-passenger',
  'van',
  'medium-passenger',
  'large-passenger',
];

export function inspectionCategory(vehicle: InspectionVehicle, rules: InspectionRules): InspectionCategory {
  const { vehicleType, useType } = vehicle;
  if (vehicleType === 'truck') return 'large-or-truck';
  if (vehicleType === 'motorcycle') return 'motorcycle';
  if (!PASSENGER.includes(vehicleType)) return 'other';
  if (useType === 'operating') return 'operating-passenger';
  if (vehicleType === 'medium-passenger' || vehicleType === 'large-passenger') return 'large-or-truck';
  const scope = rules.exemptScope;
  const exempt =
    scope !== null &&
    !vehicle.exemptionExcluded &&
    scope.vehicleTypes.includes(vehicleType) &&
    vehicle.seats <= scope.maxSeats;
  return exempt ? 'exempt-private-car' : 'private-small-car';
}

/** Due points (months of age) with their action, in order, up to `maxMonths` (inclusive). */
export function* inspectionDuePoints(
  bands: readonly InspectionBand[],
  maxMonths = 1200,
): Generator<{ month: number; action: InspectionAction }> {
  let month = 0;
  for (const band of bands) {
    while (month + band.everyMonths <= Math.min(band.untilMonth ?? maxMonths, maxMonths)) {
      month += band.everyMonths;
      yield { month, action: band.onSiteAtMonths?.includes(month) ? ON_SITE : band.action };
    }
  }
}

/** The next due inspection on or after `onDate` by the schedule in force on `onDate` (history-blind: a
 * missed inspection does not move it; use inspectionStatus with the recorded validity for that). */
export function inspectionDue(
  vehicle: InspectionVehicle,
  onDate: string,
  rules: InspectionRules = ruleAt(INSPECTION_RULES, onDate).value,
): { exempt: boolean; nextDueDate: string; action: InspectionAction; category: InspectionCategory } {
  const category = inspectionCategory(vehicle, rules);
  for (const point of inspectionDuePoints(rules.schedules[category])) {
    const due = endOfMonth(addMonths(vehicle.registrationDate, point.month));
    if (compareDates(due, onDate) >= 0) {
      return { exempt: point.action === 'label-online', nextDueDate: due, action: point.action, category };
    }
  }
  throw new RangeError('vehicle older than the schedule horizon');
}

export interface InspectionWindowRules {
  /** Calendar months in which one may apply: the due month and the ones before it. */
  windowMonths: number;
}
export const INSPECTION_WINDOW_RULES: readonly Versioned<InspectionWindowRules>[] = [
  {
    effectiveFrom: SINCE_UNKNOWN,
    source: {
      title: '检验有效期满前三个月内申请检验 (Beijing Fangshan guidance)',
      url: 'https://www.bjfsh.gov.cn/zsk/bswd/202305/t20230524_40062216.shtml',
      reliability: 'secondary',
    },
    value: { windowMonths: 3 },
  },
];

/** 'overdue' after `validUntil`; 'window-open' from the first day of the month two months before the
 * month of `validUntil`; otherwise 'valid'. */
export function inspectionStatus(
  validUntil: string,
  today: string,
  rules: InspectionWindowRules = ruleAt(INSPECTION_WINDOW_RULES, today).value,
): 'valid' | 'window-open' | 'overdue' {
  if (compareDates(today, validUntil) > 0) return 'overdue';
  const opens = startOfMonth(addMonths(startOfMonth(validUntil), -(rules.windowMonths - 1)));
  return compareDates(today, opens) >= 0 ? 'window-open' : 'valid';
}

export interface InsuranceRules {
  expiringWithinDays: number;
}
export const INSURANCE_RULES: readonly Versioned<InsuranceRules>[] = [
  {
    effectiveFrom: SINCE_UNKNOWN,
    source: {
      title: 'Product setting: warn 30 days before 交强险 ends (not a legal rule)',
      reliability: 'unverified',
    },
    value: { expiringWithinDays: 30 },
  },
];

/** The policy covers through `insuranceUntil` inclusive. */
export function insuranceStatus(
  insuranceUntil: string,
  today: string,
  rules: InsuranceRules = ruleAt(INSURANCE_RULES, today).value,
): 'valid' | 'expiring' | 'expired' {
  if (compareDates(today, insuranceUntil) > 0) return 'expired';
  return daysBetween(today, insuranceUntil) <= rules.expiringWithinDays ? 'expiring' : 'valid';
}
