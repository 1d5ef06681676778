/**
 * The pure generator of the synthetic city 示范市. Given (seed, today, now, sizes) it yields the same plain
 * rows every time: offices, account specs, persons (with plaintext ID numbers and phones), driving
 * licences, vehicles and violations. Encryption, password hashing and database writes live elsewhere
 * (rows.ts, load.ts): what is random there (IVs, salts, token secrets) is not part of the generator.
 *
 * Passes must run in order — persons → licences → vehicles → violations — because later passes pick
 * owners, drivers and vehicles by index from compact per-index state kept by earlier ones. Ids are a pure
 * function of (seed, table, index) (demoUuid), so no pass needs to keep the rows of another.
 */
import {
  addDays,
  addMonths,
  addYears,
  type EnergyType,
  INSPECTION_RULES,
  type InspectionCategory,
  type InspectionVehicle,
  idCheckChar,
  inspectionCategory,
  inspectionDue,
  inspectionStatus,
  LICENCE_CLASS_CODES,
  type LicenceClass,
  meetsAgeLimit,
  nevPlateLetter,
  nextValidityTier,
  type PartnerSource,
  type PlateKind,
  ruleAt,
  type UseType,
  type ValidityTier,
  type VehicleStatus,
  type VehicleType,
  VIOLATION_CODES,
  type ViolationCode,
  type ViolationStatus,
  validUntilFor,
  vinCheckDigit,
} from '@opendmv/contracts';
import {
  COLOURS,
  COMMUNITIES,
  DEMO_CITY_ZH,
  DEMO_FILE_PREFIX,
  DEMO_PLATE_PROVINCE,
  DEMO_REGIONS,
  type DemoRegion,
  EXPRESSWAYS,
  GIVEN_NAME_ERAS,
  LANDMARKS,
  type ModelSpec,
  PHONE_PREFIXES,
  ROADS,
  SURNAMES,
  VEHICLE_CLASSES,
  type VehicleClassSpec,
  VIOLATION_CODE_WEIGHTS,
} from './data.ts';
import { demoUuid, deriveSeed, Rng, UUID_TAG, Weighted } from './prng.ts';
import {
  dayToIso,
  isoToDay,
  shanghaiDayAndSecond,
  shanghaiTimestamp,
  yearOfDay,
  yearStartDay,
} from './time.ts';

export type SeedSize = 'small' | 'city';

export interface SizeSpec {
  persons: number;
  vehicles: number;
  violations: number;
}

export const SIZES: Readonly<Record<SeedSize, SizeSpec>> = {
  small: { persons: 2_000, vehicles: 1_500, violations: 4_000 },
  city: { persons: 1_000_000, vehicles: 1_000_000, violations: 3_000_000 },
};

export const DEFAULT_SEED = 20261121;

/** One password for every demo account (documented in the README and the accounts file). */
export const DEMO_PASSWORD = 'Demo#2026';

export interface GeneratorOptions extends SizeSpec {
  seed: number;
  /** The civil date (Asia/Shanghai) the data is generated "as of": renewal windows, surcharges… */
  today: string;
  /** The instant of "now": no timestamp is generated after it. Default: 18:00 Shanghai time of `today`. */
  now?: Date;
}

// ---------------------------------------------------------------------------------------------------------
// Plain rows
// ---------------------------------------------------------------------------------------------------------

export type OfficeKind = 'detachment' | 'office' | 'branch' | 'outlet' | 'kiosk';

export interface OfficeSeed {
  id: string;
  parentId: string | null;
  kind: OfficeKind;
  code: string;
  nameZh: string;
  nameEn: string;
  address: string;
  path: string;
}

export type AccountRole = 'citizen' | 'officer' | 'supervisor' | 'admin' | 'agent';

export interface AccountSpec {
  id: string;
  username: string;
  role: AccountRole;
  /** Office code, or null (citizens, agents). */
  office: string | null;
  displayName: string;
  /** Citizens: the person the account is bound to, and its real-name level. */
  personIndex?: number;
  realNameLevel?: 'phone' | 'id' | 'face';
  /** Supervisors and administrators get a TOTP secret (second factor). */
  totp: boolean;
  /** What the account is good for in a demo. */
  note: string;
}

export interface TokenSpec {
  id: string;
  name: string;
  kind: 'kiosk' | 'partner';
  office: string;
  /** A partner token's data source: it may post only that source's records. */
  partnerSource?: PartnerSource;
}

export interface PersonPlain {
  id: string;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  regionCode: string;
  phone: string | null;
  address: string;
  officeId: string;
  createdAt: string;
}

export interface LicencePlain {
  id: string;
  personId: string;
  fileNumber: string;
  classes: LicenceClass[];
  firstIssueDate: string;
  validFrom: string;
  validUntil: string | null;
  validityTier: ValidityTier;
  status: 'valid' | 'expired' | 'suspended' | 'revoked' | 'seized' | 'cancelled';
  points: number;
  officeId: string;
  createdAt: string;
  updatedAt: string;
}

export interface VehiclePlain {
  id: string;
  vin: string;
  vinCheckOk: boolean;
  plate: string;
  plateKind: PlateKind;
  vehicleType: VehicleType;
  useType: UseType;
  energyType: EnergyType;
  brand: string;
  model: string;
  colour: string;
  seats: number;
  registrationDate: string;
  ownerId: string;
  status: VehicleStatus;
  insuranceUntil: string | null;
  inspectionValidUntil: string | null;
  officeId: string;
  createdAt: string;
  updatedAt: string;
}

export interface ViolationPlain {
  id: string;
  code: string;
  occurredAt: string;
  place: string;
  plate: string;
  vehicleId: string;
  driverId: string | null;
  fineFen: number;
  points: number;
  status: ViolationStatus;
  decisionDate: string | null;
  paidAt: string | null;
  source: 'camera' | 'officer' | 'partner';
  officeId: string;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------------------
// Offices and accounts (fixed)
// ---------------------------------------------------------------------------------------------------------

interface OfficeDef {
  code: string;
  parent: string | null;
  kind: OfficeKind;
  nameZh: string;
  nameEn: string;
  address: string;
}

// biome-ignore format: a table reads better one row per line
export const OFFICE_DEFS: readonly OfficeDef[] = [
  { code: 'ZD', parent: null, kind: 'detachment', nameZh: '示范市公安局交通警察支队', nameEn: 'Demo City Traffic Police Detachment', address: '示范市中山区人民路1号' },
  { code: 'CGS', parent: 'ZD', kind: 'office', nameZh: '示范市车辆管理所', nameEn: 'Demo City Vehicle Management Office', address: '示范市北辰区北辰大道88号' },
  { code: 'BR01', parent: 'CGS', kind: 'branch', nameZh: '示范市车辆管理所东湖分所', nameEn: 'Donghu Branch, Demo City Vehicle Management Office', address: '示范市东湖区东湖路218号' },
  { code: 'BR02', parent: 'CGS', kind: 'branch', nameZh: '示范市车辆管理所西岭分所', nameEn: 'Xiling Branch, Demo City Vehicle Management Office', address: '示范市西岭区西岭路66号' },
  { code: 'BR03', parent: 'CGS', kind: 'branch', nameZh: '示范市车辆管理所南港分所', nameEn: 'Nangang Branch, Demo City Vehicle Management Office', address: '示范市南港区南港大道158号' },
  { code: 'OT01', parent: 'CGS', kind: 'outlet', nameZh: '示范农商银行中山支行（交管业务合作网点）', nameEn: 'Demo Rural Commercial Bank, Zhongshan Sub-branch (partner outlet: bank)', address: '示范市中山区中山路120号' },
  { code: 'OT02', parent: 'BR01', kind: 'outlet', nameZh: '中国邮政示范市东湖邮政支局（交管业务合作网点）', nameEn: 'China Post, Donghu Post Office (partner outlet: post)', address: '示范市东湖区湖滨路32号' },
  { code: 'OT03', parent: 'BR02', kind: 'outlet', nameZh: '示范市第一人民医院体检中心', nameEn: 'Demo City No. 1 People’s Hospital, Medical Examination Centre (partner: hospital)', address: '示范市西岭区体育路9号' },
  { code: 'OT04', parent: 'BR03', kind: 'outlet', nameZh: '示范市远航汽车销售服务有限公司（4S店）', nameEn: 'Yuanhang Motors 4S Dealership (partner outlet: dealer)', address: '示范市南港区工业大道501号' },
  { code: 'OT05', parent: 'BR01', kind: 'outlet', nameZh: '示范市安驰机动车检测站', nameEn: 'Anchi Motor Vehicle Inspection Station (partner: inspection station)', address: '示范市高新区科技大道77号' },
  { code: 'OT06', parent: 'CGS', kind: 'outlet', nameZh: '示范财产保险股份有限公司示范市分公司', nameEn: 'Demo Property & Casualty Insurance, Demo City Branch (partner: insurer)', address: '示范市北辰区金融街16号' },
  { code: 'KS01', parent: 'BR01', kind: 'kiosk', nameZh: '人民广场交通智慧岗亭', nameEn: 'People’s Square Intelligent Traffic Kiosk', address: '示范市东湖区人民广场东南角' },
  { code: 'KS02', parent: 'BR02', kind: 'kiosk', nameZh: '西岭路交通智慧岗亭', nameEn: 'Xiling Road Intelligent Traffic Kiosk', address: '示范市西岭区西岭路与学府路交叉口' },
  { code: 'KS03', parent: 'BR03', kind: 'kiosk', nameZh: '南港码头交通智慧岗亭', nameEn: 'Nangang Pier Intelligent Traffic Kiosk', address: '示范市南港区南港码头广场' },
  { code: 'KS04', parent: 'CGS', kind: 'kiosk', nameZh: '车管所大厅自助服务终端', nameEn: 'Self-service Machine, Vehicle Management Office Hall', address: '示范市北辰区北辰大道88号 一楼大厅' },
];

/** Offices where registry records (persons, vehicles, licences, violations) are kept, with weights. */
const REGISTRY_OFFICES: readonly (readonly [string, number])[] = [
  ['CGS', 40],
  ['BR01', 22],
  ['BR02', 20],
  ['BR03', 18],
];

interface StaffDef {
  username: string;
  role: AccountRole;
  office: string | null;
  displayName: string;
  note: string;
}

// biome-ignore format: a table reads better one row per line
const STAFF_DEFS: readonly StaffDef[] = [
  { username: 'officer1', role: 'officer', office: 'CGS', displayName: '王磊（车管所窗口民警）', note: 'Window officer at the main office (CGS)' },
  { username: 'officer2', role: 'officer', office: 'BR01', displayName: '刘芳（东湖分所窗口民警）', note: 'Window officer at branch BR01' },
  { username: 'officer3', role: 'officer', office: 'BR02', displayName: '陈志强（西岭分所窗口民警）', note: 'Window officer at branch BR02' },
  { username: 'officer4', role: 'officer', office: 'BR03', displayName: '赵敏（南港分所窗口辅警）', note: 'Window officer at branch BR03' },
  { username: 'supervisor1', role: 'supervisor', office: 'CGS', displayName: '孙建华（督察）', note: 'Supervisor of the office and its branches; needs TOTP' },
  { username: 'admin1', role: 'admin', office: 'ZD', displayName: '周涛（系统管理员）', note: 'Administrator at the detachment; needs TOTP' },
  { username: 'agent1', role: 'agent', office: null, displayName: '赵磊（顺达机动车代办服务有限公司）', note: 'Registered agency agent' },
];

// biome-ignore format: a table reads better one row per line
const TOKEN_DEFS: readonly Omit<TokenSpec, 'id'>[] = [
  { name: 'KS01 人民广场交通智慧岗亭 终端令牌', kind: 'kiosk', office: 'KS01' },
  { name: 'OT03 示范市第一人民医院 体检数据接口', kind: 'partner', office: 'OT03', partnerSource: 'hospital-medical' },
  { name: 'OT06 示范财产保险示范市分公司 交强险保单接口', kind: 'partner', office: 'OT06', partnerSource: 'insurer-policy' },
  { name: 'OT05 示范市安驰机动车检测站 检验结果接口', kind: 'partner', office: 'OT05', partnerSource: 'inspection-result' },
  { name: 'CGS 示范市税务局 车船税数据接口', kind: 'partner', office: 'CGS', partnerSource: 'tax-payment' },
  { name: 'OT02 中国邮政东湖邮政支局 邮件轨迹接口', kind: 'partner', office: 'OT02', partnerSource: 'post-delivery' },
  { name: 'OT04 远航汽车4S店 新车销售数据接口', kind: 'partner', office: 'OT04', partnerSource: 'dealer-sale' },
  { name: 'CGS 示范市学法减分教育平台 学习考试接口', kind: 'partner', office: 'CGS', partnerSource: 'study-exam' },
];

// ---------------------------------------------------------------------------------------------------------
// Demo citizens: fixed stories, dated relative to "today"
// ---------------------------------------------------------------------------------------------------------

interface DemoLicence {
  classes: LicenceClass[];
  firstIssueDate: string;
  validFrom: string;
  validityTier: ValidityTier;
  status: LicencePlain['status'];
  points: number;
}

interface DemoVehicle {
  owner: number;
  classKey: VehicleClassSpec['key'];
  brand: string;
  model: string;
  registrationDate: string;
  status: VehicleStatus;
  /** Override of the insurance end; default: covered until the next anniversary. */
  insuranceUntil?: string;
  colour: string;
}

interface DemoViolation {
  vehicle: number;
  code: string;
  occurredDaysAgo: number;
  second: number;
  source: 'camera' | 'officer';
  status: ViolationStatus;
  decidedDaysAgo?: number;
  paidDaysAgo?: number;
  /** Driver: the vehicle's owner unless null. */
  driver: boolean;
  place: string;
}

interface DemoCitizen {
  username: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  regionCode: string;
  realNameLevel: 'phone' | 'id' | 'face';
  licence: DemoLicence | null;
  note: string;
}

interface DemoStories {
  citizens: DemoCitizen[];
  vehicles: DemoVehicle[];
  violations: DemoViolation[];
}

function demoStories(today: string): DemoStories {
  const t = (days: number) => addDays(today, days);
  // citizen1: licence in the renewal window (expires in 40 days), 4 points this cycle
  const c1Until = t(40);
  const c1From = addYears(c1Until, -10);
  // citizen2: licence expired 120 days ago (renewable)
  const c2Until = t(-120);
  const c2From = addYears(c2Until, -10);
  // citizen3: first licence 3 years ago (6-year tier)
  const c3First = t(-3 * 365 - 45);
  // citizen5: 9 points in the current cycle (cycle began 100 days ago)
  const c5First = addDays(addYears(today, -8), -100);
  const citizens: DemoCitizen[] = [
    {
      username: 'citizen1',
      name: '张明',
      sex: 'M',
      birthDate: '1988-05-16',
      regionCode: '190102',
      realNameLevel: 'face',
      licence: {
        classes: ['C1'],
        firstIssueDate: addYears(c1From, -6),
        validFrom: c1From,
        validityTier: '10y',
        status: 'valid',
        points: 4,
      },
      note: 'Licence in the 90-day renewal window, 4 points; 2 vehicles (one NEV) both due for inspection; an unhandled violation and a decided one > 15 days old (surcharge)',
    },
    {
      username: 'citizen2',
      name: '李娜',
      sex: 'F',
      birthDate: '1979-09-03',
      regionCode: '190103',
      realNameLevel: 'id',
      licence: {
        classes: ['C1'],
        firstIssueDate: addYears(c2From, -6),
        validFrom: c2From,
        validityTier: '10y',
        status: 'expired',
        points: 0,
      },
      note: 'Licence expired 120 days ago (renewable); hybrid car whose insurance expires in 20 days; one unhandled violation',
    },
    {
      username: 'citizen3',
      name: '王芳',
      sex: 'F',
      birthDate: '1996-02-11',
      regionCode: '190104',
      realNameLevel: 'phone',
      licence: {
        classes: ['C2'],
        firstIssueDate: c3First,
        validFrom: c3First,
        validityTier: '6y',
        status: 'valid',
        points: 0,
      },
      note: 'Phone-level real name only; C2 licence; a battery-electric car with an unhandled parking violation',
    },
    {
      username: 'citizen4',
      name: '刘建国',
      sex: 'M',
      birthDate: '1953-10-08',
      regionCode: '190106',
      realNameLevel: 'face',
      licence: {
        classes: ['C1'],
        firstIssueDate: '1996-06-18',
        validFrom: addYears('1996-06-18', 16),
        validityTier: 'long',
        status: 'valid',
        points: 0,
      },
      note: 'Aged 70+, long-term licence (yearly medical certificate); a car older than 15 years (inspection every 6 months)',
    },
    {
      username: 'citizen5',
      name: '陈静',
      sex: 'F',
      birthDate: '1990-07-21',
      regionCode: '190105',
      realNameLevel: 'face',
      licence: {
        classes: ['C1'],
        firstIssueDate: c5First,
        validFrom: addYears(c5First, 6),
        validityTier: '10y',
        status: 'valid',
        points: 9,
      },
      note: '9 points this cycle (may reduce points by study); a mortgaged car with an unhandled violation',
    },
    {
      username: 'citizen6',
      name: '赵磊',
      sex: 'M',
      birthDate: '1985-12-02',
      regionCode: '190102',
      realNameLevel: 'face',
      licence: {
        classes: ['C1'],
        firstIssueDate: '2009-03-20',
        validFrom: '2021-03-20',
        validityTier: '10y',
        status: 'seized',
        points: 12,
      },
      note: 'Licence seized (扣留) after reaching 12 points: a lost-licence replacement is refused until it is returned',
    },
  ];
  // biome-ignore format: a table reads better one row per line
  const vehicles: DemoVehicle[] = [
    // citizen1: petrol car registered 71 months ago (6-year on-site inspection due next month)
    { owner: 0, classKey: 'private-car', brand: '大众', model: '朗逸', registrationDate: addMonths(today, -71), status: 'normal', colour: '白色' },
    // citizen1: plug-in hybrid registered 23 months ago (2-year label due next month, online)
    { owner: 0, classKey: 'private-car', brand: '比亚迪', model: '秦PLUS DM-i', registrationDate: addMonths(today, -23), status: 'normal', colour: '灰色' },
    // citizen2: hybrid, insurance expiring in 20 days
    { owner: 1, classKey: 'private-car', brand: '丰田', model: '卡罗拉双擎', registrationDate: addYears(t(21), -3), status: 'normal', insuranceUntil: t(20), colour: '银色' },
    // citizen3: battery-electric
    { owner: 2, classKey: 'private-car', brand: '特斯拉', model: 'Model 3', registrationDate: addMonths(today, -14), status: 'normal', colour: '红色' },
    // citizen4: registered 2010 (older than 15 years)
    { owner: 3, classKey: 'private-car', brand: '大众', model: '宝来', registrationDate: '2010-04-15', status: 'normal', colour: '黑色' },
    // citizen5: mortgaged SUV
    { owner: 4, classKey: 'private-car', brand: '大众', model: '途观L', registrationDate: addMonths(today, -30), status: 'mortgaged', colour: '黑色' },
  ];
  // biome-ignore format: a table reads better one row per line
  const violations: DemoViolation[] = [
    // citizen1 (4 points this cycle = 3 + 1)
    { vehicle: 0, code: '1636', occurredDaysAgo: 55, second: 8 * 3600 + 12 * 60 + 5, source: 'camera', status: 'decided', decidedDaysAgo: 40, driver: true, place: '解放大道与长江路交叉口' },
    { vehicle: 1, code: '6011', occurredDaysAgo: 100, second: 17 * 3600 + 40 * 60, source: 'officer', status: 'paid', decidedDaysAgo: 100, paidDaysAgo: 98, driver: true, place: '人民路与和平路交叉口' },
    { vehicle: 0, code: '1039', occurredDaysAgo: 6, second: 19 * 3600 + 5 * 60 + 41, source: 'camera', status: 'unhandled', driver: false, place: '中山路128号附近路段' },
    { vehicle: 1, code: '1357', occurredDaysAgo: 9, second: 16 * 3600 + 28 * 60 + 37, source: 'camera', status: 'unhandled', driver: false, place: '光明路与青年路交叉口' },
    { vehicle: 1, code: '1042', occurredDaysAgo: 20, second: 7 * 3600 + 51 * 60 + 2, source: 'camera', status: 'decided', decidedDaysAgo: 8, driver: true, place: '北辰大道与迎宾大道交叉口' },
    { vehicle: 0, code: '1352', occurredDaysAgo: 500, second: 22 * 3600 + 3 * 60 + 14, source: 'camera', status: 'paid', decidedDaysAgo: 490, paidDaysAgo: 485, driver: true, place: '环城东路（近东湖路口）' },
    // citizen2
    { vehicle: 2, code: '1625', occurredDaysAgo: 210, second: 18 * 3600 + 22 * 60 + 9, source: 'camera', status: 'paid', decidedDaysAgo: 200, paidDaysAgo: 195, driver: true, place: '东湖路与建设路交叉口' },
    { vehicle: 2, code: '1345', occurredDaysAgo: 12, second: 8 * 3600 + 47 * 60 + 30, source: 'camera', status: 'unhandled', driver: false, place: '新华路与文化路交叉口' },
    // citizen3
    { vehicle: 3, code: '1039', occurredDaysAgo: 3, second: 12 * 3600 + 15 * 60 + 50, source: 'camera', status: 'unhandled', driver: false, place: '示范大学北门路段' },
    { vehicle: 3, code: '1042', occurredDaysAgo: 150, second: 9 * 3600 + 2 * 60 + 18, source: 'camera', status: 'paid', decidedDaysAgo: 140, paidDaysAgo: 139, driver: true, place: '学府路与科技大道交叉口' },
    // citizen4
    { vehicle: 4, code: '1043', occurredDaysAgo: 400, second: 20 * 3600 + 31 * 60, source: 'officer', status: 'paid', decidedDaysAgo: 400, paidDaysAgo: 398, driver: true, place: '北辰大道与体育路交叉口' },
    // citizen5 (9 points this cycle = 6 + 3)
    { vehicle: 5, code: '1625', occurredDaysAgo: 90, second: 21 * 3600 + 8 * 60 + 44, source: 'camera', status: 'paid', decidedDaysAgo: 80, paidDaysAgo: 75, driver: true, place: '南港大道与临江大道交叉口' },
    { vehicle: 5, code: '1636', occurredDaysAgo: 60, second: 14 * 3600 + 36 * 60 + 2, source: 'camera', status: 'paid', decidedDaysAgo: 50, paidDaysAgo: 45, driver: true, place: '西岭路（近青山路口）' },
    { vehicle: 5, code: '1352', occurredDaysAgo: 2, second: 10 * 3600 + 11 * 60 + 11, source: 'camera', status: 'unhandled', driver: false, place: '迎宾大道（近机场高速入口）' },
  ];
  return { citizens, vehicles, violations };
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // plate letters: no I, O
const ALNUM = `${LETTERS}0123456789`;
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'; // no I, O, Q
const VIN_YEAR = 'ABCDEFGHJKLMNPRSTVWXY'; // model years 2010–2030
const CHECK_CHARS = '0123456789X';

function vinYearCode(year: number): string {
  if (year >= 2010) return VIN_YEAR[Math.min(year - 2010, VIN_YEAR.length - 1)]!;
  return String(Math.max(1, year - 2000));
}

// biome-ignore format: a table reads better one row per line
const REGULAR_SERIAL = new Weighted<string>([
  ['DDDDD', 35], ['LDDDD', 25], ['DLDDD', 7], ['DDLDD', 4], ['DDDLD', 4], ['DDDDL', 8], ['LLDDD', 6],
  ['DDDLL', 3], ['LDDDL', 4], ['DLDLD', 2], ['LDLDD', 2],
]);
const REGULAR_ISSUER_OLD = new Weighted<string>([
  ['A', 5],
  ['C', 3],
  ['E', 3],
  ['F', 3],
  ['G', 2],
  ['H', 2],
]);
const REGULAR_ISSUER_NEW = new Weighted<string>([
  ['G', 2],
  ['H', 3],
  ['J', 3],
  ['K', 3],
  ['L', 3],
  ['M', 3],
  ['N', 3],
  ['P', 3],
  ['Q', 3],
]);
const NEV_ISSUER = new Weighted<string>([
  ['A', 50],
  ['C', 15],
  ['E', 10],
  ['F', 10],
  ['G', 5],
  ['H', 5],
  ['J', 5],
]);

/** Share of new-energy registrations by year (private cars), shaped on the national trend. */
function nevShare(year: number): number {
  if (year < 2018) return year === 2017 ? 0.08 : 0;
  const table: Record<number, number> = {
    2018: 0.12,
    2019: 0.16,
    2020: 0.22,
    2021: 0.35,
    2022: 0.48,
    2023: 0.58,
    2024: 0.66,
  };
  return table[year] ?? 0.7;
}

// biome-ignore format: a table reads better one row per line
const REGISTRATION_YEAR_WEIGHTS: Record<number, number> = {
  2008: 2, 2009: 3, 2010: 4, 2011: 4.5, 2012: 5, 2013: 5.5, 2014: 6, 2015: 6, 2016: 6.5, 2017: 6.5, 2018: 6.5,
  2019: 6, 2020: 6, 2021: 6.5, 2022: 6.5, 2023: 7, 2024: 7.5, 2025: 7.5,
};

function birthYearWeight(y: number): number {
  if (y < 1960) return 0.55;
  if (y < 1965) return 0.9;
  if (y < 1970) return 1.15;
  if (y < 1980) return 1.0;
  if (y < 1990) return 1.1;
  if (y < 1995) return 1.05;
  if (y < 2000) return 0.85;
  return 0.7;
}

/** Weight of a first licence in `year` at `age`: issuance volume (it grew with car ownership) × propensity. */
function firstLicenceWeight(year: number, age: number): number {
  const volume =
    year < 1995 ? 0.15 : year < 2000 ? 0.3 : year < 2005 ? 0.6 : year < 2010 ? 1 : year < 2020 ? 1.4 : 1.2;
  const propensity = age < 18 ? 0 : age <= 30 ? 1 : age <= 45 ? 0.45 : 0.15;
  return volume * propensity;
}

const HOUR_WEIGHTS = [
  1, 0.5, 0.3, 0.3, 0.3, 0.6, 1.5, 4, 6, 4, 3, 3, 3, 3, 3, 3.5, 4, 6, 6, 4, 3, 2.5, 2, 1.5,
];
const HOURS = new Weighted<number>(HOUR_WEIGHTS.map((w, h) => [h, w] as const));

const LICENCE_CLASS_MIX = new Weighted<LicenceClass[]>([
  [['C1'], 720],
  [['C2'], 140],
  [['C1', 'E'], 30],
  [['C1', 'D'], 5],
  [['B2'], 40],
  [['A1'], 15],
  [['A2'], 15],
  [['B1'], 10],
  [['A3'], 5],
  [['E'], 12],
  [['D'], 5],
  [['C5'], 2],
  [['F'], 1],
]);

// biome-ignore format: a table reads better one row per line
const POINTS_MIX = new Weighted<number>([
  [0, 62], [1, 7], [2, 5], [3, 8], [4, 4], [5, 2], [6, 5], [7, 1.5], [8, 1], [9, 2], [10, 0.6], [11, 0.4], [12, 1],
]);

/** Who records a violation of a category on the street rather than by camera. */
const OFFICER_SHARE: Partial<Record<ViolationCode['category'], number>> = {
  alcohol: 1,
  licence: 1,
  accident: 1,
  'points-trading': 1,
  plate: 0.5,
  load: 0.6,
  fatigue: 0.7,
  inspection: 0.8,
  parking: 0.3,
  equipment: 0.3,
  behaviour: 0.2,
  lane: 0.1,
  signal: 0.05,
  speeding: 0.02,
};

/** Groups that change which violation codes apply: `seats7` = passenger cars with 7 or more seats (overloading). */
type VehicleGroup = 'car' | 'seats7' | 'bus' | 'truck' | 'motorcycle';

function vehicleGroup(type: VehicleType, seats: number): VehicleGroup {
  if (type === 'motorcycle') return 'motorcycle';
  if (type === 'truck') return 'truck';
  if (type === 'large-passenger' || type === 'medium-passenger') return 'bus';
  return seats >= 7 ? 'seats7' : 'car';
}
const GROUPS: readonly VehicleGroup[] = ['car', 'seats7', 'bus', 'truck', 'motorcycle'];

const isExpresswayCode = (c: ViolationCode): boolean =>
  c.nameZh.includes('高速') && !c.nameZh.includes('以外');

function codeWeight(c: ViolationCode, group: VehicleGroup): number {
  const base = VIOLATION_CODE_WEIGHTS[c.code] ?? 0.5;
  if (group === 'motorcycle') {
    if (c.code === '6012') return 60;
    if (c.code === '6011' || isExpresswayCode(c)) return 0;
  }
  if (c.code === '1717') return group === 'seats7' || group === 'bus' ? 3 : 0;
  if (c.code === '1718') return group === 'bus' ? 5 : 0;
  if (c.code === '1607') return group === 'truck' ? 8 : 0;
  return base;
}

/** The later of two timestamps of the same shape (all +08:00, so they compare as strings). */
const later = (a: string, b: string): string => (a < b ? b : a);

const TIERS: readonly ValidityTier[] = ['6y', '10y', 'long'];
const INSPECTION_CATEGORIES: readonly InspectionCategory[] = [
  'exempt-private-car',
  'private-small-car',
  'operating-passenger',
  'large-or-truck',
  'motorcycle',
  'other',
];

const STATUS_CODE: Record<VehicleStatus, number> = {
  normal: 0,
  mortgaged: 1,
  seized: 2,
  scrapped: 3,
  stolen: 4,
  deregistered: 5,
};

/** File numbers: city prefix + an 8-digit affine permutation of the licence ordinal (unique below 10^8). */
const FILE_MULT = 48_271;

// ---------------------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------------------

export class DemoCityGenerator {
  readonly seed: number;
  readonly today: string;
  readonly now: Date;
  readonly sizes: SizeSpec;
  readonly offices: OfficeSeed[];
  readonly accounts: AccountSpec[];
  readonly tokens: TokenSpec[];

  private readonly todayDay: number;
  private readonly nowDay: number;
  private readonly nowSecond: number;
  private readonly stories: DemoStories;
  private readonly officeId: Map<string, string>;
  private readonly registryOffice: Weighted<string>;
  private readonly regions: Weighted<DemoRegion>;
  private readonly cityRegions: Weighted<DemoRegion>;
  private readonly birthYears: Weighted<number>;
  private readonly surnames: Weighted<string>;
  private readonly phonePrefixes: Weighted<string>;
  private readonly colours: Weighted<string>;
  private readonly vehicleClasses: Weighted<VehicleClassSpec>;
  private readonly registrationYears: Weighted<number>;
  private readonly codeTables: Map<VehicleGroup, Weighted<ViolationCode>>;
  private readonly codesByCode: Map<string, ViolationCode>;

  // per-index state kept by earlier passes
  private stage = 0;
  private personBirthDay: Int32Array;
  private personOffice: Uint8Array;
  private personLicensed: Uint8Array;
  private licensed: Int32Array = new Int32Array(0);
  private vehiclePlate: string[] = [];
  private vehicleRegDay: Int32Array;
  private vehicleOwner: Int32Array;
  private vehicleStatus: Uint8Array;
  private vehicleGroupIdx: Uint8Array;

  constructor(opts: GeneratorOptions) {
    this.seed = opts.seed >>> 0;
    this.today = opts.today;
    this.todayDay = isoToDay(opts.today);
    this.now = opts.now ?? new Date(`${opts.today}T18:00:00+08:00`);
    const { day, second } = shanghaiDayAndSecond(this.now);
    // "now" must fall on "today" (the clock's date); otherwise use the end of "today".
    this.nowDay = this.todayDay;
    this.nowSecond = day === this.todayDay ? second : day > this.todayDay ? 86_399 : 0;
    this.sizes = { persons: opts.persons, vehicles: opts.vehicles, violations: opts.violations };
    this.stories = demoStories(opts.today);
    if (opts.persons < this.stories.citizens.length + 10)
      throw new RangeError('persons too small for the demo city');
    if (opts.vehicles < this.stories.vehicles.length + 10)
      throw new RangeError('vehicles too small for the demo city');
    if (opts.violations < this.stories.violations.length)
      throw new RangeError('violations too small for the demo city');

    this.offices = [];
    this.officeId = new Map();
    const paths = new Map<string, string>();
    OFFICE_DEFS.forEach((def, i) => {
      const id = demoUuid(this.seed, UUID_TAG.office, i);
      const parentPath = def.parent ? paths.get(def.parent)! : '/';
      const path = `${parentPath}${def.code}/`;
      paths.set(def.code, path);
      this.officeId.set(def.code, id);
      this.offices.push({
        id,
        parentId: def.parent ? this.officeId.get(def.parent)! : null,
        kind: def.kind,
        code: def.code,
        nameZh: def.nameZh,
        nameEn: def.nameEn,
        address: def.address,
        path,
      });
    });

    this.accounts = STAFF_DEFS.map((s, i) => ({
      id: demoUuid(this.seed, UUID_TAG.user, i),
      ...s,
      totp: s.role === 'supervisor' || s.role === 'admin',
    }));
    this.stories.citizens.forEach((c, i) => {
      this.accounts.push({
        id: demoUuid(this.seed, UUID_TAG.user, STAFF_DEFS.length + i),
        username: c.username,
        role: 'citizen',
        office: null,
        displayName: c.name,
        personIndex: i,
        realNameLevel: c.realNameLevel,
        totp: false,
        note: c.note,
      });
    });
    this.tokens = TOKEN_DEFS.map((t, i) => ({ id: demoUuid(this.seed, UUID_TAG.apiToken, i), ...t }));

    this.registryOffice = new Weighted(REGISTRY_OFFICES);
    this.regions = new Weighted(DEMO_REGIONS.map((r) => [r, r.weight] as const));
    this.cityRegions = new Weighted(DEMO_REGIONS.filter((r) => r.inCity).map((r) => [r, r.weight] as const));
    const maxBirthYear = Number(opts.today.slice(0, 4)) - 18;
    const years: [number, number][] = [];
    for (let y = 1950; y <= Math.min(2006, maxBirthYear); y++) years.push([y, birthYearWeight(y)]);
    this.birthYears = new Weighted(years);
    this.surnames = new Weighted(SURNAMES);
    this.phonePrefixes = new Weighted(PHONE_PREFIXES);
    this.colours = new Weighted(COLOURS);
    this.vehicleClasses = new Weighted(VEHICLE_CLASSES.map((c) => [c, c.weight] as const));
    const todayYear = Number(opts.today.slice(0, 4));
    const regYears: [number, number][] = [];
    for (let y = 2008; y <= todayYear; y++) {
      const w = REGISTRATION_YEAR_WEIGHTS[y] ?? 7.5;
      // the current year is only partly over
      regYears.push([y, y === todayYear ? (w * (this.todayDay - yearStartDay(y))) / 365 : w]);
    }
    this.registrationYears = new Weighted(regYears.filter(([, w]) => w > 0));
    this.codesByCode = new Map(VIOLATION_CODES.map((c) => [c.code, c]));
    this.codeTables = new Map(
      GROUPS.map((g) => [g, new Weighted(VIOLATION_CODES.map((c) => [c, codeWeight(c, g)] as const))]),
    );

    this.personBirthDay = new Int32Array(opts.persons);
    this.personOffice = new Uint8Array(opts.persons);
    this.personLicensed = new Uint8Array(opts.persons);
    this.vehicleRegDay = new Int32Array(opts.vehicles);
    this.vehicleOwner = new Int32Array(opts.vehicles);
    this.vehicleStatus = new Uint8Array(opts.vehicles);
    this.vehicleGroupIdx = new Uint8Array(opts.vehicles);
  }

  /** How many persons, vehicles and violations belong to the demo citizens' fixed stories. */
  get demoCounts(): { persons: number; vehicles: number; violations: number } {
    return {
      persons: this.stories.citizens.length,
      vehicles: this.stories.vehicles.length,
      violations: this.stories.violations.length,
    };
  }

  officeIdOf(code: string): string {
    const id = this.officeId.get(code);
    if (!id) throw new RangeError(`unknown office ${code}`);
    return id;
  }

  personId(index: number): string {
    return demoUuid(this.seed, UUID_TAG.person, index);
  }

  vehicleId(index: number): string {
    return demoUuid(this.seed, UUID_TAG.vehicle, index);
  }

  private officeCodes = REGISTRY_OFFICES.map(([c]) => c);

  private stamp(day: number, rng: Rng, fromHour = 9, toHour = 17): string {
    let d = Math.min(day, this.nowDay);
    let second = rng.int(fromHour * 3600, toHour * 3600 - 1);
    if (d === this.nowDay && second > this.nowSecond) {
      if (this.nowSecond >= fromHour * 3600) second = rng.int(fromHour * 3600, this.nowSecond);
      else {
        d -= 1;
      }
    }
    return shanghaiTimestamp(d, second);
  }

  /** Memoised calls of the contracts' date and rule functions: the city repeats the same few thousand
   * dates a million times, and each call parses its ISO strings again. Keys are numbers (epoch days). */
  private readonly memo = new Map<number, unknown>();
  private cached<R>(key: number, f: () => R): R {
    const hit = this.memo.get(key);
    if (hit !== undefined || this.memo.has(key)) return hit as R;
    const value = f();
    this.memo.set(key, value);
    return value;
  }
  // key spaces: kind (0–7) in the low 3 bits, so they never collide
  private addYearsC(iso: string, years: number): string {
    return this.cached(((isoToDay(iso) + 100_000) * 256 + (years + 100)) * 8 + 0, () => addYears(iso, years));
  }
  private validUntilC(from: string, tier: ValidityTier): string | null {
    return this.cached(((isoToDay(from) + 100_000) * 4 + TIERS.indexOf(tier)) * 8 + 1, () =>
      validUntilFor(from, tier),
    );
  }
  private meetsAgeC(code: LicenceClass, birthIso: string): boolean {
    const c = LICENCE_CLASS_CODES.indexOf(code);
    return this.cached(((isoToDay(birthIso) + 100_000) * 32 + c) * 8 + 2, () =>
      meetsAgeLimit(code, birthIso, this.today),
    );
  }
  /** Next due inspection date (R7) on or after `onDate`. The schedule depends on the vehicle only through
   * its registration date and its inspection category (both from the contracts' rules). */
  private dueC(v: InspectionVehicle, onDate: string): string {
    const onDay = isoToDay(onDate);
    const rules = this.cached((onDay + 100_000) * 8 + 3, () => ruleAt(INSPECTION_RULES, onDate).value);
    const category = INSPECTION_CATEGORIES.indexOf(inspectionCategory(v, rules));
    const key =
      (((isoToDay(v.registrationDate) + 100_000) * 8 + category) * 65_536 + (onDay & 0xffff)) * 8 + 4;
    return this.cached(key, () => inspectionDue(v, onDate, rules).nextDueDate);
  }

  private advance(expected: number): void {
    if (this.stage !== expected) {
      throw new Error('DemoCityGenerator passes must run in order: persons, licences, vehicles, violations');
    }
    this.stage += 1;
  }

  // ---- persons ------------------------------------------------------------------------------------------

  private givenName(rng: Rng, sex: 'M' | 'F', birthYear: number): string {
    let era = GIVEN_NAME_ERAS[0]!;
    for (const e of GIVEN_NAME_ERAS) if (birthYear >= e.fromYear) era = e;
    const pool = sex === 'M' ? era.male : era.female;
    const u = rng.float();
    if (u < era.singleShare) return rng.pick(pool.single);
    if (u < era.singleShare + (1 - era.singleShare) * 0.55) return rng.pick(pool.whole);
    return rng.pick(pool.first) + rng.pick(pool.second);
  }

  private phone(rng: Rng): string {
    return this.phonePrefixes.sample(rng) + rng.digits(8);
  }

  private address(rng: Rng, district: DemoRegion): string {
    const districtName = district.nameZh.replace(DEMO_CITY_ZH, '');
    return `${DEMO_CITY_ZH}${districtName}${rng.pick(ROADS)}${rng.int(1, 399)}号${rng.pick(COMMUNITIES)}${rng.int(1, 28)}栋${rng.int(1, 4)}单元${rng.int(1, 30)}0${rng.int(1, 6)}室`;
  }

  *persons(): Generator<PersonPlain> {
    this.advance(0);
    const rng = new Rng(deriveSeed(this.seed, 'persons'));
    const used = new Set<string>();
    const minBirth = isoToDay('1950-01-01');
    const maxBirth = isoToDay(this.addYearsC(this.today, -18));
    const cityRegionByCode = new Map(DEMO_REGIONS.map((r) => [r.code, r]));
    const officeIndex = new Map(this.officeCodes.map((c, i) => [c, i]));
    const n = this.sizes.persons;
    for (let i = 0; i < n; i++) {
      const demo = this.stories.citizens[i];
      let sex: 'M' | 'F';
      let birthDay: number;
      let region: DemoRegion;
      let name: string;
      if (demo) {
        sex = demo.sex;
        birthDay = isoToDay(demo.birthDate);
        region = cityRegionByCode.get(demo.regionCode)!;
        name = demo.name;
      } else {
        sex = rng.chance(0.51) ? 'M' : 'F';
        const year = this.birthYears.sample(rng);
        const jan1 = yearStartDay(year);
        const days = yearStartDay(year + 1) - jan1;
        birthDay = Math.min(Math.max(jan1 + rng.int(0, days - 1), minBirth), maxBirth);
        region = this.regions.sample(rng);
        name = this.surnames.sample(rng) + this.givenName(rng, sex, year);
      }
      const birthIso = dayToIso(birthDay);
      const datePart = birthIso.replaceAll('-', '');
      let first17 = '';
      for (let attempt = 0; ; attempt++) {
        // sequence: odd for men, even for women (GB 11643)
        const seq = rng.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
        first17 = region.code + datePart + String(seq).padStart(3, '0');
        if (!used.has(first17)) break;
        if (attempt > 50) throw new Error('ID number space exhausted');
      }
      used.add(first17);
      const idNumber = first17 + idCheckChar(first17);
      const residence = region.inCity && rng.chance(0.7) ? region : this.cityRegions.sample(rng);
      const elderly = birthDay < isoToDay('1956-01-01');
      const phone = demo || rng.chance(elderly ? 0.88 : 0.985) ? this.phone(rng) : null;
      const address = this.address(rng, residence);
      const createdDay = Math.min(
        Math.max(isoToDay('2012-01-01'), isoToDay(this.addYearsC(birthIso, 18))) + rng.int(0, 400),
        this.todayDay - 1,
      );
      this.personBirthDay[i] = birthDay;
      this.personOffice[i] = officeIndex.get(residence.office)!;
      yield {
        id: this.personId(i),
        idNumber,
        name,
        sex,
        birthDate: birthIso,
        regionCode: region.code,
        phone,
        address,
        officeId: this.officeIdOf(residence.office),
        createdAt: this.stamp(createdDay, rng),
      };
    }
  }

  // ---- licences -----------------------------------------------------------------------------------------

  private licenceProbability(age: number): number {
    if (age < 25) return 0.5;
    if (age <= 55) return 0.78;
    if (age <= 65) return 0.62;
    return 0.4;
  }

  *licences(): Generator<LicencePlain> {
    this.advance(1);
    const rng = new Rng(deriveSeed(this.seed, 'licences'));
    const fileOffset = rng.int(0, 99_999_999);
    const earliest = isoToDay('1985-01-01');
    const licensed: number[] = [];
    let ordinal = 0;
    const n = this.sizes.persons;
    for (let i = 0; i < n; i++) {
      const birthIso = dayToIso(this.personBirthDay[i]!);
      const demo = this.stories.citizens[i];
      let lic: DemoLicence | null;
      if (demo) {
        lic = demo.licence;
      } else {
        const age = Math.floor((this.todayDay - this.personBirthDay[i]!) / 365.25);
        lic = rng.chance(this.licenceProbability(age)) ? this.randomLicence(rng, birthIso, earliest) : null;
      }
      if (!lic) continue;
      const validUntil = this.validUntilC(lic.validFrom, lic.validityTier);
      const fileNumber =
        DEMO_FILE_PREFIX + String((ordinal * FILE_MULT + fileOffset) % 100_000_000).padStart(8, '0');
      const id = demoUuid(this.seed, UUID_TAG.licence, ordinal);
      ordinal += 1;
      this.personLicensed[i] = 1;
      // Random violations pick drivers from this list: keep the demo citizens' stories as written.
      if (!demo) licensed.push(i);
      yield {
        id,
        personId: this.personId(i),
        fileNumber,
        classes: lic.classes,
        firstIssueDate: lic.firstIssueDate,
        validFrom: lic.validFrom,
        validUntil,
        validityTier: lic.validityTier,
        status: lic.status,
        points: lic.points,
        officeId: this.officeIdOf(this.registryOffice.sample(rng)),
        createdAt: this.stamp(isoToDay(lic.firstIssueDate), rng),
        updatedAt: this.stamp(isoToDay(lic.validFrom), rng),
      };
    }
    this.licensed = Int32Array.from(licensed);
  }

  private randomLicence(rng: Rng, birthIso: string, earliest: number): DemoLicence {
    let classes = LICENCE_CLASS_MIX.sample(rng);
    // Holders past a class's upper age limit have had to change to a small-car class (R1).
    if (!classes.every((c) => this.meetsAgeC(c, birthIso))) classes = rng.chance(0.85) ? ['C1'] : ['C2'];
    const adult = isoToDay(this.addYearsC(birthIso, 18));
    const minDay = Math.max(adult, earliest);
    const maxDay = this.todayDay - 10;
    // Year of the first licence: national issuance volume of that year × the holder's propensity at that age.
    const birthYear = Number(birthIso.slice(0, 4));
    const fromYear = yearOfDay(minDay);
    const toYear = yearOfDay(maxDay);
    let total = 0;
    for (let y = fromYear; y <= toYear; y++) total += firstLicenceWeight(y, y - birthYear);
    let x = rng.float() * total;
    let year = toYear;
    for (let y = fromYear; y <= toYear; y++) {
      x -= firstLicenceWeight(y, y - birthYear);
      if (x < 0) {
        year = y;
        break;
      }
    }
    const yearStart = Math.max(minDay, yearStartDay(year));
    const yearEnd = Math.min(maxDay, isoToDay(`${year}-12-31`));
    const firstDay = yearStart + rng.int(0, Math.max(0, yearEnd - yearStart));
    const firstIssueDate = dayToIso(firstDay);
    // Walk the terms: 6 years, then 10, then long-term (the same tier again after a 12-point cycle).
    let tier: ValidityTier = '6y';
    let validFrom = firstIssueDate;
    let lapsed = false;
    for (;;) {
      const until = this.validUntilC(validFrom, tier);
      if (until === null || this.today <= until) break;
      // Most holders renew; a few let the licence lapse (more recently expired ones are still on file).
      const recent = this.addYearsC(until, 3) >= this.today;
      if (rng.chance(recent ? 0.03 : 0.004)) {
        lapsed = true; // never renewed: expired
        break;
      }
      tier = nextValidityTier(tier, rng.chance(0.03));
      validFrom = until; // a renewed licence runs on from the old expiry date
    }
    const until = this.validUntilC(validFrom, tier);
    let status: LicencePlain['status'] = 'valid';
    let points = 0;
    if (lapsed && until !== null) {
      status = this.today > this.addYearsC(until, 3) ? 'cancelled' : 'expired';
    } else {
      points = POINTS_MIX.sample(rng);
      const u = rng.float();
      if (points >= 12) status = 'seized';
      else if (u < 0.002) status = 'suspended';
      else if (u < 0.003) status = 'revoked';
    }
    return { classes, firstIssueDate, validFrom, validityTier: tier, status, points };
  }

  // ---- vehicles -----------------------------------------------------------------------------------------

  private plate(
    rng: Rng,
    used: Set<string>,
    kind: PlateKind,
    energy: EnergyType,
    regYear: number,
    taxi: boolean,
  ): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      let plate: string;
      if (kind === 'regular') {
        const issuer = taxi ? 'B' : (regYear < 2014 ? REGULAR_ISSUER_OLD : REGULAR_ISSUER_NEW).sample(rng);
        let serial = '';
        for (const ch of REGULAR_SERIAL.sample(rng))
          serial += ch === 'D' ? rng.digits(1) : rng.chars(LETTERS, 1);
        plate = DEMO_PLATE_PROVINCE + issuer + serial;
      } else if (kind === 'nev-small') {
        plate = `${DEMO_PLATE_PROVINCE}${NEV_ISSUER.sample(rng)}${nevPlateLetter(energy)}${rng.chars(ALNUM, 1)}${rng.digits(4)}`;
      } else {
        plate = `${DEMO_PLATE_PROVINCE}A${rng.digits(5)}${nevPlateLetter(energy)}`;
      }
      if (!used.has(plate)) {
        used.add(plate);
        return plate;
      }
    }
    throw new Error('plate space exhausted');
  }

  private vin(rng: Rng, used: Set<string>, wmi: string, modelYear: number): { vin: string; ok: boolean } {
    for (;;) {
      const body = `${wmi}${rng.chars(VIN_CHARS, 5)}0${vinYearCode(modelYear)}${rng.chars(VIN_CHARS, 1)}${rng.digits(6)}`;
      const check = vinCheckDigit(body);
      // About 0.5 % carry a wrong check digit, so the "flagged for review" path has data.
      const wrong = rng.chance(0.005);
      const digit = wrong ? CHECK_CHARS[(CHECK_CHARS.indexOf(check) + rng.int(1, 10)) % 11]! : check;
      const vin = body.slice(0, 8) + digit + body.slice(9);
      if (used.has(vin)) continue;
      used.add(vin);
      return { vin, ok: !wrong };
    }
  }

  private readonly modelTables = new Map<string, Weighted<ModelSpec>>();
  private pickModel(rng: Rng, cls: VehicleClassSpec, nev: boolean): ModelSpec {
    const key = `${cls.key}:${nev}`;
    let table = this.modelTables.get(key);
    if (!table) {
      const pool = cls.models.filter((m) => (nevPlateLetter(m.energy) !== null) === nev);
      table = new Weighted((pool.length > 0 ? pool : cls.models).map((m) => [m, m.weight] as const));
      this.modelTables.set(key, table);
    }
    return table.sample(rng);
  }

  private insuranceUntil(
    rng: Rng,
    registrationDate: string,
    status: VehicleStatus,
    override?: string,
  ): string | null {
    if (override) return override;
    const regYear = Number(registrationDate.slice(0, 4));
    let k = Math.max(1, Number(this.today.slice(0, 4)) - regYear);
    while (k > 1 && this.addYearsC(registrationDate, k - 1) > this.today) k -= 1;
    while (this.addYearsC(registrationDate, k) <= this.today) k += 1;
    // Policies run a year from the registration anniversary; the next one starts on addYears(reg, k).
    const policyEnd = (years: number) => dayToIso(isoToDay(this.addYearsC(registrationDate, years)) - 1);
    if (status === 'scrapped' || status === 'deregistered')
      return k > 1 ? policyEnd(rng.int(1, k - 1)) : null;
    if (k > 1 && rng.chance(0.06)) return policyEnd(k - 1); // lapsed: expired
    const current = policyEnd(k);
    return current;
  }

  private inspectionValidUntil(rng: Rng, v: InspectionVehicle, status: VehicleStatus): string | null {
    let onTime = this.dueC(v, this.today);
    // Many owners use the window early: their validity already runs to the following due date.
    if (
      this.cached(isoToDay(onTime) * 8 + 5, () => inspectionStatus(onTime, this.today)) === 'window-open' &&
      rng.chance(0.45)
    ) {
      onTime = this.dueC(v, dayToIso(isoToDay(onTime) + 1));
    }
    if (status === 'scrapped' || status === 'deregistered' || rng.chance(0.07)) {
      // Missed the last due date (or taken off the road): validity ended some months ago.
      const back = rng.int(1, 14);
      const since = this.cached(back * 8 + 6, () => addMonths(this.today, -back));
      if (since > v.registrationDate) {
        const due = this.dueC(v, since);
        if (due < this.today) return due;
      }
    }
    return onTime;
  }

  *vehicles(): Generator<VehiclePlain> {
    this.advance(2);
    const rng = new Rng(deriveSeed(this.seed, 'vehicles'));
    const plateRng = new Rng(deriveSeed(this.seed, 'demo-plates'));
    const usedPlates = new Set<string>();
    const usedVins = new Set<string>();
    const classByKey = new Map(VEHICLE_CLASSES.map((c) => [c.key, c]));
    const demoPersons = this.stories.citizens.length;
    const n = this.sizes.vehicles;
    const persons = this.sizes.persons;
    this.vehiclePlate = new Array<string>(n);
    for (let j = 0; j < n; j++) {
      const demo = this.stories.vehicles[j];
      let cls: VehicleClassSpec;
      let regDay: number;
      let model: ModelSpec;
      let owner: number;
      let status: VehicleStatus;
      let colour: string;
      if (demo) {
        cls = classByKey.get(demo.classKey)!;
        regDay = isoToDay(demo.registrationDate);
        model = cls.models.find((mm) => mm.brand === demo.brand && mm.model === demo.model)!;
        owner = demo.owner;
        status = demo.status;
        colour = demo.colour;
      } else {
        cls = this.vehicleClasses.sample(rng);
        const year = this.registrationYears.sample(rng);
        const jan1 = yearStartDay(year);
        regDay = Math.min(jan1 + rng.int(0, 364), this.todayDay - 1);
        if (cls.key === 'micro' && year < 2020) cls = classByKey.get('private-car')!;
        let nev = false;
        if (cls.key === 'private-car') nev = rng.chance(nevShare(year));
        else if (cls.key === 'micro') nev = true;
        else if (cls.key === 'taxi') nev = year >= 2019 && rng.chance(0.75);
        else if (cls.key === 'bus') nev = year >= 2017 && rng.chance(0.8);
        model = this.pickModel(rng, cls, nev);
        owner = demoPersons + rng.int(0, persons - demoPersons - 1);
        for (let attempt = 0; attempt < 20; attempt++) {
          if (isoToDay(this.addYearsC(dayToIso(this.personBirthDay[owner]!), 18)) <= regDay) break;
          owner = demoPersons + rng.int(0, persons - demoPersons - 1);
        }
        const ageYears = (this.todayDay - regDay) / 365.25;
        const u = rng.float();
        if (ageYears >= 12 && rng.chance(0.1)) status = 'scrapped';
        else if (u < 0.005) status = 'deregistered';
        else if (u < 0.006) status = 'stolen';
        else if (u < 0.01) status = 'seized';
        else if (u < 0.01 + (ageYears <= 3 ? 0.1 : 0.03)) status = 'mortgaged';
        else status = 'normal';
        colour =
          cls.key === 'taxi'
            ? rng.pick(['黄色', '蓝色', '绿色'])
            : cls.key === 'bus'
              ? rng.pick(['白色', '绿色', '蓝色'])
              : this.colours.sample(rng);
      }
      const registrationDate = dayToIso(regDay);
      const regYear = yearOfDay(regDay);
      const energy = model.energy;
      const isNev = nevPlateLetter(energy) !== null;
      const large =
        cls.vehicleType === 'large-passenger' ||
        cls.vehicleType === 'medium-passenger' ||
        cls.vehicleType === 'truck';
      const plateKind: PlateKind = !isNev ? 'regular' : large ? 'nev-large' : 'nev-small';
      const plate = this.plate(
        demo ? plateRng : rng,
        usedPlates,
        plateKind,
        energy,
        regYear,
        cls.key === 'taxi',
      );
      const modelYear = rng.chance(0.25) ? regYear - 1 : regYear;
      const { vin, ok } = this.vin(rng, usedVins, model.wmi, modelYear);
      const seats = rng.pick(model.seats);
      const inspectionVehicle: InspectionVehicle = {
        registrationDate,
        useType: cls.useType,
        vehicleType: cls.vehicleType,
        seats,
      };
      const insuranceUntil = this.insuranceUntil(rng, registrationDate, status, demo?.insuranceUntil);
      const inspectionValidUntil = demo
        ? this.dueC(inspectionVehicle, this.today)
        : this.inspectionValidUntil(rng, inspectionVehicle, status);
      this.vehiclePlate[j] = plate;
      this.vehicleRegDay[j] = regDay;
      this.vehicleOwner[j] = owner;
      this.vehicleStatus[j] = STATUS_CODE[status];
      this.vehicleGroupIdx[j] = GROUPS.indexOf(vehicleGroup(cls.vehicleType, seats));
      const createdAt = this.stamp(regDay, rng);
      yield {
        id: this.vehicleId(j),
        vin,
        vinCheckOk: ok,
        plate,
        plateKind,
        vehicleType: cls.vehicleType,
        useType: cls.useType,
        energyType: energy,
        brand: model.brand,
        model: model.model,
        colour,
        seats,
        registrationDate,
        ownerId: this.personId(owner),
        status,
        insuranceUntil,
        inspectionValidUntil,
        officeId: this.officeIdOf(this.officeCodes[this.personOffice[owner]!]!),
        createdAt,
        updatedAt:
          status === 'normal'
            ? createdAt
            : this.stamp(Math.max(regDay, this.todayDay - rng.int(1, 700)), rng),
      };
    }
  }

  // ---- violations ---------------------------------------------------------------------------------------

  private place(rng: Rng, code: ViolationCode): string {
    if (isExpresswayCode(code)) {
      return `${rng.pick(EXPRESSWAYS)} K${rng.int(1, 48)}+${rng.int(0, 9)}00`;
    }
    if (code.category === 'parking') {
      return rng.chance(0.7)
        ? `${rng.pick(ROADS)}${rng.int(1, 399)}号附近路段`
        : `${rng.pick(LANDMARKS)}周边路段`;
    }
    const a = rng.pick(ROADS);
    let b = rng.pick(ROADS);
    if (b === a) b = ROADS[(ROADS.indexOf(a) + 7) % ROADS.length]!;
    return rng.chance(0.8) ? `${a}与${b}交叉口` : `${a}（近${b}路口）`;
  }

  private driverFor(rng: Rng, owner: number): string {
    if (this.personLicensed[owner] && rng.chance(0.85)) return this.personId(owner);
    if (this.licensed.length === 0) return this.personId(owner);
    return this.personId(this.licensed[rng.int(0, this.licensed.length - 1)]!);
  }

  *violations(): Generator<ViolationPlain> {
    this.advance(3);
    const rng = new Rng(deriveSeed(this.seed, 'violations'));
    const n = this.sizes.violations;
    const v = this.sizes.vehicles;
    const demoVehicles = this.stories.vehicles.length;
    const windowStart = this.todayDay - 730;
    const scrapped = STATUS_CODE.scrapped;
    const deregistered = STATUS_CODE.deregistered;
    for (let k = 0; k < n; k++) {
      const id = demoUuid(this.seed, UUID_TAG.violation, k);
      const demo = this.stories.violations[k];
      if (demo) {
        yield this.demoViolation(id, demo, rng);
        continue;
      }
      // A skewed choice of vehicle: some vehicles collect many violations, most few or none.
      let j = 0;
      for (let attempt = 0; attempt < 100; attempt++) {
        j = rng.chance(0.5) ? Math.floor(v * rng.float() ** 1.5) : rng.int(0, v - 1);
        const s = this.vehicleStatus[j]!;
        if (
          j >= demoVehicles &&
          s !== scrapped &&
          s !== deregistered &&
          this.vehicleRegDay[j]! < this.todayDay
        )
          break;
      }
      const fromDay = Math.max(windowStart, this.vehicleRegDay[j]! + 1);
      let day = fromDay + rng.int(0, Math.max(0, this.todayDay - fromDay));
      const second = HOURS.sample(rng) * 3600 + rng.int(0, 3599);
      if (day === this.nowDay && second > this.nowSecond - 3600) day -= 1;
      const ageDays = this.todayDay - day;
      const code = this.codeTables.get(GROUPS[this.vehicleGroupIdx[j]!]!)!.sample(rng);
      const source: 'camera' | 'officer' = rng.chance(OFFICER_SHARE[code.category] ?? 0.1)
        ? 'officer'
        : 'camera';
      let status: ViolationStatus;
      let decisionDay: number | null = null;
      if (source === 'officer') {
        decisionDay = day; // on-the-spot decision (简易程序)
        status = rng.chance(ageDays > 15 ? 0.92 : 0.6) ? 'paid' : 'decided';
      } else {
        const u = rng.float();
        if (ageDays < 3) status = 'unhandled';
        else if (ageDays < 30) status = u < 0.55 ? 'unhandled' : u < 0.85 ? 'decided' : 'paid';
        else if (ageDays < 180) status = u < 0.15 ? 'unhandled' : u < 0.25 ? 'decided' : 'paid';
        else status = u < 0.06 ? 'unhandled' : u < 0.1 ? 'decided' : 'paid';
        if (status !== 'unhandled') decisionDay = day + rng.int(1, Math.max(1, Math.min(ageDays, 45)));
      }
      const occurredAt = shanghaiTimestamp(day, second);
      let paidAt: string | null = null;
      if (status === 'paid' && decisionDay !== null) {
        const paidDay = Math.min(
          decisionDay + (rng.chance(0.88) ? rng.int(0, 15) : rng.int(16, 40)),
          this.todayDay,
        );
        paidAt = later(this.stamp(paidDay, rng, 8, 22), occurredAt);
      }
      const owner = this.vehicleOwner[j]!;
      const driverId = status === 'unhandled' && source === 'camera' ? null : this.driverFor(rng, owner);
      const createdAt = later(
        source === 'officer'
          ? shanghaiTimestamp(day, Math.min(second + rng.int(300, 1800), 86_399))
          : this.stamp(Math.min(day + rng.int(0, 2), this.todayDay), rng, 0, 24),
        occurredAt,
      );
      yield {
        id,
        code: code.code,
        occurredAt,
        place: this.place(rng, code),
        plate: this.vehiclePlate[j]!,
        vehicleId: this.vehicleId(j),
        driverId,
        fineFen: code.fineFen,
        points: code.points,
        status,
        decisionDate: decisionDay === null ? null : dayToIso(decisionDay),
        paidAt,
        source,
        officeId: this.officeIdOf(this.registryOffice.sample(rng)),
        createdAt,
        updatedAt: later(
          paidAt ?? (decisionDay === null ? createdAt : this.stamp(decisionDay, rng)),
          createdAt,
        ),
      };
    }
  }

  private demoViolation(id: string, d: DemoViolation, rng: Rng): ViolationPlain {
    const code = this.codesByCode.get(d.code);
    if (!code) throw new Error(`demo violation code ${d.code} is missing from VIOLATION_CODES`);
    const day = this.todayDay - d.occurredDaysAgo;
    const occurredAt = shanghaiTimestamp(day, d.second);
    const decisionDate = d.decidedDaysAgo === undefined ? null : dayToIso(this.todayDay - d.decidedDaysAgo);
    const paidAt = d.paidDaysAgo === undefined ? null : this.stamp(this.todayDay - d.paidDaysAgo, rng, 8, 22);
    const owner = this.stories.vehicles[d.vehicle]!.owner;
    const createdAt = shanghaiTimestamp(day, Math.min(d.second + 1800, 86_399));
    return {
      id,
      code: code.code,
      occurredAt,
      place: d.place,
      plate: this.vehiclePlate[d.vehicle]!,
      vehicleId: this.vehicleId(d.vehicle),
      driverId: d.driver ? this.personId(owner) : null,
      fineFen: code.fineFen,
      points: code.points,
      status: d.status,
      decisionDate,
      paidAt,
      source: d.source,
      officeId: this.officeIdOf(this.officeCodes[this.personOffice[owner]!]!),
      createdAt,
      updatedAt: paidAt ?? (decisionDate ? `${decisionDate}T10:00:00+08:00` : createdAt),
    };
  }
}

/**
 * The plates of the demo citizens' vehicles, in story order (citizen1 has the first two). Every one of
 * them has violations. They depend only on the seed (not on "today"), so a benchmark can query them
 * without generating the city.
 */
export function demoCitizenPlates(seed: number = DEFAULT_SEED, today = '2026-11-21'): string[] {
  const gen = new DemoCityGenerator({ seed, today, persons: 20, vehicles: 20, violations: 20 });
  for (const _ of gen.persons());
  for (const _ of gen.licences());
  const plates: string[] = [];
  const demo = gen.demoCounts.vehicles;
  for (const row of gen.vehicles()) {
    if (plates.length >= demo) break;
    plates.push(row.plate);
  }
  return plates;
}
