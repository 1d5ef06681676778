/** Periodic inspection items (机动车检验): the online label for exempt cars and the on-site inspection. */
import type { EligibilityRule, ItemDefinition } from '../item.ts';
import {
  defineItem,
  is,
  MATERIALS,
  material,
  none,
  not,
  p,
  RULES,
  rule,
  SRC,
  t,
  workflow,
} from './common.ts';

const labelWorkflow = workflow({ production: true, instant: true });

/** Gates shared by both ways of getting the label (R7 window, R8 prerequisites). */
const GATES: readonly EligibilityRule[] = [
  RULES.vehicleHeld,
  RULES.owner,
  rule(
    'vehicle-in-use',
    none('vehicle.status', ['scrapped', 'deregistered', 'stolen']),
    'refuse',
    {
      condition: t('机动车未报废、未注销、未被盗抢', 'The vehicle is not scrapped, deregistered or stolen'),
      message: t('机动车已报废、注销或被盗抢，不能检验', 'The vehicle is scrapped, deregistered or stolen'),
    },
    SRC.vehicleRegulation,
  ),
  rule(
    'inspection-window',
    is('vehicle.inspectionWindowOpen', true),
    'refuse',
    {
      condition: t(
        '在检验有效期满前3个月内（含到期当月）申请，或检验已逾期',
        'You apply within 3 months before the inspection falls due (the due month included), or it is overdue',
      ),
      message: t(
        '检验有效期满前3个月内（含到期当月）才能申请',
        'You can apply within 3 months before the inspection falls due (the due month included)',
      ),
    },
    SRC.inspectionWindow,
  ),
  rule(
    'insurance-valid',
    is('vehicle.insuranceValid', true),
    'refuse',
    {
      condition: t('交强险在有效期内', 'Compulsory insurance (交强险) is in force'),
      message: t('交强险须在有效期内', 'Compulsory insurance (交强险) must be in force'),
    },
    SRC.labelPrerequisites,
  ),
  rule(
    'vehicle-tax-paid',
    is('vehicle.taxPaid', true),
    'refuse',
    {
      condition: t(
        '已缴纳本年度车船税，或依法免征',
        'This year’s vehicle tax is paid, or the vehicle is exempt',
      ),
      message: t(
        '须缴纳本年度车船税或有免税证明',
        'This year’s vehicle tax must be paid, or the vehicle exempt',
      ),
    },
    SRC.labelPrerequisites,
  ),
  rule(
    'no-open-violations',
    p('vehicle.openViolations', 'eq', 0),
    'refuse',
    {
      condition: t('本车无未处理的交通违法', 'The vehicle has no unhandled traffic violations'),
      message: t('请先处理本车未处理的交通违法', 'Handle the vehicle’s open violations first'),
    },
    SRC.labelViolationGate,
  ),
];

export const INSPECT_LABEL = defineItem({
  code: 'INSPECT-LABEL',
  name: t('免检车辆申领检验标志', 'Inspection label for exempt cars'),
  summary: t(
    '10年内的非营运小微型载客汽车（面包车除外）在第2、4、8年免上线检验，检验有效期满前3个月内凭交强险、车船税数据网上申领检验标志（电子标志即时生效）。',
    'Private small/micro passenger cars (vans excluded) up to 10 years old skip the station in years 2, 4 and 8: within 3 months before the due date the label is issued online on insurance and tax data (the e-label takes effect at once).',
  ),
  category: 'inspection',
  subject: 'vehicle',
  legalBasis: [SRC.inspectionReform, SRC.inspectionWindow, SRC.labelPrerequisites],
  effectiveFrom: '2022-10-01',
  channels: ['online', 'kiosk', 'window', 'agency'],
  officeKinds: ['office', 'branch', 'outlet', 'kiosk'],
  eligibility: [
    ...GATES,
    rule(
      'exempt-category',
      is('vehicle.inspectionCategory', 'exempt-private-car'),
      'refuse',
      {
        condition: t(
          '机动车属于免上线检验范围（10年以内的非营运小微型载客汽车，面包车除外）',
          'The vehicle is exempt from station inspection (a private small or micro passenger car up to 10 years old, vans excluded)',
        ),
        message: t(
          '此车不属于免检范围，须上线检验',
          'This vehicle is not exempt: it must be inspected at a station',
        ),
      },
      SRC.inspectionReform,
    ),
    rule(
      'label-online-due',
      is('vehicle.nextInspectionAction', 'label-online'),
      'refuse',
      {
        condition: t(
          '本次检验为免上线检验年度（第2、4、8年）',
          'This inspection falls in an exempt year (2nd, 4th or 8th)',
        ),
        message: t('本次检验须上线检验（第6年、第10年）', 'This inspection is on site (6th and 10th year)'),
      },
      SRC.inspectionReform,
    ),
    rule(
      'not-overdue',
      not(is('vehicle.inspectionStatus', 'overdue')),
      'review',
      {
        condition: t('未超过检验有效期', 'The inspection is not overdue'),
        message: t('检验已逾期，由民警核对', 'The inspection is overdue: an officer checks the case'),
      },
      SRC.inspectionWindow,
    ),
  ],
  materials: [MATERIALS.vehicleLicence, MATERIALS.insurance, MATERIALS.vehicleTax],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic', 'post'],
  instantApproval: true,
  workflow: labelWorkflow,
});

/**
 * On-site inspection: the applicant takes the vehicle to a station, which uploads the result. With a passed
 * result on file the label is issued by rule; until it arrives the case waits for partner data (recheck),
 * and a failed result sends it to an officer.
 */
export const INSPECT_ONSITE = defineItem({
  code: 'INSPECT-ONSITE',
  name: t('上线检验及核发检验标志', 'On-site inspection and label'),
  summary: t(
    '车辆到检验机构上线检验，检验机构上传检验结果；结果合格且交强险、车船税有效时即时核发检验标志。检验不合格的须复检。',
    'Take the vehicle to an inspection station, which uploads the result; with a pass and valid insurance and tax the label is issued at once. A failed inspection needs a re-test.',
  ),
  category: 'inspection',
  subject: 'vehicle',
  legalBasis: [SRC.inspectionReform, SRC.inspectionWindow, SRC.labelPrerequisites],
  effectiveFrom: '2022-10-01',
  channels: ['online', 'window', 'agency', 'partner-outlet'],
  officeKinds: ['office', 'branch', 'outlet'],
  eligibility: [
    ...GATES,
    rule(
      'inspection-not-failed',
      not(is('inspection.latestResult', 'fail')),
      'review',
      {
        condition: t('检验机构未报告检验不合格', 'The inspection station has not reported a fail'),
        message: t(
          '检验机构报告检验不合格，须复检后由民警核对',
          'The station reported a fail: re-test, then an officer checks',
        ),
      },
      SRC.inspectionReform,
    ),
  ],
  materials: [
    MATERIALS.vehicleLicence,
    material(
      'inspection-report',
      t('安全技术检验合格证明', 'Passed inspection report'),
      'inspection-result',
      {
        note: t('由检验机构上传', 'Uploaded by the inspection station'),
      },
    ),
    MATERIALS.insurance,
    MATERIALS.vehicleTax,
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: true,
  delivery: ['electronic', 'post', 'collect'],
  instantApproval: true,
  workflow: labelWorkflow,
});

export const INSPECTION_ITEMS: readonly ItemDefinition[] = [INSPECT_LABEL, INSPECT_ONSITE];
