import { type ItemDefinition, type ItemDefinitionInput, standardWorkflow } from '@opendmv/contracts';
import { ApiError, isApiError } from '../../app/api/client.ts';

/** The edit form's values: flat fields for the simple parts, JSON text for the structured ones. */
export interface CatalogFormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  category: ItemDefinition['category'];
  subject: ItemDefinition['subject'];
  feeYuan: number;
  statutoryDays: number;
  promisedDays: number;
  channels: ItemDefinition['channels'];
  officeKinds: ItemDefinition['officeKinds'];
  presenceRequired: boolean;
  delivery: ItemDefinition['delivery'];
  instantApproval: boolean;
  effectiveFrom: string;
  effectiveTo?: string;
  legalBasis: string;
  eligibility: string;
  materials: string;
  form: string;
  workflow: string;
  changeNote: string;
}

export const JSON_FIELDS = ['legalBasis', 'eligibility', 'materials', 'form', 'workflow'] as const;
export const FORM_FIELDS: readonly string[] = [
  'code',
  'nameZh',
  'nameEn',
  'summaryZh',
  'summaryEn',
  'category',
  'subject',
  'feeYuan',
  'statutoryDays',
  'promisedDays',
  'channels',
  'officeKinds',
  'presenceRequired',
  'delivery',
  'instantApproval',
  'effectiveFrom',
  'effectiveTo',
  ...JSON_FIELDS,
  'changeNote',
];

const json = (v: unknown) => JSON.stringify(v, null, 2);

export function toFormValues(d: ItemDefinitionInput): CatalogFormValues {
  return {
    code: d.code,
    nameZh: d.name.zh,
    nameEn: d.name.en,
    summaryZh: d.summary.zh,
    summaryEn: d.summary.en,
    category: d.category,
    subject: d.subject,
    feeYuan: d.feeFen / 100,
    statutoryDays: d.statutoryDays,
    promisedDays: d.promisedDays,
    channels: [...d.channels],
    officeKinds: [...d.officeKinds],
    presenceRequired: d.presenceRequired,
    delivery: [...d.delivery],
    instantApproval: d.instantApproval,
    effectiveFrom: d.effectiveFrom,
    effectiveTo: d.effectiveTo,
    legalBasis: json(d.legalBasis),
    eligibility: json(d.eligibility),
    materials: json(d.materials),
    form: json(d.form ?? []),
    workflow: json(d.workflow),
    changeNote: '',
  };
}

/** The definition the API receives. JSON fields are parsed (the form's validator checked them already). */
export function toDefinition(v: CatalogFormValues): ItemDefinitionInput {
  return {
    code: v.code.trim(),
    name: { zh: v.nameZh.trim(), en: v.nameEn.trim() },
    summary: { zh: v.summaryZh.trim(), en: v.summaryEn.trim() },
    category: v.category,
    subject: v.subject,
    legalBasis: JSON.parse(v.legalBasis),
    effectiveFrom: v.effectiveFrom,
    ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
    channels: v.channels,
    officeKinds: v.officeKinds,
    eligibility: JSON.parse(v.eligibility),
    materials: JSON.parse(v.materials),
    form: JSON.parse(v.form),
    // Yuan → integer fen, rounded once (the input allows two decimals).
    feeFen: Math.round(Number(v.feeYuan ?? 0) * 100),
    statutoryDays: v.statutoryDays,
    promisedDays: v.promisedDays,
    presenceRequired: v.presenceRequired,
    delivery: v.delivery,
    instantApproval: v.instantApproval,
    workflow: JSON.parse(v.workflow),
  };
}

/** A blank item to start from: the standard workflow, no rules, no materials. */
export function blankDefinition(today: string): ItemDefinitionInput {
  return {
    code: '',
    name: { zh: '', en: '' },
    summary: { zh: '', en: '' },
    category: 'filing',
    subject: 'person',
    legalBasis: [{ title: '', reliability: 'official' }],
    effectiveFrom: today,
    channels: ['online', 'window'],
    officeKinds: ['office', 'branch'],
    eligibility: [],
    materials: [],
    form: [],
    feeFen: 0,
    statutoryDays: 20,
    promisedDays: 5,
    presenceRequired: false,
    delivery: ['electronic'],
    instantApproval: false,
    workflow: standardWorkflow({
      production: false,
      approvalRoles: ['officer'],
      instant: false,
      acceptDays: 1,
      reviewDays: 5,
      reviewEscalation: 'escalate',
    }),
  };
}

/**
 * Server field paths (`body.definition.name.zh`, `body.definition.eligibility.0.id`, `body.changeNote`) →
 * the form's field names (`nameZh`, `eligibility`, `changeNote`). Fields that match nothing stay in
 * `rest` for a general message.
 */
export function mapServerErrors(error: unknown): { mapped: ApiError | null; rest: string[] } {
  if (!isApiError(error) || error.fields.length === 0) return { mapped: null, rest: [] };
  const mapped: { field: string; message: string }[] = [];
  const rest: string[] = [];
  for (const f of error.fields) {
    const parts = f.field
      .replace(/^body\.?/, '')
      .replace(/^definition\.?/, '')
      .split('.');
    const [head = '', second] = parts;
    let name = head;
    if ((head === 'name' || head === 'summary') && (second === 'zh' || second === 'en'))
      name = `${head}${second === 'zh' ? 'Zh' : 'En'}`;
    if (head === 'feeFen') name = 'feeYuan';
    if (FORM_FIELDS.includes(name)) {
      const detail =
        parts.length > 1 && (JSON_FIELDS as readonly string[]).includes(name)
          ? `${parts.slice(1).join('.')}: `
          : '';
      mapped.push({ field: name, message: `${detail}${f.message}` });
    } else rest.push(`${f.field}: ${f.message}`);
  }
  return { mapped: new ApiError(error.status, error.code, error.message, mapped), rest };
}
