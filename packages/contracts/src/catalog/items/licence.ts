/** Driving-licence items (驾驶证业务): renewal, replacement, 70+ certificate, class downgrade. */
import type { ItemDefinition } from '../item.ts';
import {
  defineItem,
  is,
  licenceNotBlocked,
  MATERIALS,
  material,
  medicalNotFailed,
  none,
  not,
  notOverAgeLimit,
  p,
  RULES,
  rule,
  SRC,
  t,
  workflow,
} from './common.ts';

const EXPIRED = ['expired-renewable', 'expired-needs-theory-test', 'expired-unrecoverable'];

/** Licence produced by the office and posted or collected; decided by an officer or by rule. */
const licenceWorkflow = (instant: boolean) => workflow({ production: true, instant });

const notExpired = rule(
  'licence-not-expired',
  none('licence.renewalState', EXPIRED),
  'refuse',
  {
    condition: t('驾驶证在有效期内', 'Your licence has not expired'),
    message: t('驾驶证已超过有效期，请申请期满换证', 'The licence has expired: apply for a renewal instead'),
  },
  SRC.renewal,
);

export const DL_RENEW = defineItem({
  code: 'DL-RENEW',
  name: t('驾驶证期满换证', 'Driving licence renewal on expiry'),
  summary: t(
    '有效期满前90日内可在任一车管所或网上申请换证；逾期1年内正常换证，1至3年须考科目一，超过3年不能恢复。体检结果由医院电子上传。',
    'Apply within 90 days before expiry, online or at any office. Up to 1 year expired: normal renewal; 1–3 years: after passing the theory test (科目一); over 3 years: not recoverable. Hospitals upload the medical result.',
  ),
  category: 'licence',
  subject: 'licence',
  legalBasis: [SRC.licenceRegulation, SRC.renewal],
  effectiveFrom: '2025-01-01',
  channels: ['online', 'window', 'kiosk', 'agency'],
  officeKinds: ['office', 'branch', 'outlet', 'kiosk'],
  eligibility: [
    RULES.licenceHeld,
    licenceNotBlocked(SRC.licenceRegulation),
    rule(
      'in-renewal-window',
      none('licence.renewalState', ['valid', 'long-term']),
      'refuse',
      {
        condition: t(
          '在驾驶证有效期满前90日内申请，或驾驶证已超过有效期',
          'You apply within 90 days before the licence expires, or after it has expired',
        ),
        message: t('期满换证只能在有效期满前90日内申请', 'Renewal opens 90 days before the licence expires'),
      },
      SRC.renewal,
    ),
    rule(
      'recoverable',
      not(is('licence.renewalState', 'expired-unrecoverable')),
      'refuse',
      {
        condition: t(
          '驾驶证超过有效期的，逾期不超过3年',
          'If the licence has expired, it expired no more than 3 years ago',
        ),
        message: t(
          '驾驶证超过有效期3年以上，不能换证，须重新申领并参加全部考试',
          'Expired more than 3 years ago: the licence cannot be renewed; apply again and retake all tests',
        ),
      },
      SRC.renewal,
    ),
    rule(
      'theory-test-after-expiry',
      is('licence.theoryTestPassed', true),
      'review',
      {
        condition: t(
          '驾驶证有效期满超过1年但不超过3年的，须科目一考试合格',
          'If the licence expired more than 1 but no more than 3 years ago, you have passed the theory test (科目一)',
        ),
        message: t(
          '超过有效期1年以上，须科目一考试合格后换证；民警核对考试结果',
          'Expired more than 1 year ago: the theory test (科目一) must be passed; an officer checks the result',
        ),
      },
      SRC.renewal,
      is('licence.renewalState', 'expired-needs-theory-test'),
    ),
    notOverAgeLimit,
    medicalNotFailed,
    RULES.noOpenCase,
  ],
  materials: [MATERIALS.idCard, MATERIALS.licence, MATERIALS.medical, MATERIALS.photo],
  feeFen: 1000,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['post', 'collect'],
  instantApproval: true,
  workflow: licenceWorkflow(true),
});

export const DL_LOST = defineItem({
  code: 'DL-LOST',
  name: t('驾驶证遗失补领', 'Replacement of a lost driving licence'),
  summary: t(
    '驾驶证遗失可网上或在任一车管所补领，原证作废；驾驶证被扣押、扣留或暂扣期间不予补领。',
    'Replace a lost licence online or at any office; the old one becomes void. Not possible while the licence is seized, detained or suspended.',
  ),
  category: 'licence',
  subject: 'licence',
  legalBasis: [SRC.licenceRegulation, SRC.lost],
  effectiveFrom: '2025-01-01',
  channels: ['online', 'window', 'kiosk', 'agency'],
  officeKinds: ['office', 'branch', 'outlet', 'kiosk'],
  eligibility: [RULES.licenceHeld, licenceNotBlocked(SRC.lost), notExpired, RULES.noOpenCase],
  materials: [MATERIALS.idCard, MATERIALS.photo],
  feeFen: 1000,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['post', 'collect'],
  instantApproval: true,
  workflow: licenceWorkflow(true),
});

export const DL_DAMAGED = defineItem({
  code: 'DL-DAMAGED',
  name: t('驾驶证损毁换领', 'Replacement of a damaged driving licence'),
  summary: t(
    '驾驶证污损、无法辨认时换领新证，须交回损毁的驾驶证，由民警核对。',
    'Exchange a damaged or illegible licence; the damaged card is handed in and checked by an officer.',
  ),
  category: 'licence',
  subject: 'licence',
  legalBasis: [SRC.licenceRegulation, SRC.damaged],
  effectiveFrom: '2025-01-01',
  channels: ['window', 'online', 'agency'],
  officeKinds: ['office', 'branch', 'outlet'],
  eligibility: [RULES.licenceHeld, licenceNotBlocked(SRC.damaged), notExpired, RULES.noOpenCase],
  materials: [
    MATERIALS.idCard,
    MATERIALS.photo,
    material('damaged-licence', t('损毁的驾驶证', 'The damaged licence'), 'applicant', {
      note: t(
        '窗口交回，或网上上传照片后领证时交回',
        'Hand it in at the window, or upload a photo and hand it in on collection',
      ),
    }),
  ],
  feeFen: 1000,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['post', 'collect'],
  instantApproval: false,
  workflow: licenceWorkflow(false),
});

export const DL_SENIOR_MEDICAL = defineItem({
  code: 'DL-SENIOR-MEDICAL',
  name: t('70周岁以上驾驶人提交身体条件证明', 'Yearly medical certificate of drivers aged 70+'),
  summary: t(
    '准驾小型汽车的70周岁以上驾驶人，每个记分周期结束后30日内提交身体条件证明（含记忆力、判断力、反应力“三力测试”）；逾期未提交的驾驶证可被注销。',
    'Drivers aged 70+ holding small-car classes submit a medical certificate (with the memory/judgement/reaction test, 三力测试) within 30 days after each scoring cycle ends; otherwise the licence may be cancelled.',
  ),
  category: 'licence',
  subject: 'licence',
  legalBasis: [SRC.licenceRegulation, SRC.senior],
  effectiveFrom: '2025-01-01',
  channels: ['online', 'window', 'kiosk', 'agency'],
  officeKinds: ['office', 'branch', 'outlet', 'kiosk'],
  eligibility: [
    RULES.licenceHeld,
    licenceNotBlocked(SRC.licenceRegulation),
    rule(
      'small-car-class',
      is('licence.hasSmallCarClass', true),
      'refuse',
      {
        condition: t('申请人持有小型汽车类准驾车型（C1/C2/C5）', 'You hold a small-car class (C1/C2/C5)'),
        message: t(
          '此业务适用于准驾小型汽车（C1/C2/C5）的驾驶人',
          'For holders of small-car classes (C1/C2/C5)',
        ),
      },
      SRC.senior,
    ),
    rule(
      'aged-70-plus',
      p('applicant.age', 'gte', 70),
      'refuse',
      {
        condition: t('申请人年满70周岁', 'You are aged 70 or over'),
        message: t('此业务适用于70周岁以上驾驶人', 'For drivers aged 70 or over'),
      },
      SRC.senior,
    ),
    rule(
      'in-submission-window',
      is('licence.seniorCheckDue', true),
      'refuse',
      {
        condition: t(
          '处于记分周期结束后30日内的提交期',
          'It is within 30 days after your scoring cycle ended',
        ),
        message: t('请在记分周期结束后30日内提交', 'Submit within 30 days after your scoring cycle ends'),
      },
      SRC.senior,
    ),
    medicalNotFailed,
    RULES.noOpenCase,
  ],
  materials: [
    MATERIALS.idCard,
    material(
      'medical-certificate',
      t('身体条件证明（含三力测试）', 'Medical certificate (incl. 三力测试)'),
      'hospital-medical',
      {
        note: t(
          '医院电子上传体检及三力测试结果；三力测试也可在12123或车管所完成',
          'The hospital uploads the medical and the memory/judgement/reaction test; the test can also be taken in the app or at an office',
        ),
      },
    ),
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic'],
  instantApproval: true,
  workflow: workflow({ production: false, instant: true }),
});

export const DL_CLASS_DOWNGRADE = defineItem({
  code: 'DL-CLASS-DOWNGRADE',
  name: t('驾驶证降级换证', 'Licence class downgrade'),
  summary: t(
    '持大中型客货车准驾车型（A/B）的驾驶人达到年龄上限（63周岁）或自愿降低准驾车型时换领驾驶证，通常降为C1。',
    'Holders of large classes (A/B) who reach the age limit (63) or choose to give up a class exchange the licence, usually for C1.',
  ),
  category: 'licence',
  subject: 'licence',
  legalBasis: [SRC.licenceRegulation, SRC.ageLimits],
  effectiveFrom: '2025-01-01',
  channels: ['online', 'window', 'agency'],
  officeKinds: ['office', 'branch', 'outlet'],
  eligibility: [
    RULES.licenceHeld,
    licenceNotBlocked(SRC.licenceRegulation),
    rule(
      'holds-large-class',
      is('licence.hasLargeClass', true),
      'refuse',
      {
        condition: t('申请人持有A类或B类准驾车型', 'You hold an A or B class'),
        message: t(
          '仅持有A/B类准驾车型的驾驶人可以申请降级',
          'Only holders of an A or B class can downgrade',
        ),
      },
      SRC.ageLimits,
    ),
    rule(
      'target-c1',
      is('form.targetClass', 'C1'),
      'review',
      {
        condition: t('降级后的准驾车型为C1', 'The class after the downgrade is C1'),
        message: t(
          '降为C1以外的准驾车型由民警核对',
          'A downgrade to a class other than C1 is checked by an officer',
        ),
      },
      SRC.licenceRegulation,
    ),
    notExpired,
    medicalNotFailed,
    RULES.noOpenCase,
  ],
  materials: [MATERIALS.idCard, MATERIALS.licence, MATERIALS.medical, MATERIALS.photo],
  form: [
    {
      key: 'targetClass',
      label: t('降级后的准驾车型', 'Class after the downgrade'),
      type: 'choice',
      required: true,
      options: ['C1', 'B1', 'B2', 'A3'].map((c) => ({ value: c, label: t(c, c) })),
    },
  ],
  feeFen: 1000,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['post', 'collect'],
  instantApproval: true,
  workflow: licenceWorkflow(true),
});

export const LICENCE_ITEMS: readonly ItemDefinition[] = [
  DL_RENEW,
  DL_LOST,
  DL_DAMAGED,
  DL_SENIOR_MEDICAL,
  DL_CLASS_DOWNGRADE,
];
