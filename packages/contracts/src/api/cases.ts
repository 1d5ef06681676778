import { z } from 'zod';
import { channelSchema, deliveryOptionSchema, localizedSchema, subjectKindSchema } from '../catalog/item.ts';
import { caseActionSchema, caseStateSchema } from '../catalog/workflow.ts';

export const ruleResultSchema = z.object({
  id: z.string(),
  applicable: z.boolean(),
  passed: z.boolean(),
  severity: z.enum(['refuse', 'review']),
  /** What must hold, phrased positively (shown when passed or not applicable). */
  condition: localizedSchema,
  /** Why it failed (shown when not passed). */
  message: localizedSchema,
  source: z.object({ title: z.string(), url: z.string().optional() }),
});

export const materialStatusSchema = z.object({
  code: z.string(),
  name: localizedSchema,
  supplier: z.string(),
  state: z.enum(['supplied', 'awaiting-partner', 'to-provide', 'provided', 'not-needed']),
});

export const autoCheckSchema = z
  .object({
    channelAllowed: z.boolean(),
    rules: z.array(ruleResultSchema),
    materials: z.array(materialStatusSchema),
    eligible: z.boolean(),
    needsReview: z.boolean(),
    instant: z.boolean(),
  })
  .meta({ id: 'AutoCheck' });
export type AutoCheckDto = z.infer<typeof autoCheckSchema>;

/** Which record a case is about. A licence case needs nothing: it is the applicant's own licence. */
export const subjectRefSchema = z
  .object({
    plate: z.string().trim().min(7).max(10).optional(),
    vin: z.string().trim().length(17).optional(),
    violationId: z.uuid().optional(),
  })
  .meta({ id: 'SubjectRef' });
export type SubjectRef = z.infer<typeof subjectRefSchema>;

const formSchema = z.record(z.string().max(40), z.string().max(500)).default({});

export const precheckSchema = z
  .object({
    itemCode: z.string().regex(/^[A-Z][A-Z0-9-]{2,30}$/),
    subject: subjectRefSchema.default({}),
    form: formSchema,
  })
  .meta({ id: 'Precheck' });

export const submitCaseSchema = precheckSchema
  .extend({
    delivery: deliveryOptionSchema,
    /** Materials the applicant hands in (window: checked by the officer). */
    provided: z.array(z.string().max(60)).max(20).default([]),
    /** Address for postal delivery. */
    deliveryAddress: z.string().trim().min(5).max(200).optional(),
  })
  .meta({ id: 'SubmitCase' });

/** Window submission (窗口受理): the officer names the applicant by ID number. */
export const windowSubmitCaseSchema = submitCaseSchema
  .extend({ applicantIdNumber: z.string().trim().min(15).max(18) })
  .meta({ id: 'WindowSubmitCase' });
export const windowPrecheckSchema = precheckSchema
  .extend({ applicantIdNumber: z.string().trim().min(15).max(18) })
  .meta({ id: 'WindowPrecheck' });

export const precheckResultSchema = z
  .object({
    itemCode: z.string(),
    version: z.number().int(),
    subject: z.object({ kind: subjectKindSchema, id: z.uuid().nullable(), label: z.string() }).nullable(),
    check: autoCheckSchema,
  })
  .meta({ id: 'PrecheckResult' });

export const caseEventSchema = z.object({
  seq: z.number().int(),
  action: caseActionSchema,
  fromState: caseStateSchema.nullable(),
  toState: caseStateSchema,
  actorRole: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});

/** A file the applicant (or the window, scanning it) handed in for a material. */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export const caseDocumentSchema = z
  .object({
    id: z.uuid(),
    materialCode: z.string(),
    fileName: z.string(),
    contentType: z.enum(DOCUMENT_CONTENT_TYPES),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.iso.datetime({ offset: true }),
    uploadedByRole: z.string(),
  })
  .meta({ id: 'CaseDocument' });
export type CaseDocument = z.infer<typeof caseDocumentSchema>;

export const uploadDocumentSchema = z
  .object({
    materialCode: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .max(60),
    fileName: z.string().trim().min(1).max(120),
    contentType: z.enum(DOCUMENT_CONTENT_TYPES),
    /** The file, base64-encoded (at most 2 MiB once decoded). */
    dataBase64: z.base64().max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4),
  })
  .meta({ id: 'UploadDocument' });

export const documentParamsSchema = z.object({ id: z.uuid(), docId: z.uuid() });

export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    itemCode: z.string(),
    itemVersion: z.number().int(),
    itemName: localizedSchema,
    channel: channelSchema,
    status: caseStateSchema,
    applicantName: z.string(),
    subjectLabel: z.string(),
    submittedAt: z.iso.datetime({ offset: true }),
    dueDate: z.iso.date().nullable(),
    stateDueDate: z.iso.date().nullable(),
    escalated: z.boolean(),
    decidedBy: z.enum(['rule', 'officer', 'supervisor', 'deemed']).nullable(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = caseSummarySchema
  .extend({
    subjectKind: subjectKindSchema,
    applicantIdNumber: z.string().meta({ description: 'Masked' }),
    agentName: z.string().nullable(),
    outlet: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    handlingOffice: z.object({ id: z.uuid(), name: z.string() }),
    feeFen: z.number().int(),
    delivery: deliveryOptionSchema,
    deliveryAddress: z.string().nullable(),
    form: z.record(z.string(), z.string()),
    statutoryDueDate: z.iso.date().nullable(),
    pausedSince: z.iso.date().nullable(),
    check: autoCheckSchema,
    ruleSet: z
      .string()
      .nullable()
      .meta({ description: 'Fingerprint of the rule set that approved the case by rule' }),
    correction: z.string().nullable().meta({ description: 'What the officer asked to correct, while open' }),
    events: z.array(caseEventSchema),
    documents: z.array(caseDocumentSchema),
    availableActions: z.array(caseActionSchema),
  })
  .meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseListQuerySchema = z.object({
  status: caseStateSchema.optional(),
  itemCode: z.string().max(31).optional(),
  /** near: due within 2 working days; overdue: past the promised or state limit; escalated. */
  due: z.enum(['near', 'overdue', 'escalated']).optional(),
  number: z.string().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const caseActionRequestSchema = z
  .object({
    action: caseActionSchema,
    note: z.string().trim().max(500).optional(),
    /** answer-correction: materials now handed in, form fields corrected. */
    provided: z.array(z.string().max(60)).max(20).optional(),
    form: z.record(z.string().max(40), z.string().max(500)).optional(),
  })
  .meta({ id: 'CaseActionRequest' });
export type CaseActionRequest = z.infer<typeof caseActionRequestSchema>;

/** Public progress lookup (办件进度查询) by case number and the last four characters of the ID number. */
export const publicProgressQuerySchema = z.object({
  number: z
    .string()
    .trim()
    .regex(/^C\d{14}$/, 'C + 14 digits'),
  idLast4: z
    .string()
    .trim()
    .regex(/^\d{3}[\dXx]$/, '4 characters'),
});
export const publicProgressSchema = z
  .object({
    number: z.string(),
    itemName: localizedSchema,
    status: caseStateSchema,
    submittedAt: z.iso.datetime({ offset: true }),
    dueDate: z.iso.date().nullable(),
    steps: z.array(z.object({ toState: caseStateSchema, at: z.iso.datetime({ offset: true }) })),
  })
  .meta({ id: 'PublicProgress' });
export type CaseList = z.infer<typeof caseListSchema>;
export type PrecheckResult = z.infer<typeof precheckResultSchema>;
export type PublicProgress = z.infer<typeof publicProgressSchema>;
