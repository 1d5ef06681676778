/** Filings (备案): the platform records what the applicant tells it; nothing is granted. */
import type { ItemDefinition } from '../item.ts';
import { answered, defineItem, MATERIALS, RULES, rule, SRC, t, workflow } from './common.ts';

export const CONTACT_FILING = defineItem({
  code: 'CONTACT-FILING',
  name: t('联系方式及住所备案', 'Contact details and address filing'),
  summary: t(
    '手机号码、通信地址变更或住所在本辖区内迁移时备案，不需变更登记。备案即时生效；人工复核超时视为备案完成。',
    'File a new phone number, postal address or a move within the same jurisdiction (no change registration needed). Takes effect at once; if a manual check overruns, the filing stands.',
  ),
  category: 'filing',
  subject: 'person',
  legalBasis: [SRC.filing],
  effectiveFrom: '2022-05-01',
  channels: ['online', 'kiosk', 'window', 'agency'],
  officeKinds: ['office', 'branch', 'outlet', 'kiosk'],
  eligibility: [
    RULES.applicant,
    rule(
      'phone-given',
      answered('phone'),
      'refuse',
      {
        condition: t('提供本人手机号码', 'You give a mobile phone number'),
        message: t('请填写手机号码', 'Enter a mobile phone number'),
      },
      SRC.filing,
    ),
    rule(
      'address-given',
      answered('address'),
      'refuse',
      {
        condition: t('提供通信地址', 'You give a postal address'),
        message: t('请填写通信地址', 'Enter a postal address'),
      },
      SRC.filing,
    ),
    RULES.realNameOnline,
    RULES.noOpenCase,
  ],
  materials: [MATERIALS.idCard],
  form: [
    { key: 'phone', label: t('手机号码', 'Mobile phone'), type: 'phone', required: true, maxLength: 20 },
    { key: 'address', label: t('通信地址', 'Postal address'), type: 'text', required: true, maxLength: 200 },
  ],
  feeFen: 0,
  statutoryDays: 1,
  promisedDays: 1,
  presenceRequired: false,
  delivery: ['electronic'],
  instantApproval: true,
  // A filing grants nothing: when the office does not look at it in time, it is deemed accepted.
  workflow: workflow({ production: false, instant: true, reviewEscalation: 'deem-approve' }),
});

export const FILING_ITEMS: readonly ItemDefinition[] = [CONTACT_FILING];
