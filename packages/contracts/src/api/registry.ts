import { z } from 'zod';
import { licenceClassSchema } from '../registry/licence-class.ts';
import {
  energyTypeSchema,
  useTypeSchema,
  vehicleStatusSchema,
  vehicleTypeSchema,
} from '../registry/vehicle.ts';
import { violationStatusSchema } from '../registry/violation.ts';

/** A person as the API shows them. ID number and phone are masked unless `full` data was asked for. */
export const personSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    idNumber: z
      .string()
      .meta({ description: 'Masked (110***********1234) unless revealed for a stated purpose' }),
    sex: z.enum(['M', 'F']),
    birthDate: z.iso.date(),
    phone: z.string().nullable().meta({ description: 'Masked (138****5678) unless revealed' }),
    address: z.string().nullable(),
    isMasked: z.boolean(),
  })
  .meta({ id: 'Person' });
export type PersonDto = z.infer<typeof personSchema>;

export const licenceRenewalStateSchema = z.enum([
  'valid',
  'renewal-window',
  'expired-renewable',
  'expired-needs-theory-test',
  'expired-unrecoverable',
  'long-term',
]);

export const licenceSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    fileNumber: z.string(),
    classes: z.array(licenceClassSchema),
    firstIssueDate: z.iso.date(),
    validFrom: z.iso.date(),
    validUntil: z.iso.date().nullable(),
    validityTier: z.enum(['6y', '10y', 'long']),
    status: z.enum(['valid', 'expired', 'suspended', 'revoked', 'seized', 'cancelled']),
    points: z.number().int(),
    cycleStart: z.iso.date(),
    cycleEnd: z.iso.date(),
    renewal: z.object({
      state: licenceRenewalStateSchema,
      daysToExpiry: z.number().int().optional(),
      daysExpired: z.number().int().optional(),
    }),
  })
  .meta({ id: 'Licence' });
export type LicenceDto = z.infer<typeof licenceSchema>;

export const vehicleSchema = z
  .object({
    id: z.uuid(),
    vin: z.string(),
    vinCheckOk: z
      .boolean()
      .meta({ description: 'false = the ISO 3779 check digit does not match: flagged for review' }),
    plate: z.string().nullable(),
    plateKind: z.enum(['regular', 'nev-small', 'nev-large']).nullable(),
    vehicleType: vehicleTypeSchema,
    useType: useTypeSchema,
    energyType: energyTypeSchema,
    brand: z.string(),
    model: z.string(),
    colour: z.string(),
    seats: z.number().int(),
    registrationDate: z.iso.date(),
    status: vehicleStatusSchema,
    ownerId: z.uuid(),
    ownerName: z.string(),
    insuranceUntil: z.iso.date().nullable(),
    insuranceStatus: z.enum(['valid', 'expiring', 'expired']),
    inspectionValidUntil: z.iso.date().nullable(),
    inspectionStatus: z.enum(['valid', 'window-open', 'overdue']),
    officeId: z.uuid(),
  })
  .meta({ id: 'Vehicle' });
export type VehicleDto = z.infer<typeof vehicleSchema>;

export const violationSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    description: z.string(),
    occurredAt: z.iso.datetime({ offset: true }),
    place: z.string(),
    plate: z.string(),
    vehicleId: z.uuid().nullable(),
    status: violationStatusSchema,
    points: z.number().int(),
    fineFen: z.number().int(),
    decisionDate: z.iso.date().nullable(),
    surchargeFen: z
      .number()
      .int()
      .meta({ description: 'Late surcharge as of today (3 %/day after 15 days, capped at the fine)' }),
    amountDueFen: z.number().int(),
    daysLate: z.number().int(),
  })
  .meta({ id: 'Violation' });
export type ViolationDto = z.infer<typeof violationSchema>;

export const violationsByPlateQuerySchema = z.object({
  plate: z.string().trim().min(7).max(10),
  status: violationStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .meta({ description: 'A resident ID number, a plate or a VIN', example: '京A12345' }),
});
export const searchResultSchema = z
  .object({
    kind: z.enum(['id-number', 'plate', 'vin', 'unknown']),
    persons: z.array(personSchema),
    vehicles: z.array(vehicleSchema),
    licences: z.array(licenceSchema),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof searchResultSchema>;

export const revealBodySchema = z
  .object({
    purpose: z
      .string()
      .trim()
      .min(4)
      .max(200)
      .meta({ description: 'Why the full ID and phone are needed; kept in the audit log' }),
  })
  .meta({ id: 'RevealBody', example: { purpose: '窗口业务核对身份 / identity check at the window' } });

export const auditEventSchema = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime({ offset: true }),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    outcome: z.enum(['success', 'failure', 'denied']),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export const personDetailSchema = z
  .object({
    person: personSchema,
    licence: licenceSchema.nullable(),
    vehicles: z.array(vehicleSchema),
    violations: z.array(violationSchema),
  })
  .meta({ id: 'PersonDetail' });
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const vehicleDetailSchema = z
  .object({
    vehicle: vehicleSchema,
    owner: personSchema,
    violations: z.array(violationSchema),
    history: z.array(auditEventSchema),
  })
  .meta({ id: 'VehicleDetail' });
export type VehicleDetail = z.infer<typeof vehicleDetailSchema>;

export const licenceDetailSchema = z
  .object({ licence: licenceSchema, holder: personSchema })
  .meta({ id: 'LicenceDetail' });

export const createPersonBodySchema = z
  .object({
    idNumber: z.string().trim().toUpperCase().length(18),
    name: z.string().trim().min(2).max(40),
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/)
      .optional(),
    address: z.string().trim().max(200).optional(),
  })
  .meta({
    id: 'CreatePersonBody',
    example: { idNumber: '11010519491231002X', name: '王芳', phone: '13812345678' },
  });

export const recordViolationBodySchema = z
  .object({
    code: z.string().regex(/^\d{4,5}$/),
    occurredAt: z.iso.datetime({ offset: true }),
    place: z.string().trim().min(2).max(200),
    plate: z.string().trim().min(7).max(10),
    source: z.enum(['camera', 'officer', 'partner']).default('officer'),
  })
  .meta({
    id: 'RecordViolationBody',
    example: {
      code: '1625',
      occurredAt: '2026-11-20T08:15:00+08:00',
      place: '长安街与王府井大街路口',
      plate: '京A12345',
    },
  });

export const violationListSchema = z.object({
  items: z.array(violationSchema),
  totals: z.object({
    count: z.number().int().meta({ description: 'Violations not yet paid (unhandled and decided)' }),
    points: z.number().int().meta({
      description: 'Points of the unhandled violations: not yet on the licence (decided ones already are)',
    }),
    amountDueFen: z.number().int().meta({
      description:
        'What is owed today, in fen: fine + late surcharge of the decided violations, fine of the unhandled ones',
    }),
  }),
});
export type ViolationList = z.infer<typeof violationListSchema>;
