import { z } from 'zod';
import { deliveryOptionSchema } from '../catalog/item.ts';
import { DELIVERY_EVENTS } from './partner.ts';

/** Documents the office issues: an electronic receipt (电子缴款凭证) or a decision document (决定书). */
export const ISSUED_DOCUMENT_KINDS = ['receipt', 'decision'] as const;
export const issuedDocumentKindSchema = z.enum(ISSUED_DOCUMENT_KINDS);
export type IssuedDocumentKind = z.infer<typeof issuedDocumentKindSchema>;

/** A document stands (`valid`) until it is voided (作废: a refunded payment's receipt). */
export const documentStatusSchema = z.enum(['valid', 'void']);

const bilingual = z.object({ zh: z.string(), en: z.string() });

/** One issued document, as listed to its holder and to staff: the PDF and the verification page link. */
export const issuedDocumentSchema = z
  .object({
    id: z.uuid().meta({ description: 'Also the verification id: the QR on the PDF opens /verify/<id>' }),
    kind: issuedDocumentKindSchema,
    number: z.string(),
    title: bilingual,
    sourceKind: z.enum(['payment-order', 'case']),
    sourceId: z.uuid(),
    /** The case number or payment order number it is issued for. */
    reference: z.string(),
    issuedAt: z.string(),
    sha256: z.string(),
    status: documentStatusSchema,
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
    /** Where the PDF is served (the caller's session goes along). */
    pdfUrl: z.string(),
    /** The public verification page (path on this site). */
    verifyPath: z.string(),
  })
  .meta({ id: 'IssuedDocument' });
export type IssuedDocumentDto = z.infer<typeof issuedDocumentSchema>;

export const issuedDocumentListSchema = z
  .object({ items: z.array(issuedDocumentSchema) })
  .meta({ id: 'IssuedDocumentList' });
export type IssuedDocumentList = z.infer<typeof issuedDocumentListSchema>;

/**
 * What the public verification page shows for a document id (from its QR): enough to compare with the
 * paper in hand, nothing more — names masked, no ID number, no address.
 */
export const documentVerificationSchema = z
  .object({
    id: z.uuid(),
    kind: issuedDocumentKindSchema,
    number: z.string(),
    title: bilingual,
    issuedAt: z.string(),
    issuer: bilingual,
    status: documentStatusSchema,
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
    sha256: z.string(),
    summary: z.object({
      /** Payer or applicant, masked ('张*'). */
      holder: z.string(),
      /** What it is for: the business item, or fine / fee. */
      subject: bilingual,
      /** Receipt: the amount paid, in fen. */
      amountFen: z.number().int().nullable(),
      /** Decision: approved or rejected. */
      decision: z.enum(['approved', 'rejected']).nullable(),
      /** The case or order number, partly masked. */
      reference: z.string(),
    }),
  })
  .meta({ id: 'DocumentVerification' });
export type DocumentVerification = z.infer<typeof documentVerificationSchema>;

/**
 * Where the item a case produced (licence, plate, label) is: by post along the post's tracking events,
 * ready at an outlet, or not yet made.
 */
export const TRACKING_STEPS = [
  'not-decided',
  'preparing',
  'awaiting-post',
  'accepted',
  'in-transit',
  'out-for-delivery',
  'delivered',
  'failed',
  'ready-for-collection',
  'collected',
  'electronic',
  'closed',
] as const;
export const trackingStepSchema = z.enum(TRACKING_STEPS);
export type TrackingStep = z.infer<typeof trackingStepSchema>;

export const caseTrackingSchema = z
  .object({
    caseId: z.uuid(),
    delivery: deliveryOptionSchema,
    trackingNumber: z.string().nullable(),
    /** The delivery address, masked (first characters only). */
    address: z.string().nullable(),
    /** The post's events, oldest first (newest last). */
    events: z.array(z.object({ event: z.enum(DELIVERY_EVENTS), at: z.string(), place: z.string() })),
    current: trackingStepSchema,
    /** Where to collect it (delivery `collect`). */
    outlet: z
      .object({ id: z.uuid(), name: z.string(), nameEn: z.string(), address: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'CaseTracking' });
export type CaseTrackingDto = z.infer<typeof caseTrackingSchema>;
