/** Vehicle registration items (机动车登记): transfer to a new owner, registration of a new car. */
import type { ItemDefinition } from '../item.ts';
import { answered, defineItem, is, MATERIALS, material, p, RULES, rule, SRC, t, workflow } from './common.ts';

/** An officer decides; new plates / vehicle licence / registration certificate are produced. */
const registrationWorkflow = workflow({ production: true, instant: false });

export const TRANSFER = defineItem({
  code: 'TRANSFER',
  name: t('机动车转让登记（过户）', 'Transfer registration (change of owner)'),
  summary: t(
    '现机动车所有人（买方）自车辆交付之日起30日内申请；车辆须状态正常，违法、事故已处理完毕；须交验车辆，民警审核后核发新的行驶证（及号牌）。',
    'The new owner (buyer) applies within 30 days of delivery; the vehicle must be in normal status with violations and accidents settled; the vehicle is checked and an officer decides, then a new vehicle licence (and plates) is issued.',
  ),
  category: 'vehicle',
  subject: 'vehicle',
  legalBasis: [SRC.vehicleRegulation, SRC.transfer],
  effectiveFrom: '2022-05-01',
  channels: ['online', 'window', 'agency'],
  officeKinds: ['office', 'branch'],
  eligibility: [
    RULES.vehicleHeld,
    rule(
      'applicant-is-new-owner',
      is('vehicle.ownedByApplicant', false),
      'refuse',
      {
        condition: t(
          '申请人为买方（现机动车所有人），而非登记的原所有人',
          'You are the buyer (the new owner), not the registered seller',
        ),
        message: t(
          '转让登记由买方（现机动车所有人）申请',
          'The buyer (the new owner) applies for the transfer',
        ),
      },
      SRC.transfer,
    ),
    rule(
      'vehicle-status-normal',
      is('vehicle.status', 'normal'),
      'refuse',
      {
        condition: t(
          '机动车状态正常，未被抵押、查封，未报废、未被盗抢、未注销',
          'The vehicle is in normal status: not mortgaged, seized, scrapped, stolen or deregistered',
        ),
        message: t(
          '机动车处于抵押、查封、报废、被盗抢或注销状态，不能转让登记',
          'The vehicle is mortgaged, seized, scrapped, stolen or deregistered: it cannot be transferred',
        ),
      },
      SRC.transfer,
    ),
    rule(
      'no-open-violations',
      p('vehicle.openViolations', 'eq', 0),
      'refuse',
      {
        condition: t(
          '本车交通违法已由原所有人处理完毕',
          'The seller has handled all of the vehicle’s traffic violations',
        ),
        message: t(
          '请原所有人先处理本车的交通违法',
          'The seller must first handle the vehicle’s open violations',
        ),
      },
      SRC.transfer,
    ),
    rule(
      'seller-named',
      answered('sellerName'),
      'refuse',
      {
        condition: t('提供原机动车所有人姓名或名称', 'You name the seller (the previous owner)'),
        message: t('请填写原所有人', 'Enter the seller'),
      },
      SRC.transfer,
    ),
    rule(
      'delivery-date-valid',
      p('transfer.daysSinceDelivery', 'gte', 0),
      'refuse',
      {
        condition: t('车辆交付日期不晚于申请当日', 'The delivery date is no later than today'),
        message: t('请填写不晚于今天的交付日期', 'Enter a delivery date no later than today'),
      },
      SRC.transfer,
    ),
    rule(
      'within-30-days',
      p('transfer.daysSinceDelivery', 'lte', 30),
      'review',
      {
        condition: t('自车辆交付之日起30日内申请', 'You apply within 30 days of delivery'),
        message: t(
          '超过交付之日起30日，由民警审核（可能依法处罚）',
          'More than 30 days since delivery: an officer reviews the case (a penalty may apply)',
        ),
      },
      SRC.transfer,
      p('transfer.daysSinceDelivery', 'gte', 0),
    ),
    rule(
      'insurance-valid',
      is('vehicle.insuranceValid', true),
      'review',
      {
        condition: t('交强险在有效期内', 'Compulsory insurance (交强险) is in force'),
        message: t(
          '交强险不在有效期内，由民警核对',
          'Compulsory insurance is not in force: an officer checks',
        ),
      },
      SRC.transfer,
    ),
  ],
  materials: [
    MATERIALS.idCard,
    MATERIALS.registrationCert,
    MATERIALS.vehicleLicence,
    material(
      'ownership-transfer-proof',
      t('所有权转移证明（二手车销售发票等）', 'Proof of transfer (used-car invoice…)'),
      'applicant',
    ),
    MATERIALS.insurance,
    material(
      'inspection-report',
      t('安全技术检验合格证明', 'Passed inspection report'),
      'inspection-result',
      {
        when: is('vehicle.inspectionStatus', 'overdue'),
        note: t('车辆超过检验有效期时需要', 'Needed when the inspection is overdue'),
      },
    ),
  ],
  form: [
    {
      key: 'sellerName',
      label: t('原机动车所有人', 'Seller (previous owner)'),
      type: 'text',
      required: true,
      maxLength: 80,
    },
    { key: 'transferDate', label: t('车辆交付日期', 'Delivery date'), type: 'date', required: true },
  ],
  feeFen: 1000,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: true,
  delivery: ['post', 'collect'],
  instantApproval: false,
  workflow: registrationWorkflow,
});

/**
 * New-car registration at a dealer outlet (4S店代办): the dealer's trained checker inspects the vehicle on
 * its premises, so the owner need not bring the car to the office (`presenceRequired: false`); at a window
 * the vehicle is checked in the office's bay as part of the review.
 */
export const NEW_REG = defineItem({
  code: 'NEW-REG',
  name: t('新车注册登记', 'Registration of a new vehicle'),
  summary: t(
    '新车在经销商合作网点或车管所申请注册登记：销售发票、合格证由经销商共享，交强险由保险公司共享；查验车辆后民警审核，核发号牌、行驶证和登记证书。',
    'Register a new car at a dealer partner outlet or an office: invoice and conformity certificate come from the dealer, insurance from the insurer; after the vehicle check an officer decides and plates, vehicle licence and registration certificate are issued.',
  ),
  category: 'vehicle',
  subject: 'new-vehicle',
  legalBasis: [SRC.vehicleRegulation, SRC.registration],
  effectiveFrom: '2022-05-01',
  channels: ['partner-outlet', 'window', 'agency'],
  officeKinds: ['office', 'branch', 'outlet'],
  eligibility: [
    RULES.applicant,
    rule(
      'sale-on-record',
      is('sale.exists', true),
      'refuse',
      {
        condition: t(
          '经销商已上传该车（按车辆识别代号）的销售记录',
          'The dealer has recorded the sale of this vehicle (by VIN)',
        ),
        message: t('未查询到经销商上传的该车销售记录', 'No dealer sale record for this VIN'),
      },
      SRC.registration,
    ),
    rule(
      'not-yet-registered',
      is('vehicle.exists', false),
      'refuse',
      {
        condition: t('该车尚未注册登记', 'The vehicle is not yet registered'),
        message: t('该车辆已注册登记', 'This vehicle is already registered'),
      },
      SRC.registration,
    ),
  ],
  materials: [
    MATERIALS.idCard,
    material('sale-invoice', t('机动车销售统一发票', 'Vehicle sales invoice'), 'dealer-sale'),
    material('conformity-certificate', t('整车出厂合格证明', 'Certificate of conformity'), 'dealer-sale'),
    material(
      'compulsory-insurance',
      t('交强险凭证', 'Compulsory insurance (交强险) proof'),
      'insurer-policy',
    ),
    MATERIALS.vehicleTax,
    material(
      'purchase-tax',
      t('车辆购置税完税或免税证明', 'Vehicle purchase tax paid or exempt proof'),
      'applicant',
      {
        note: t(
          '令第164号规定与税务部门电子核验；接口接通前由经销商上传',
          'Verified electronically with the tax authority under 令第164号; until that link exists the dealer uploads it',
        ),
      },
    ),
    material('vehicle-check', t('机动车查验记录', 'Vehicle check record'), 'applicant', {
      note: t(
        '由经销商网点查验员或车管所查验区完成',
        'Done by the dealer outlet’s checker or at the office’s check bay',
      ),
    }),
  ],
  // The VIN normally arrives as the case subject (the server reads it from there or from this field).
  form: [
    { key: 'vin', label: t('车辆识别代号（VIN）', 'VIN'), type: 'text', required: false, maxLength: 17 },
  ],
  feeFen: 12000,
  statutoryDays: 2,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['post', 'collect'],
  instantApproval: false,
  workflow: registrationWorkflow,
});

export const VEHICLE_ITEMS: readonly ItemDefinition[] = [TRANSFER, NEW_REG];
