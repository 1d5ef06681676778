/**
 * The partner data API (数据代替纸质材料): hospitals, insurers, inspection stations, the tax bureau, the
 * post, dealers and the point-reduction education platform deliver records that replace a paper material.
 * These schemas check the shape of what a partner sends; the server then checks meaning (ID and VIN check
 * characters, date order, that the person, vehicle or case exists) and refuses the whole batch, with every
 * bad record's field path and reason, when one record fails.
 */
import { z } from 'zod';
import { isIsoDate } from '../registry/dates.ts';
import { energyTypeSchema, vehicleTypeSchema } from '../registry/vehicle.ts';

/** Who sends partner data. The names of the first six are the catalog's `DataSource` names. */
export const PARTNER_SOURCES = [
  'hospital-medical',
  'insurer-policy',
  'inspection-result',
  'tax-payment',
  'post-delivery',
  'dealer-sale',
  'study-exam',
] as const;
export const partnerSourceSchema = z.enum(PARTNER_SOURCES);
export type PartnerSource = z.infer<typeof partnerSourceSchema>;

/** The kind of record each source delivers (`partner_records.kind`). */
export const PARTNER_RECORD_KINDS = {
  'hospital-medical': 'medical-result',
  'insurer-policy': 'compulsory-insurance',
  'inspection-result': 'inspection-result',
  'tax-payment': 'vehicle-tax',
  'post-delivery': 'delivery-event',
  'dealer-sale': 'sale',
  'study-exam': 'exam',
} as const satisfies Record<PartnerSource, string>;

/** The last path segment of each source's route: `POST /api/v1/partner/<segment>`. */
export const PARTNER_ROUTE_SEGMENTS = {
  'hospital-medical': 'medical-results',
  'insurer-policy': 'insurance-policies',
  'inspection-result': 'inspection-results',
  'tax-payment': 'tax-payments',
  'post-delivery': 'delivery-events',
  'dealer-sale': 'vehicle-sales',
  'study-exam': 'exam-results',
} as const satisfies Record<PartnerSource, string>;

export const PARTNER_BATCH_MAX = 500;

const isoDate = z.iso.date().refine(isIsoDate, 'YYYY-MM-DD');
const name = z.string().trim().min(1).max(100);
/** The partner's own key for the record: (source, reference) is unique, so a resend changes nothing. */
const reference = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/, 'letters, digits and . _ : / - (1–64)')
  .meta({ description: 'The partner’s own unique key for the record (policy, report, invoice number…)' });
/** 18 characters; the check character (GB 11643) is verified by the server. */
const idNumber = z
  .string()
  .trim()
  .regex(/^\d{17}[\dXx]$/, '18-character resident ID number');
/** 17 characters without I, O, Q (ISO 3779); the check digit is verified where the record needs it. */
const vin = z
  .string()
  .trim()
  .regex(/^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$/, '17-character VIN (no I, O, Q)');
const passFail = z.enum(['pass', 'fail']);

/** Hospital: a driver's medical examination (机动车驾驶人身体条件证明). Valid six months from the exam. */
export const medicalResultRecordSchema = z
  .strictObject({
    reference,
    idNumber,
    hospital: name,
    examDate: isoDate,
    result: passFail,
    /** Decimal visual acuity on the 5-point logarithmic chart (C1 needs 4.9 in each eye). */
    vision: z
      .strictObject({ left: z.number().min(3).max(5.3), right: z.number().min(3).max(5.3) })
      .optional(),
    hearing: passFail.optional(),
    notes: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'MedicalResultRecord' });

/** Insurer: a compulsory traffic accident liability insurance policy (交强险), covering start–end inclusive. */
export const insurancePolicyRecordSchema = z
  .strictObject({
    reference: reference.meta({ description: 'Policy number' }),
    vin,
    insurer: name,
    startDate: isoDate,
    endDate: isoDate,
  })
  .meta({ id: 'InsurancePolicyRecord' });

/** Inspection station: a safety inspection result (安全技术检验). Usable for three months. */
export const inspectionResultRecordSchema = z
  .strictObject({
    reference: reference.meta({ description: 'Inspection report number' }),
    vin,
    station: name,
    inspectedOn: isoDate,
    result: passFail,
  })
  .meta({ id: 'InspectionResultRecord' });

/** Tax bureau: vehicle and vessel tax (车船税) of one year, paid or exempt (new-energy vehicles). */
export const vehicleTaxRecordSchema = z
  .strictObject({
    reference,
    vin,
    taxYear: z.number().int().min(2000).max(2100),
    status: z.enum(['paid', 'exempt']),
    amountFen: z.number().int().min(0).max(100_000_000),
  })
  .meta({ id: 'VehicleTaxRecord' });

export const DELIVERY_EVENTS = ['accepted', 'in-transit', 'out-for-delivery', 'delivered', 'failed'] as const;

/** Post: one tracking event of a case's documents sent by post (邮寄). */
export const deliveryEventRecordSchema = z
  .strictObject({
    reference: reference.meta({ description: 'Event id' }),
    trackingNumber: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{8,30}$/, 'upper-case letters and digits (8–30)'),
    caseNumber: z
      .string()
      .trim()
      .regex(/^C\d{14}$/, 'C + 14 digits'),
    event: z.enum(DELIVERY_EVENTS),
    at: z.iso.datetime({ offset: true }),
    place: name,
  })
  .meta({ id: 'DeliveryEventRecord' });

/** Dealer: the sale of a new vehicle (销售发票 + 合格证), the material of a first registration. */
export const vehicleSaleRecordSchema = z
  .strictObject({
    reference: reference.meta({ description: 'Invoice number' }),
    vin,
    buyerIdNumber: idNumber,
    saleDate: isoDate,
    brand: name,
    model: name,
    vehicleType: vehicleTypeSchema,
    energyType: energyTypeSchema,
    seats: z.number().int().min(1).max(99),
    colour: z.string().trim().min(1).max(20),
    priceFen: z.number().int().min(1).max(100_000_000_000),
    certificateNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{6,30}$/, 'vehicle conformity certificate number (合格证编号)'),
  })
  .meta({ id: 'VehicleSaleRecord' });

/** Education platform: a point-reduction study and exam (学法减分). `pointsEarned` is what the study is
 * worth (1 online, 2 on site) and counts only when `passed`. */
export const examResultRecordSchema = z
  .strictObject({
    reference,
    idNumber,
    examDate: isoDate,
    passed: z.boolean(),
    pointsEarned: z.union([z.literal(1), z.literal(2)]),
    studyMinutes: z.number().int().min(0).max(1440),
  })
  .meta({ id: 'ExamResultRecord' });

export type MedicalResultRecord = z.infer<typeof medicalResultRecordSchema>;
export type InsurancePolicyRecord = z.infer<typeof insurancePolicyRecordSchema>;
export type InspectionResultRecord = z.infer<typeof inspectionResultRecordSchema>;
export type VehicleTaxRecord = z.infer<typeof vehicleTaxRecordSchema>;
export type DeliveryEventRecord = z.infer<typeof deliveryEventRecordSchema>;
export type VehicleSaleRecord = z.infer<typeof vehicleSaleRecordSchema>;
export type ExamResultRecord = z.infer<typeof examResultRecordSchema>;

/** What each source sends, one record. */
export interface PartnerRecordBySource {
  'hospital-medical': MedicalResultRecord;
  'insurer-policy': InsurancePolicyRecord;
  'inspection-result': InspectionResultRecord;
  'tax-payment': VehicleTaxRecord;
  'post-delivery': DeliveryEventRecord;
  'dealer-sale': VehicleSaleRecord;
  'study-exam': ExamResultRecord;
}
export type PartnerRecordInput = PartnerRecordBySource[PartnerSource];

const batch = <T extends z.ZodType>(record: T, id: string) =>
  z.strictObject({ records: z.array(record).min(1).max(PARTNER_BATCH_MAX) }).meta({ id });

/** The request body of each source's route: 1–500 records, accepted or refused as a whole. */
export const partnerBatchSchemas = {
  'hospital-medical': batch(medicalResultRecordSchema, 'MedicalResultBatch'),
  'insurer-policy': batch(insurancePolicyRecordSchema, 'InsurancePolicyBatch'),
  'inspection-result': batch(inspectionResultRecordSchema, 'InspectionResultBatch'),
  'tax-payment': batch(vehicleTaxRecordSchema, 'VehicleTaxBatch'),
  'post-delivery': batch(deliveryEventRecordSchema, 'DeliveryEventBatch'),
  'dealer-sale': batch(vehicleSaleRecordSchema, 'VehicleSaleBatch'),
  'study-exam': batch(examResultRecordSchema, 'ExamResultBatch'),
} as const;

export const partnerIngestResultSchema = z
  .object({
    accepted: z.number().int().meta({ description: 'Records stored by this request' }),
    duplicates: z
      .number()
      .int()
      .meta({ description: 'Records whose (source, reference) was already stored: left unchanged' }),
    ids: z.array(z.uuid()).meta({
      description: 'The stored id of each record, in request order (the earlier id for a duplicate)',
    }),
  })
  .meta({ id: 'PartnerIngestResult' });
export type PartnerIngestResult = z.infer<typeof partnerIngestResultSchema>;

export const partnerRecordsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A stored record as its sender sees it. Personal ID numbers are never stored in the payload. */
export const partnerRecordSchema = z
  .object({
    id: z.uuid(),
    source: partnerSourceSchema,
    kind: z.string(),
    reference: z.string(),
    vin: z.string().nullable(),
    caseNumber: z.string().nullable(),
    validFrom: z.iso.date().nullable(),
    validUntil: z.iso.date().nullable(),
    payload: z.record(z.string(), z.unknown()),
    receivedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'PartnerRecord' });
export type PartnerRecordDto = z.infer<typeof partnerRecordSchema>;

export const partnerRecordListSchema = z
  .object({ items: z.array(partnerRecordSchema) })
  .meta({ id: 'PartnerRecordList' });
