/**
 * Building blocks shared by the seed items: legal sources (references R1–R12 point to the domain research,
 * /work/shared/reference/domain-rules.md), predicate shorthands, and the rules and materials many items
 * repeat. Reliability follows the research's marks: 🟢 official, 🟡 secondary, 🟠 or UNVERIFIED unverified.
 */
import { LICENCE_VALIDITY_RULES, SENIOR_CHECK_RULES } from '../../registry/licence-validity.ts';
import { POINT_REDUCTION_RULES } from '../../registry/points.ts';
import type { LegalSource } from '../../registry/rule-set.ts';
import { BLOCKING_LICENCE_STATUSES } from '../facts.ts';
import {
  type EligibilityRule,
  type ItemDefinition,
  type ItemDefinitionInput,
  itemDefinitionSchema,
  type Localized,
  type Material,
} from '../item.ts';
import type { ComparisonOp, FactValue, Predicate } from '../predicate.ts';
import { standardWorkflow, type Workflow, type WorkflowTemplateOptions } from '../workflow.ts';

/* ---------- sources ---------- */

export const SRC = {
  /** R2: validity, 90-day window, ≤1 y / 1–3 y / >3 y after expiry. */
  renewal: LICENCE_VALIDITY_RULES[0]!.source,
  /** R3: 70+ yearly certificate. */
  senior: SENIOR_CHECK_RULES[0]!.source,
  /** R5: 学法减分. */
  pointReduction: POINT_REDUCTION_RULES[0]!.source,
  licenceRegulation: {
    title: '公安部令第162号《机动车驾驶证申领和使用规定》(as amended by 第172号, in force 2025-01-01)',
    url: 'https://www.gov.cn/gongbao/2025/issue_11866/202502/content_7004031.html',
    reliability: 'official',
  },
  vehicleRegulation: {
    title: '公安部令第164号《机动车登记规定》(in force 2022-05-01) — text not consulted here',
    reliability: 'unverified',
  },
  /** R12 row 驾驶证遗失补领 (+ 12123 guidance C7). */
  lost: {
    title: '驾驶证遗失补领: 扣押、扣留、暂扣期间不予补领; 1日内补发; 工本费10元 (R12, secondary)',
    url: 'http://uianet.net/dictionary/b13809313.html',
    reliability: 'secondary',
  },
  /** R12 row 驾驶证损毁换领 (local guidance, 🟠). */
  damaged: {
    title: '驾驶证损毁换领 (local guidance, Hegang)',
    url: 'http://m.hegang.bendibao.com/live/jiashizheng',
    reliability: 'unverified',
  },
  /** R3c: hospitals upload medical results electronically since 2020-12-31. */
  medicalUpload: {
    title: '身体条件证明电子化 (hospitals upload results, from 2020-12-31), per a single secondary page',
    url: 'http://jnlxbzs.cn/ask/3761636.html',
    reliability: 'unverified',
  },
  /** R1: age limits of 令第172号. */
  ageLimits: {
    title: '公安部令第172号 准驾车型年龄条件 (A/B classes ≤ 63)',
    url: 'http://flfgk.zhpt.yjglt.gxzf.gov.cn:5995/falv/71ce8c308fd9ecadbdfb.html',
    reliability: 'official',
  },
  /** R12 row 备案 (实施条例 Art. 6). */
  filing: {
    title: '道路交通安全法实施条例 第六条: 住所在辖区内迁移、联系方式变更 — 备案',
    url: 'http://roxy-publishing.com/fuwuzx/system/2012/07/25/007395193_01.shtml',
    reliability: 'secondary',
  },
  /** R7 window + R8 label prerequisites. */
  inspectionWindow: {
    title: '检验有效期满前三个月内申请检验 (Beijing Fangshan guidance)',
    url: 'https://www.bjfsh.gov.cn/zsk/bswd/202305/t20230524_40062216.shtml',
    reliability: 'secondary',
  },
  inspectionReform: {
    title: '《关于深化机动车检验制度改革优化车检服务工作的意见》(2022-10-01): 10年内6年、10年上线检验',
    url: 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk10/202209/t20220920_994430.html',
    reliability: 'secondary',
  },
  labelPrerequisites: {
    title: '检验合格标志: 交强险、车船税缴纳或免征证明 (R8, single secondary page)',
    url: 'http://readke.com/c/1739862.html',
    reliability: 'unverified',
  },
  labelViolationGate: {
    title:
      '未处理完违法、事故不予核发检验合格标志 — older text; whether 令第164号 keeps it is UNVERIFIED (configurable gate)',
    url: 'http://readke.com/c/1739862.html',
    reliability: 'unverified',
  },
  /** R12 row 转让登记 (quotes 令第124号; re-check against 令第164号). */
  transfer: {
    title:
      '转让登记: 现机动车所有人自交付之日起30日内申请; 违法、事故处理完毕 (令第124号 text; re-check vs 令第164号)',
    url: 'http://www.0453c.com/techan/2e7045f7441b72fdb13f5e8dc410a531.html',
    reliability: 'unverified',
  },
  /** R12 row 机动车注册登记 (quotes 令第102/124号). */
  registration: {
    title:
      '注册登记: 来历证明、合格证、购置税、交强险、车船税 (令第102/124号 text; 令第164号 verifies 购置税/交强险 electronically)',
    url: 'http://uianet.net/dictionary/b17606296.html',
    reliability: 'unverified',
  },
  violationHandling: {
    title:
      '《道路交通安全违法行为处理程序规定》(公安部令第157号) — handling by the driver or owner; text not consulted',
    reliability: 'unverified',
  },
  scrapping: {
    title: '《报废机动车回收管理办法》(国务院令第715号) 回收证明 + 令第164号 注销登记 — text not consulted',
    reliability: 'unverified',
  },
  productSetting: {
    title: 'Product setting of this platform (not a legal rule) — configure per office',
    reliability: 'unverified',
  },
} as const satisfies Record<string, LegalSource>;

/* ---------- predicates ---------- */

export const p = (fact: string, op: ComparisonOp, value: FactValue): Predicate => ({ fact, op, value });
export const is = (fact: string, value: FactValue): Predicate => p(fact, 'eq', value);
export const all = (...ps: Predicate[]): Predicate => ({ all: ps });
export const any = (...ps: Predicate[]): Predicate => ({ any: ps });
export const not = (q: Predicate): Predicate => ({ not: q });
/** The fact is not one of `values` — also true when the fact is null (its subject is absent), so the
 * rule that checks the subject exists is the only one that fails then. */
export const none = (fact: string, values: string[]): Predicate => not(p(fact, 'in', values));
/** A form answer that is present and not empty. */
export const answered = (key: string): Predicate => p(`form.${key}`, 'neq', '');

export const t = (zh: string, en: string): Localized => ({ zh, en });

/**
 * The two texts of a rule, named so they cannot be swapped: `condition` is what must hold, phrased as the
 * guide prints it (办理条件: "驾驶证在有效期内"; with a `when`, the whole condition: "…的，须…"); `message`
 * is the reason shown when it fails ("驾驶证已超过有效期，请申请期满换证").
 */
export interface RuleText {
  condition: Localized;
  message: Localized;
}

export function rule(
  id: string,
  require: Predicate,
  severity: 'refuse' | 'review',
  { condition, message }: RuleText,
  source: LegalSource,
  when?: Predicate,
): EligibilityRule {
  return { id, require, severity, condition, message, source: { ...source }, ...(when ? { when } : {}) };
}

export function material(
  code: string,
  name: Localized,
  supplier: Material['supplier'],
  extra: { when?: Predicate; note?: Localized } = {},
): Material {
  return { code, name, supplier, ...extra };
}

/** Parses through the schema so defaults apply and a bad seed fails at import. */
export const defineItem = (input: ItemDefinitionInput): ItemDefinition => itemDefinitionSchema.parse(input);

/* ---------- shared rules ---------- */

export const RULES = {
  applicant: rule(
    'applicant-on-record',
    is('applicant.exists', true),
    'refuse',
    {
      condition: t('申请人身份信息已在系统登记', 'Your identity is on record'),
      message: t('申请人身份信息未在系统登记', 'The applicant is not on record'),
    },
    SRC.productSetting,
  ),
  licenceHeld: rule(
    'licence-held',
    is('licence.exists', true),
    'refuse',
    {
      condition: t('申请人持有机动车驾驶证，系统中有本人驾驶证档案', 'You hold a driving licence on record'),
      message: t('未查询到您的驾驶证', 'No driving licence is on record for you'),
    },
    SRC.licenceRegulation,
  ),
  noOpenCase: rule(
    'no-open-case',
    is('case.openSameItem', false),
    'refuse',
    {
      condition: t('申请人没有正在办理中的同一事项申请', 'You have no open application for this service'),
      message: t('您已有一件同类申请正在办理', 'You already have an open application for this service'),
    },
    SRC.productSetting,
  ),
  vehicleHeld: rule(
    'vehicle-on-record',
    is('vehicle.exists', true),
    'refuse',
    {
      condition: t('机动车已注册登记，系统中有车辆档案', 'The vehicle is registered and on record'),
      message: t('未查询到该机动车', 'The vehicle is not on record'),
    },
    SRC.vehicleRegulation,
  ),
  owner: rule(
    'applicant-is-owner',
    is('vehicle.ownedByApplicant', true),
    'refuse',
    {
      condition: t(
        '申请人为机动车所有人（或其委托的代理人）',
        'You are the registered owner of the vehicle (or the owner’s agent)',
      ),
      message: t(
        '只有机动车所有人（或其委托的代理人）可以申请',
        'Only the registered owner (or their agent) may apply',
      ),
    },
    SRC.vehicleRegulation,
  ),
  /** Online and at kiosks, a higher real-name level stops touts from applying in other people's names. */
  realNameOnline: rule(
    'real-name-online',
    p('applicant.realNameLevel', 'in', ['id', 'face']),
    'refuse',
    {
      condition: t(
        '通过互联网或自助终端办理的，申请人已完成身份证实名认证',
        'When applying online or at a kiosk, you have verified your identity with your ID card',
      ),
      message: t(
        '网上或自助办理需完成身份证实名认证',
        'Online or kiosk applications need ID-level real-name verification',
      ),
    },
    SRC.productSetting,
    p('case.channel', 'in', ['online', 'kiosk']),
  ),
} as const satisfies Record<string, EligibilityRule>;

/** Refused while the licence is seized (扣押/扣留), suspended (暂扣) or revoked (吊销). */
export const licenceNotBlocked = (source: LegalSource): EligibilityRule =>
  rule(
    'licence-not-blocked',
    none('licence.status', [...BLOCKING_LICENCE_STATUSES]),
    'refuse',
    {
      condition: t(
        '驾驶证未被扣押、扣留、暂扣或吊销',
        'Your licence is not seized, detained, suspended or revoked',
      ),
      message: t(
        '驾驶证被扣押、扣留、暂扣或吊销期间不能办理此业务',
        'Not possible while the licence is seized, detained, suspended or revoked',
      ),
    },
    source,
  );

/** A licence over its class age limit (A/B after 63) must be downgraded first. */
export const notOverAgeLimit = rule(
  'within-class-age-limit',
  is('licence.overAgeLimit', false),
  'refuse',
  {
    condition: t(
      '申请人未超过所持准驾车型的年龄上限',
      'You are within the age limit of every class you hold',
    ),
    message: t(
      '您已超过所持准驾车型的年龄上限，请先申请降级换证',
      'You are over the age limit of a class you hold: apply for a class downgrade first',
    ),
  },
  SRC.ageLimits,
);

/** A newer failed medical result stops the application (a passing one is a material). */
export const medicalNotFailed = rule(
  'medical-not-failed',
  not(is('medical.latestResult', 'fail')),
  'refuse',
  {
    condition: t('最近一次身体条件检查未被判定为不合格', 'Your latest medical examination was not a fail'),
    message: t('最近一次体检结论为不合格', 'Your latest medical examination result is a fail'),
  },
  SRC.medicalUpload,
);

/* ---------- shared materials ---------- */

export const MATERIALS = {
  idCard: material('id-card', t('居民身份证', 'Resident ID card'), 'registry'),
  licence: material('driving-licence', t('机动车驾驶证', 'Driving licence'), 'registry'),
  photo: material('photo', t('本人近期证件照片', 'Recent ID photo'), 'registry', {
    note: t('使用系统内已留存照片', 'The photo on file is used'),
  }),
  medical: material(
    'medical-certificate',
    t('身体条件证明', 'Medical certificate (身体条件证明)'),
    'hospital-medical',
    {
      note: t('由体检医院电子上传，无需纸质证明', 'Uploaded by the hospital; no paper form'),
    },
  ),
  vehicleLicence: material('vehicle-licence', t('机动车行驶证', 'Vehicle licence (行驶证)'), 'registry'),
  registrationCert: material(
    'registration-certificate',
    t('机动车登记证书', 'Registration certificate'),
    'registry',
  ),
  /** Needed from the insurer only when the registry's copy of the policy does not cover today. */
  insurance: material(
    'compulsory-insurance',
    t('交强险凭证', 'Compulsory insurance (交强险) proof'),
    'insurer-policy',
    {
      when: is('vehicle.insuranceOnRegistry', false),
      note: t(
        '由保险公司共享，登记数据已有有效保单时无需',
        'Shared by the insurer; not needed when the registry shows cover',
      ),
    },
  ),
  vehicleTax: material(
    'vehicle-tax',
    t('车船税纳税或免税证明', 'Vehicle tax paid or exempt proof'),
    'tax-payment',
  ),
} as const satisfies Record<string, Material>;

/**
 * The workflow most items use: the standard path with limits of one working day for acceptance and for
 * review, decided by an officer, escalated to a supervisor when a limit passes. Items state only what
 * differs.
 */
export const workflow = (
  o: Pick<WorkflowTemplateOptions, 'production' | 'instant'> & Partial<WorkflowTemplateOptions>,
): Workflow =>
  standardWorkflow({
    approvalRoles: ['officer'],
    acceptDays: 1,
    reviewDays: 1,
    reviewEscalation: 'escalate',
    ...o,
  });
