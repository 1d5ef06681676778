/**
 * Motor-vehicle plate numbers (号牌号码), GA 36 family. Formats are versioned data: province abbreviation
 * (1 CJK) + issuing-authority letter + serial. Letters I and O are used neither as issuing letter nor in
 * the serial. Special plates (警/学/挂/港/澳/领/使 suffixes, police, military) are not modelled.
 */
import { todayInShanghai } from './dates.ts';
import { ruleAt, SINCE_UNKNOWN, type Versioned } from './rule-set.ts';

export type PlateKind = 'regular' | 'nev-small' | 'nev-large';

export interface PlateFormat {
  kind: PlateKind;
  /** Total length in characters, province character included. */
  length: number;
  /** Regular-expression source (no anchors) of the serial after the issuing letter. */
  serialPattern: string;
  descriptionZh: string;
  descriptionEn: string;
}

export interface PlateRules {
  provinces: readonly string[];
  /** Regular-expression source of the issuing-authority letter. */
  issuerPattern: string;
  formats: readonly PlateFormat[];
}

/** The 31 mainland province-level abbreviations used on plates. */
export const PROVINCE_ABBREVIATIONS = [
  '京',
  '津',
  '沪',
  '渝',
  '冀',
  '豫',
  '云',
  '辽',
  '黑',
  '湘',
  '皖',
  '鲁',
  '新',
  '苏',
  '浙',
  '赣',
  '鄂',
  '桂',
  '甘',
  '晋',
  '蒙',
  '陕',
  '吉',
  '闽',
  '贵',
  '粤',
  '青',
  '藏',
  '川',
  '宁',
  '琼',
] as const;

const LETTER_NO_IO = 'A-HJ-NP-Z';

const REGULAR: PlateFormat = {
  kind: 'regular',
  length: 7,
  serialPattern: `[${LETTER_NO_IO}0-9]{5}`,
  descriptionZh: '普通号牌：省份简称+发牌机关代号+5位序号',
  descriptionEn: 'Regular plate: province + issuing letter + 5-character serial',
};
const NEV_SMALL: PlateFormat = {
  kind: 'nev-small',
  length: 8,
  serialPattern: `[DF][${LETTER_NO_IO}0-9][0-9]{4}`,
  descriptionZh: '小型新能源汽车号牌：序号首位D（纯电动）或F（非纯电动），第二位字母或数字，后四位数字',
  descriptionEn:
    'Small NEV plate: serial starts with D (battery-electric) or F (other NEV), then 1 letter/digit, 4 digits',
};
const NEV_LARGE: PlateFormat = {
  kind: 'nev-large',
  length: 8,
  serialPattern: '[0-9]{5}[DF]',
  descriptionZh: '大型新能源汽车号牌：前五位数字，第六位D或F',
  descriptionEn: 'Large NEV plate: 5 digits then D or F',
};

const SOURCE_NOTE = 'GA 36 机动车号牌 (formats per secondary explainers; to confirm against GA 36-2018)';
export const PLATE_RULES: readonly Versioned<PlateRules>[] = [
  {
    effectiveFrom: SINCE_UNKNOWN,
    effectiveTo: '2016-11-30',
    source: { title: SOURCE_NOTE, reliability: 'secondary' },
    value: { provinces: PROVINCE_ABBREVIATIONS, issuerPattern: `[${LETTER_NO_IO}]`, formats: [REGULAR] },
  },
  {
    // NEV plates: pilot in 5 cities from 2016-12-01, all cities from 2017-11-20 (dates per press reports).
    effectiveFrom: '2016-12-01',
    source: {
      title: SOURCE_NOTE,
      url: 'http://che.yuansudz.com/baoyang/6141091.html',
      reliability: 'secondary',
    },
    value: {
      provinces: PROVINCE_ABBREVIATIONS,
      issuerPattern: `[${LETTER_NO_IO}]`,
      formats: [REGULAR, NEV_SMALL, NEV_LARGE],
    },
  },
];

/** Trims, upper-cases, folds full-width ASCII (Ａ１ → A1) and removes whitespace and separator dots (·・•). */
export function normalizePlate(plate: string): string {
  return plate
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00B7\u30FB\u2022\u3000]/g, '')
    .toUpperCase();
}

/** The plate's kind after normalisation, or null when it matches no format in `rules`. */
export function classifyPlate(
  plate: string,
  rules: PlateRules = ruleAt(PLATE_RULES, todayInShanghai()).value,
): PlateKind | null {
  const value = normalizePlate(plate);
  const length = Array.from(value).length;
  const province = `[${rules.provinces.join('')}]`;
  for (const format of rules.formats) {
    if (length !== format.length) continue;
    if (new RegExp(`^${province}${rules.issuerPattern}${format.serialPattern}$`, 'u').test(value)) {
      return format.kind;
    }
  }
  return null;
}

export function isValidPlate(plate: string, rules?: PlateRules): boolean {
  return classifyPlate(plate, rules) !== null;
}
