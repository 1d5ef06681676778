/** Items that change a vehicle's status: mortgage registration and release, scrapping deregistration. */
import type { ItemDefinition } from '../item.ts';
import {
  answered,
  defineItem,
  is,
  MATERIALS,
  material,
  none,
  p,
  RULES,
  rule,
  SRC,
  t,
  workflow,
} from './common.ts';

const decided = (approvalRoles: readonly ('officer' | 'supervisor')[]) =>
  workflow({ production: false, instant: false, approvalRoles });

export const MORTGAGE_REG = defineItem({
  code: 'MORTGAGE-REG',
  name: t('机动车抵押登记', 'Mortgage registration'),
  summary: t(
    '机动车所有人与抵押权人（银行等）共同申请，在登记证书上签注抵押；车辆须状态正常。可在银行合作网点办理。',
    'The owner and the mortgagee (a bank…) apply together; the mortgage is entered on the registration certificate. The vehicle must be in normal status. Available at partner bank outlets.',
  ),
  category: 'vehicle',
  subject: 'vehicle',
  legalBasis: [SRC.vehicleRegulation],
  effectiveFrom: '2022-05-01',
  channels: ['online', 'window', 'partner-outlet', 'agency'],
  officeKinds: ['office', 'branch'],
  eligibility: [
    RULES.vehicleHeld,
    RULES.owner,
    rule(
      'vehicle-status-normal',
      is('vehicle.status', 'normal'),
      'refuse',
      {
        condition: t('机动车状态正常', 'The vehicle is in normal status'),
        message: t(
          '只有状态正常的机动车可以办理抵押登记',
          'Only a vehicle in normal status can be mortgaged',
        ),
      },
      SRC.vehicleRegulation,
    ),
    rule(
      'mortgagee-named',
      answered('mortgagee'),
      'refuse',
      {
        condition: t('提供抵押权人名称', 'You name the mortgagee'),
        message: t('请填写抵押权人', 'Enter the mortgagee'),
      },
      SRC.vehicleRegulation,
    ),
  ],
  materials: [
    MATERIALS.idCard,
    MATERIALS.registrationCert,
    material('mortgage-contract', t('抵押合同', 'Mortgage contract'), 'applicant'),
    material(
      'mortgagee-identity',
      t('抵押权人身份证明（营业执照）', 'Mortgagee identity (business licence)'),
      'applicant',
    ),
  ],
  form: [
    { key: 'mortgagee', label: t('抵押权人', 'Mortgagee'), type: 'text', required: true, maxLength: 120 },
    {
      key: 'contractNumber',
      label: t('抵押合同编号', 'Contract number'),
      type: 'text',
      required: true,
      maxLength: 60,
    },
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic', 'collect'],
  instantApproval: false,
  workflow: decided(['officer']),
});

export const MORTGAGE_RELEASE = defineItem({
  code: 'MORTGAGE-RELEASE',
  name: t('机动车解除抵押登记', 'Mortgage release'),
  summary: t(
    '主债权消灭后，凭抵押权人同意解除抵押的证明申请解除抵押；由督察（上级）审批，防止未经抵押权人同意解押。',
    'After the debt is settled, apply with the mortgagee’s release consent; a supervisor approves, so no mortgage is lifted without the mortgagee’s consent.',
  ),
  category: 'vehicle',
  subject: 'vehicle',
  legalBasis: [SRC.vehicleRegulation],
  effectiveFrom: '2022-05-01',
  channels: ['online', 'window', 'partner-outlet', 'agency'],
  officeKinds: ['office', 'branch'],
  eligibility: [
    RULES.vehicleHeld,
    RULES.owner,
    rule(
      'vehicle-mortgaged',
      is('vehicle.status', 'mortgaged'),
      'refuse',
      {
        condition: t('机动车已办理抵押登记', 'The vehicle is mortgaged'),
        message: t('该车未办理抵押登记', 'The vehicle is not mortgaged'),
      },
      SRC.vehicleRegulation,
    ),
  ],
  materials: [
    MATERIALS.idCard,
    MATERIALS.registrationCert,
    material('release-consent', t('抵押权人解除抵押证明', 'Mortgagee’s release consent'), 'applicant'),
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic', 'collect'],
  instantApproval: false,
  workflow: decided(['supervisor']),
});

export const SCRAP_DEREG = defineItem({
  code: 'SCRAP-DEREG',
  name: t('机动车报废注销登记', 'Deregistration of a scrapped vehicle'),
  summary: t(
    '车辆交报废机动车回收企业后，凭回收证明注销登记，号牌、行驶证、登记证书收回；须无抵押、查封和未处理违法，督察审批。',
    'After handing the vehicle to a licensed recycler, deregister it with the recycling certificate; plates and papers are withdrawn. No mortgage, seizure or open violations; a supervisor approves.',
  ),
  category: 'vehicle',
  subject: 'vehicle',
  legalBasis: [SRC.vehicleRegulation, SRC.scrapping],
  effectiveFrom: '2022-05-01',
  channels: ['window', 'partner-outlet', 'online', 'agency'],
  officeKinds: ['office', 'branch'],
  eligibility: [
    RULES.vehicleHeld,
    RULES.owner,
    rule(
      'not-encumbered',
      none('vehicle.status', ['mortgaged', 'seized', 'stolen', 'deregistered']),
      'refuse',
      {
        condition: t(
          '机动车未被抵押、查封、盗抢，且未注销',
          'The vehicle is not mortgaged, seized, stolen or already deregistered',
        ),
        message: t(
          '机动车处于抵押、查封、被盗抢或已注销状态，不能报废注销',
          'A mortgaged, seized, stolen or already deregistered vehicle cannot be deregistered',
        ),
      },
      SRC.scrapping,
    ),
    rule(
      'no-open-violations',
      p('vehicle.openViolations', 'eq', 0),
      'refuse',
      {
        condition: t('本车交通违法已处理完毕', 'All the vehicle’s traffic violations are handled'),
        message: t('请先处理本车的交通违法', 'Handle the vehicle’s open violations first'),
      },
      SRC.scrapping,
    ),
  ],
  materials: [
    MATERIALS.idCard,
    MATERIALS.registrationCert,
    material(
      'recycling-certificate',
      t('报废机动车回收证明', 'Scrapped-vehicle recycling certificate'),
      'applicant',
      {
        note: t('由报废机动车回收企业出具', 'Issued by the licensed recycler'),
      },
    ),
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic', 'collect'],
  instantApproval: false,
  workflow: decided(['supervisor']),
});

export const VEHICLE_STATUS_ITEMS: readonly ItemDefinition[] = [MORTGAGE_REG, MORTGAGE_RELEASE, SCRAP_DEREG];
