/**
 * A business item (事项) as one versioned definition. Editing creates a new version; a case keeps the
 * version it started with. Everything a guide, an eligibility check, the materials checklist, the fee,
 * the clocks and the workflow need is here — and nowhere in handler code.
 */
import { z } from 'zod';
import { officeKindSchema } from '../identity/roles.ts';
import { isIsoDate } from '../registry/dates.ts';
import { predicateSchema } from './predicate.ts';
import { workflowSchema } from './workflow.ts';

const isoDate = z.string().refine(isIsoDate, 'YYYY-MM-DD');
export const localizedSchema = z.strictObject({
  zh: z.string().min(1).max(500),
  en: z.string().min(1).max(500),
});
export type Localized = z.infer<typeof localizedSchema>;

export const CHANNELS = ['online', 'kiosk', 'window', 'agency', 'partner-outlet'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const ITEM_CATEGORIES = ['licence', 'vehicle', 'violation', 'inspection', 'plate', 'filing'] as const;
export const itemCategorySchema = z.enum(ITEM_CATEGORIES);
export type ItemCategory = z.infer<typeof itemCategorySchema>;

/** What a case is about. */
export const SUBJECT_KINDS = ['licence', 'vehicle', 'violation', 'new-vehicle', 'person'] as const;
export const subjectKindSchema = z.enum(SUBJECT_KINDS);
export type SubjectKind = z.infer<typeof subjectKindSchema>;

/**
 * Partner data sources that substitute a paper material (数据代替纸质材料). `registry` is the platform's
 * own record (ID card, licence, registration certificate): also never asked of the applicant.
 */
export const DATA_SOURCES = [
  'registry',
  'hospital-medical',
  'insurer-policy',
  'inspection-result',
  'tax-payment',
  'dealer-sale',
  'study-exam',
] as const;
export const dataSourceSchema = z.enum(DATA_SOURCES);
export type DataSource = z.infer<typeof dataSourceSchema>;

export const DELIVERY_OPTIONS = ['post', 'collect', 'electronic'] as const;
export const deliveryOptionSchema = z.enum(DELIVERY_OPTIONS);
export type DeliveryOption = z.infer<typeof deliveryOptionSchema>;

export const legalSourceSchema = z.strictObject({
  title: z.string().min(1).max(300),
  url: z.url().max(500).optional(),
  reliability: z.enum(['official', 'secondary', 'unverified']),
});

export const eligibilityRuleSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(60),
  /** The rule applies only when this holds (e.g. "licence expired 1–3 years"). */
  when: predicateSchema.optional(),
  /** What must hold. */
  require: predicateSchema,
  /** `refuse`: the application cannot be made. `review`: it can, but an officer must look (no instant approval). */
  severity: z.enum(['refuse', 'review']),
  /**
   * The positive statement of what must hold, as the service guide prints it (办理条件): "驾驶证在有效期内".
   * A rule with `when` phrases the whole condition ("有效期满超过1年但不超过3年的，须科目一考试合格"). Shown in
   * the guide and beside a rule the pre-check found met (or not applicable).
   */
  condition: localizedSchema,
  /** The reason shown when the rule fails: "驾驶证已超过有效期，请申请期满换证". */
  message: localizedSchema,
  source: legalSourceSchema,
});
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;

export const materialSchema = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(60),
  name: localizedSchema,
  /** `applicant`: uploaded or shown by the applicant; otherwise the data source that supplies it. */
  supplier: z.union([z.literal('applicant'), dataSourceSchema]),
  /** Needed only when this holds; absent = always. */
  when: predicateSchema.optional(),
  note: localizedSchema.optional(),
});
export type Material = z.infer<typeof materialSchema>;

/** A field the applicant fills in (new address, mortgagee, reason of replacement…). */
export const formFieldSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-zA-Z][a-zA-Z0-9]*$/)
    .max(40),
  label: localizedSchema,
  type: z.enum(['text', 'phone', 'choice', 'date']),
  required: z.boolean(),
  options: z
    .array(z.strictObject({ value: z.string().max(40), label: localizedSchema }))
    .max(20)
    .optional(),
  maxLength: z.number().int().min(1).max(500).optional(),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const itemDefinitionSchema = z
  .strictObject({
    code: z.string().regex(/^[A-Z][A-Z0-9-]{2,30}$/, 'upper-case code, e.g. DL-RENEW'),
    name: localizedSchema,
    summary: localizedSchema,
    category: itemCategorySchema,
    subject: subjectKindSchema,
    legalBasis: z.array(legalSourceSchema).min(1).max(10),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.optional(),
    channels: z.array(channelSchema).min(1),
    /** The delegation matrix (放): office kinds that may accept and decide this item. */
    officeKinds: z.array(officeKindSchema).min(1),
    eligibility: z.array(eligibilityRuleSchema).max(30),
    materials: z.array(materialSchema).max(20),
    form: z.array(formFieldSchema).max(10).default([]),
    feeFen: z.number().int().min(0).max(10_000_000),
    /** Working days: the limit in law, and the (shorter) limit the office promises (承诺时限). */
    statutoryDays: z.number().int().min(0).max(365),
    promisedDays: z.number().int().min(0).max(365),
    /** The applicant or the vehicle must come in person (e.g. on-site inspection, vehicle check). */
    presenceRequired: z.boolean(),
    delivery: z.array(deliveryOptionSchema).min(1),
    /** Approval by rule on the spot when every rule passes and every material comes from data. */
    instantApproval: z.boolean(),
    workflow: workflowSchema,
  })
  .superRefine((d, ctx) => {
    if (d.promisedDays > d.statutoryDays)
      ctx.addIssue({ code: 'custom', path: ['promisedDays'], message: 'must not exceed statutoryDays' });
    if (d.effectiveTo && d.effectiveTo < d.effectiveFrom)
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must not precede effectiveFrom' });
    const ids = new Set<string>();
    d.eligibility.forEach((r, i) => {
      if (ids.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['eligibility', i, 'id'], message: 'duplicate' });
      ids.add(r.id);
    });
    if (d.instantApproval && !d.workflow.transitions.some((t) => t.action === 'instant-approve'))
      ctx.addIssue({ code: 'custom', path: ['instantApproval'], message: 'workflow has no instant-approve' });
  });
export type ItemDefinition = z.infer<typeof itemDefinitionSchema>;
export type ItemDefinitionInput = z.input<typeof itemDefinitionSchema>;
