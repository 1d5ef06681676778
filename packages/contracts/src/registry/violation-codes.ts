/**
 * A starter table of common violation codes (交通违法代码), GA/T 16.x style. HONEST STATUS: the numeric codes
 * (except 1625 闯红灯 and 1039 违停, which are widely quoted) and the fine amounts are representative
 * placeholders — fines are set by each province within the ranges of 道路交通安全法 and must be loaded from
 * the local standard. The POINTS follow 公安部令第163号 (Arts. 8–12 for 12/9/6/3/1 points).
 */
import { type LegalSource, ruleAt, type Versioned } from './rule-set.ts';

export type ViolationCategory =
  | 'signal'
  | 'speeding'
  | 'parking'
  | 'lane'
  | 'behaviour'
  | 'alcohol'
  | 'licence'
  | 'plate'
  | 'equipment'
  | 'load'
  | 'accident'
  | 'inspection'
  | 'fatigue'
  | 'points-trading';

export interface ViolationCode {
  code: string;
  nameZh: string;
  nameEn: string;
  /** One of the scoring tiers (12/9/6/3/1) or 0. */
  points: number;
  /** Representative fine in integer fen; the local standard prevails. */
  fineFen: number;
  category: ViolationCategory;
  /** Statutory fine range in fen and its article of 道路交通安全法, when known. */
  fineRangeFen?: readonly [number, number];
  fineBasis?: string;
  /** Article of 令第163号 that sets the points (absent for 0 points). */
  pointsBasis?: string;
}

export const VIOLATION_POINTS_SOURCE: LegalSource = {
  title: '公安部令第163号《道路交通安全违法行为记分管理办法》',
  url: 'https://www.gov.cn/gongbao/content/2022/content_5679697.htm',
  reliability: 'official',
};

const ART: Record<number, string> = {
  12: '163号令 第八条',
  9: '163号令 第九条',
  6: '163号令 第十条',
  3: '163号令 第十一条',
  1: '163号令 第十二条',
};
const RANGE = {
  art90: { fineRangeFen: [2_000, 20_000], fineBasis: '道路交通安全法 第九十条' },
  art91: { fineRangeFen: [100_000, 200_000], fineBasis: '道路交通安全法 第九十一条' },
  art92: { fineRangeFen: [50_000, 200_000], fineBasis: '道路交通安全法 第九十二条' },
  art96: { fineRangeFen: [200_000, 500_000], fineBasis: '道路交通安全法 第九十六条' },
  art99: { fineRangeFen: [20_000, 200_000], fineBasis: '道路交通安全法 第九十九条' },
  none: {},
} as const satisfies Record<string, Partial<ViolationCode>>;

function v(
  code: string,
  nameZh: string,
  nameEn: string,
  points: number,
  fineYuan: number,
  category: ViolationCategory,
  range: keyof typeof RANGE,
): ViolationCode {
  const basis = points > 0 ? { pointsBasis: ART[points] } : {};
  return { code, nameZh, nameEn, points, fineFen: fineYuan * 100, category, ...RANGE[range], ...basis };
}

// biome-ignore format: one row per code reads better as a table
const CODES_2022: readonly ViolationCode[] = [
  v('1625', '驾驶机动车违反道路交通信号灯通行（闯红灯）', 'Running a red light', 6, 200, 'signal', 'art90'),
  v('1039', '机动车违反规定停放、临时停车，驾驶人不在现场，妨碍其他车辆、行人通行', 'Illegal parking, driver absent', 0, 200, 'parking', 'art90'),
  v('1352', '其他机动车在高速公路、城市快速路以外道路超速10%以上未达20%', 'Speeding 10–20% on an ordinary road (car)', 0, 100, 'speeding', 'art90'),
  v('1636', '其他机动车在高速公路、城市快速路以外道路超速20%以上未达50%', 'Speeding 20–50% on an ordinary road (car)', 3, 200, 'speeding', 'art90'),
  v('1721', '其他机动车在高速公路、城市快速路上超速20%以上未达50%', 'Speeding 20–50% on an expressway (car)', 6, 200, 'speeding', 'art90'),
  v('1722', '其他机动车在高速公路、城市快速路以外道路超速50%以上', 'Speeding 50 %+ on an ordinary road (car)', 6, 1000, 'speeding', 'art99'),
  v('1723', '其他机动车在高速公路、城市快速路上超速50%以上', 'Speeding 50 %+ on an expressway (car)', 12, 2000, 'speeding', 'art99'),
  v('1357', '驾驶机动车行经人行横道不按规定减速、停车、避让行人', 'Failing to yield to pedestrians at a crossing', 3, 200, 'behaviour', 'art90'),
  v('1223', '驾驶机动车有拨打、接听手持电话等妨碍安全驾驶的行为', 'Using a hand-held phone while driving', 3, 200, 'behaviour', 'art90'),
  v('6011', '驾驶人未按规定使用安全带', 'Driver not wearing a seat belt', 1, 50, 'equipment', 'art90'),
  v('6012', '驾驶摩托车不戴安全头盔', 'Riding a motorcycle without a helmet', 1, 50, 'equipment', 'art90'),
  v('1301', '在高速公路、城市快速路以外的道路上逆向行驶', 'Driving against traffic on an ordinary road', 3, 200, 'lane', 'art90'),
  v('1302', '驾驶机动车不按规定超车、让行', 'Illegal overtaking or failing to give way', 3, 200, 'behaviour', 'art90'),
  v('1344', '驾驶机动车违反禁令标志指示', 'Disobeying a prohibition sign', 1, 200, 'signal', 'art90'),
  v('1345', '驾驶机动车违反禁止标线指示', 'Disobeying a prohibition road marking', 1, 200, 'signal', 'art90'),
  v('1042', '不按所需行进方向驶入导向车道', 'Wrong lane at a junction approach', 0, 100, 'lane', 'art90'),
  v('1043', '驾驶机动车不按规定使用灯光', 'Improper use of lights', 1, 100, 'equipment', 'art90'),
  v('1310', '驾驶机动车在高速公路上行驶低于规定最低时速', 'Driving below the minimum speed on a motorway', 3, 200, 'speeding', 'art90'),
  v('1633', '在高速公路或者城市快速路上违法占用应急车道行驶', 'Driving in the emergency lane of an expressway', 6, 200, 'lane', 'art90'),
  v('1702', '驾驶机动车在高速公路或者城市快速路上违法停车', 'Stopping illegally on an expressway', 9, 200, 'parking', 'art90'),
  v('1703', '在高速公路、城市快速路上倒车、逆行、穿越中央分隔带掉头', 'Reversing, wrong-way driving or U-turn on an expressway', 12, 200, 'lane', 'art90'),
  v('1711', '饮酒后驾驶机动车', 'Driving after drinking alcohol', 12, 1500, 'alcohol', 'art91'),
  v('1712', '造成致人轻伤以上或者死亡的交通事故后逃逸，尚不构成犯罪', 'Hit-and-run with injury or death (not a crime)', 12, 2000, 'accident', 'art99'),
  v('1608', '造成致人轻微伤或者财产损失的交通事故后逃逸，尚不构成犯罪', 'Hit-and-run with minor injury or damage', 6, 1000, 'accident', 'art99'),
  v('1713', '使用伪造、变造的机动车号牌、行驶证、驾驶证或者使用其他机动车号牌、行驶证', 'Using forged or another vehicle\'s plates or papers', 12, 3000, 'plate', 'art96'),
  v('1714', '驾驶未悬挂机动车号牌或者故意遮挡、污损机动车号牌的机动车上道路行驶', 'Driving without plates or with covered plates', 9, 200, 'plate', 'art90'),
  v('1715', '驾驶与准驾车型不符的机动车', 'Driving a vehicle outside the licence class', 9, 500, 'licence', 'art99'),
  v('1606', '机动车驾驶证被暂扣或者扣留期间驾驶机动车', 'Driving while the licence is suspended or seized', 6, 1000, 'licence', 'art99'),
  v('1716', '代替实际机动车驾驶人接受交通违法行为处罚和记分牟取经济利益（买分卖分）', 'Taking points for another driver for gain (points trading)', 12, 0, 'points-trading', 'none'),
  v('1717', '驾驶7座以上载客汽车载人超过核定人数50%以上未达100%', 'Carrying 50–100 % over capacity in a 7+ seat vehicle', 9, 1000, 'load', 'art92'),
  v('1607', '驾驶载货汽车载物超过最大允许总质量50%以上', 'Truck loaded 50 %+ over maximum mass', 6, 1000, 'load', 'art92'),
  v('1718', '连续驾驶中型以上载客汽车、危险物品运输车辆超过4小时未停车休息或休息少于20分钟', 'Fatigue: bus/dangerous-goods driving > 4 h without rest', 9, 200, 'fatigue', 'art90'),
  v('5710', '驾驶未按规定定期进行安全技术检验的机动车（客运、危化品车辆以外）上道路行驶', 'Driving a vehicle overdue for inspection', 1, 200, 'inspection', 'art90'),
];

export const VIOLATION_CODE_TABLE: readonly Versioned<readonly ViolationCode[]>[] = [
  {
    effectiveFrom: '2022-04-01',
    source: {
      title:
        'Representative GA/T 16.x-style codes and typical fines (unverified); points per 公安部令第163号; ranges per 道路交通安全法',
      reliability: 'unverified',
    },
    value: CODES_2022,
  },
];

/** The table in force today (the 2022 version). */
export const VIOLATION_CODES: readonly ViolationCode[] = CODES_2022;

export function violationCodesAt(onDate: string): readonly ViolationCode[] {
  return ruleAt(VIOLATION_CODE_TABLE, onDate).value;
}

export function findViolationCode(
  code: string,
  table: readonly ViolationCode[] = VIOLATION_CODES,
): ViolationCode | undefined {
  return table.find((entry) => entry.code === code.trim());
}
