/**
 * Driving-licence classes (准驾车型): the 17 codes in force since 2022, the classes each one also permits
 * (《机动车驾驶证申领和使用规定》附件1, as summarised by secondary sources — verify the matrix against the
 * annex), and the age limits of 公安部令第172号 (in force 2025-01-01).
 */
import { z } from 'zod';
import { ageOn, todayInShanghai } from './dates.ts';
import { type LegalSource, ruleAt, type Versioned } from './rule-set.ts';

export const LICENCE_CLASS_CODES = [
  'A1',
  'A2',
  'A3',
  'B1',
  'B2',
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'D',
  'E',
  'F',
  'M',
  'N',
  'P',
] as const;
export const licenceClassSchema = z.enum(LICENCE_CLASS_CODES);
export type LicenceClass = z.infer<typeof licenceClassSchema>;

export interface LicenceClassInfo {
  code: LicenceClass;
  nameZh: string;
  nameEn: string;
  /** Directly implied classes as listed in the annex (not closed transitively). */
  alsoPermits: readonly LicenceClass[];
}

export const LICENCE_CLASS_SOURCE: LegalSource = {
  title: '《机动车驾驶证申领和使用规定》附件1 准驾车型及代号 (matrix per secondary sources)',
  url: 'http://m.zhiyoubaobao.com/ask/1436019.html',
  reliability: 'secondary',
};

export const LICENCE_CLASSES: readonly LicenceClassInfo[] = [
  {
    code: 'A1',
    nameZh: '大型客车',
    nameEn: 'Large bus',
    alsoPermits: ['A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'M'],
  },
  {
    code: 'A2',
    nameZh: '重型牵引挂车',
    nameEn: 'Heavy tractor-trailer',
    alsoPermits: ['B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C6', 'M'],
  },
  { code: 'A3', nameZh: '城市公交车', nameEn: 'City bus', alsoPermits: ['C1', 'C2', 'C3', 'C4'] },
  { code: 'B1', nameZh: '中型客车', nameEn: 'Medium bus', alsoPermits: ['C1', 'C2', 'C3', 'C4', 'M'] },
  { code: 'B2', nameZh: '大型货车', nameEn: 'Large truck', alsoPermits: ['C1', 'C2', 'C3', 'C4', 'M'] },
  { code: 'C1', nameZh: '小型汽车', nameEn: 'Small car', alsoPermits: ['C2', 'C3', 'C4'] },
  { code: 'C2', nameZh: '小型自动挡汽车', nameEn: 'Small automatic car', alsoPermits: [] },
  { code: 'C3', nameZh: '低速载货汽车', nameEn: 'Low-speed truck', alsoPermits: ['C4'] },
  { code: 'C4', nameZh: '三轮汽车', nameEn: 'Three-wheeled vehicle', alsoPermits: [] },
  {
    code: 'C5',
    nameZh: '残疾人专用小型自动挡载客汽车',
    nameEn: 'Small automatic car for disabled drivers',
    alsoPermits: [],
  },
  { code: 'C6', nameZh: '轻型牵引挂车', nameEn: 'Light tractor-trailer', alsoPermits: [] },
  { code: 'D', nameZh: '普通三轮摩托车', nameEn: 'Three-wheeled motorcycle', alsoPermits: ['E', 'F'] },
  { code: 'E', nameZh: '普通二轮摩托车', nameEn: 'Two-wheeled motorcycle', alsoPermits: ['F'] },
  { code: 'F', nameZh: '轻便摩托车', nameEn: 'Moped', alsoPermits: [] },
  { code: 'M', nameZh: '轮式专用机械车', nameEn: 'Wheeled special machinery', alsoPermits: [] },
  { code: 'N', nameZh: '无轨电车', nameEn: 'Trolleybus', alsoPermits: [] },
  { code: 'P', nameZh: '有轨电车', nameEn: 'Tram', alsoPermits: [] },
];

const BY_CODE = new Map(LICENCE_CLASSES.map((info) => [info.code, info]));

export function licenceClassInfo(code: LicenceClass): LicenceClassInfo {
  const info = BY_CODE.get(code);
  if (!info) throw new RangeError(`unknown licence class: ${code}`);
  return info;
}

/** The class itself plus everything it permits, transitively, in LICENCE_CLASS_CODES order. */
export function impliedClasses(code: LicenceClass): LicenceClass[] {
  const seen = new Set<LicenceClass>([code]);
  const queue: LicenceClass[] = [code];
  while (queue.length > 0) {
    for (const next of licenceClassInfo(queue.shift()!).alsoPermits) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return LICENCE_CLASS_CODES.filter((c) => seen.has(c));
}

/** Whether a holder of `held` may drive a vehicle of class `wanted`. */
export function permits(held: readonly LicenceClass[], wanted: LicenceClass): boolean {
  return held.some((code) => impliedClasses(code).includes(wanted));
}

export interface AgeLimit {
  minAge: number;
  /** Inclusive upper age; absent = no upper limit. */
  maxAge?: number;
  /** Lower minimum for full-time vocational students of the matching programme (A1/A2). */
  minAgeVocationalStudent?: number;
}

export interface LicenceClassRules {
  ageLimits: Readonly<Record<LicenceClass, AgeLimit>>;
  /** Classes that may be applied for directly; the others only as an upgrade (增驾). */
  initialApplication: readonly LicenceClass[];
}

export const LICENCE_CLASS_RULES: readonly Versioned<LicenceClassRules>[] = [
  {
    effectiveFrom: '2025-01-01',
    source: {
      title:
        '公安部令第172号 修改《机动车驾驶证申领和使用规定》 (ages); initial-application list per 赣南日报 2025-02 (secondary)',
      url: 'http://flfgk.zhpt.yjglt.gxzf.gov.cn:5995/falv/71ce8c308fd9ecadbdfb.html',
      reliability: 'official',
    },
    value: {
      ageLimits: {
        A1: { minAge: 22, maxAge: 63, minAgeVocationalStudent: 19 },
        A2: { minAge: 22, maxAge: 63, minAgeVocationalStudent: 19 },
        A3: { minAge: 20, maxAge: 63 },
        B1: { minAge: 20, maxAge: 63 },
        B2: { minAge: 20, maxAge: 63 },
        C1: { minAge: 18 },
        C2: { minAge: 18 },
        C3: { minAge: 18, maxAge: 63 },
        C4: { minAge: 18, maxAge: 63 },
        C5: { minAge: 18 },
        C6: { minAge: 20, maxAge: 70 },
        D: { minAge: 18, maxAge: 70 },
        E: { minAge: 18, maxAge: 70 },
        F: { minAge: 18 },
        M: { minAge: 18, maxAge: 63 },
        N: { minAge: 20, maxAge: 63 },
        P: { minAge: 20, maxAge: 63 },
      },
      initialApplication: ['A3', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'D', 'E', 'F', 'M', 'N', 'P'],
    },
  },
];

/** Whether someone born on `birthDate` meets the age limits of `code` on `onDate`. */
export function meetsAgeLimit(
  code: LicenceClass,
  birthDate: string,
  onDate: string = todayInShanghai(),
  options: { vocationalStudent?: boolean; rules?: LicenceClassRules } = {},
): boolean {
  const rules = options.rules ?? ruleAt(LICENCE_CLASS_RULES, onDate).value;
  const limit = rules.ageLimits[code];
  const age = ageOn(birthDate, onDate);
  const min = options.vocationalStudent ? (limit.minAgeVocationalStudent ?? limit.minAge) : limit.minAge;
  return age >= min && (limit.maxAge === undefined || age <= limit.maxAge);
}
