/** Plate items: choosing a number for a new car, replacing lost plates or a lost vehicle licence. */
import type { ItemDefinition } from '../item.ts';
import {
  any,
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

/**
 * Plate-number selection (互联网选号). The server offers candidates drawn at random from the plates free at
 * the office (the count — often quoted as 50 — is unverified, a setting) or lets the applicant compose one
 * within the format rules (R9, registry/plate.ts); the number chosen is reserved for the registration.
 * One selection per person per 12 months is a product setting (12123's real limits are unverified).
 */
export const PLATE_SELECT = defineItem({
  code: 'PLATE-SELECT',
  name: t('机动车号牌选号', 'Plate-number selection'),
  summary: t(
    '新车注册前（或已登记车辆的所有人）从系统随机生成的候选号码中选定一个号牌号码，或按编码规则自编；每人12个月内限选1次（本平台设置）。',
    'Before registration (or as the owner of a registered vehicle) pick one of the numbers the system draws at random, or compose one within the format rules; one selection per person in 12 months (a platform setting).',
  ),
  category: 'plate',
  subject: 'new-vehicle',
  legalBasis: [SRC.vehicleRegulation, SRC.productSetting],
  effectiveFrom: '2022-05-01',
  channels: ['online', 'window', 'kiosk', 'partner-outlet'],
  officeKinds: ['office', 'branch', 'outlet', 'kiosk'],
  eligibility: [
    RULES.applicant,
    rule(
      'has-vehicle',
      any(is('sale.exists', true), is('vehicle.ownedByApplicant', true)),
      'refuse',
      {
        condition: t(
          '有经销商上传的新车销售记录，或申请人为已登记车辆的所有人',
          'A dealer has recorded the sale of your new car, or you own the registered vehicle',
        ),
        message: t(
          '须有经销商上传的新车销售记录，或为已登记车辆的所有人',
          'Needs a dealer sale record for the new car, or you must own the registered vehicle',
        ),
      },
      SRC.registration,
    ),
    rule(
      'yearly-limit',
      p('plate.selectionsThisYear', 'lt', 1),
      'refuse',
      {
        condition: t(
          '申请人12个月内未选过号牌号码',
          'You have not selected a plate number in the last 12 months',
        ),
        message: t(
          '12个月内已选过号牌号码',
          'You have already selected a plate number in the last 12 months',
        ),
      },
      SRC.productSetting,
    ),
    RULES.realNameOnline,
    RULES.noOpenCase,
  ],
  materials: [
    MATERIALS.idCard,
    material('sale-invoice', t('机动车销售统一发票', 'Vehicle sales invoice'), 'dealer-sale', {
      when: is('vehicle.ownedByApplicant', false),
    }),
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic'],
  instantApproval: true,
  workflow: workflow({ production: false, instant: true }),
});

export const PLATE_REPLACE = defineItem({
  code: 'PLATE-REPLACE',
  name: t('补领、换领号牌或行驶证', 'Replacement of plates or the vehicle licence'),
  summary: t(
    '号牌、行驶证灭失、丢失或损毁时补领、换领；只补行驶证的可即时办理，补号牌由民警审核。行驶证工本费10元；号牌每副100元另收（按所选项目收费尚未建模）。',
    'Replace lost or damaged plates or vehicle licence. A vehicle licence alone is issued at once; plates are reviewed by an officer. Fee ¥10 for the vehicle licence; plates ¥100 per pair on top (per-choice fees are not modelled yet).',
  ),
  category: 'plate',
  subject: 'vehicle',
  legalBasis: [SRC.vehicleRegulation],
  effectiveFrom: '2022-05-01',
  channels: ['online', 'window', 'kiosk', 'agency'],
  officeKinds: ['office', 'branch', 'outlet'],
  eligibility: [
    RULES.vehicleHeld,
    RULES.owner,
    rule(
      'vehicle-in-use',
      none('vehicle.status', ['seized', 'scrapped', 'stolen', 'deregistered']),
      'refuse',
      {
        condition: t(
          '机动车未被查封，未报废、未被盗抢、未注销',
          'The vehicle is not seized, scrapped, stolen or deregistered',
        ),
        message: t(
          '机动车处于查封、报废、被盗抢或注销状态，不能补换号牌或行驶证',
          'Not possible while the vehicle is seized, scrapped, stolen or deregistered',
        ),
      },
      SRC.vehicleRegulation,
    ),
    rule(
      'plate-reviewed',
      is('form.lostWhat', 'vehicle-licence'),
      'review',
      {
        condition: t('仅补领、换领行驶证（不涉及号牌）', 'Only the vehicle licence is replaced (no plates)'),
        message: t(
          '补领号牌由民警审核（号牌库存、原号牌是否被冒用）',
          'Plate replacement is reviewed by an officer (stock, possible misuse of the lost plate)',
        ),
      },
      SRC.vehicleRegulation,
    ),
  ],
  materials: [MATERIALS.idCard, MATERIALS.vehicleLicence],
  form: [
    {
      key: 'lostWhat',
      label: t('补领项目', 'What to replace'),
      type: 'choice',
      required: true,
      options: [
        { value: 'vehicle-licence', label: t('行驶证', 'Vehicle licence') },
        { value: 'plate', label: t('号牌', 'Plates') },
        { value: 'both', label: t('号牌和行驶证', 'Plates and vehicle licence') },
      ],
    },
  ],
  feeFen: 1000,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['post', 'collect'],
  instantApproval: true,
  workflow: workflow({ production: true, instant: true }),
});

export const PLATE_ITEMS: readonly ItemDefinition[] = [PLATE_SELECT, PLATE_REPLACE];
