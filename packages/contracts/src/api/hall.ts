import { z } from 'zod';
import { HALL_CATEGORIES, PRIORITY_REASONS } from '../hall/categories.ts';

export const hallCategorySchema = z.enum(HALL_CATEGORIES);
export const priorityReasonSchema = z.enum(PRIORITY_REASONS);
export const ticketStatusSchema = z.enum(['waiting', 'called', 'serving', 'done', 'no-show']);
export const ticketSourceSchema = z.enum(['appointment', 'walk-in', 'late-appointment']);

export const hallCounterSchema = z
  .object({
    id: z.uuid(),
    officeId: z.uuid(),
    number: z.string(),
    categories: z.array(hallCategorySchema),
    status: z.enum(['open', 'paused', 'closed']),
    officerUserId: z.uuid().nullable(),
    officerName: z.string().nullable(),
    /** The ticket at the counter now (called or being served). */
    currentTicketId: z.uuid().nullable(),
  })
  .meta({ id: 'HallCounter' });
export type HallCounterDto = z.infer<typeof hallCounterSchema>;
export const hallCounterListSchema = z.object({ items: z.array(hallCounterSchema) });

export const createCounterSchema = z
  .strictObject({
    officeId: z.uuid().optional(),
    number: z.string().trim().min(1).max(8),
    categories: z.array(hallCategorySchema).min(1),
  })
  .meta({ id: 'CreateHallCounter', example: { number: '5', categories: ['licence', 'violation'] } });

export const counterQuerySchema = z.strictObject({ officeId: z.uuid().optional() });

/** Staff view of a ticket (no name: the person is only linked). */
export const queueTicketSchema = z
  .object({
    id: z.uuid(),
    officeId: z.uuid(),
    day: z.string(),
    number: z.string(),
    category: hallCategorySchema,
    priority: z.boolean(),
    priorityReason: priorityReasonSchema.nullable(),
    source: ticketSourceSchema,
    appointmentId: z.uuid().nullable(),
    personId: z.uuid().nullable(),
    status: ticketStatusSchema,
    counterId: z.uuid().nullable(),
    caseId: z.uuid().nullable(),
    estimatedWaitSeconds: z.number().int().nullable(),
    issuedAt: z.string(),
    calledAt: z.string().nullable(),
    servedAt: z.string().nullable(),
    doneAt: z.string().nullable(),
    recalls: z.number().int(),
  })
  .meta({ id: 'QueueTicket' });
export type QueueTicketDto = z.infer<typeof queueTicketSchema>;

export const checkInSchema = z
  .union([
    z.strictObject({
      appointmentCode: z.string().trim().min(4).max(32),
      priorityReason: priorityReasonSchema.optional(),
    }),
    z.strictObject({
      idNumber: z.string().trim().toUpperCase().length(18),
      priorityReason: priorityReasonSchema.optional(),
    }),
  ])
  .meta({ id: 'HallCheckIn', example: { appointmentCode: 'K7Q2M9' } });
export type CheckInInput = z.infer<typeof checkInSchema>;

export const walkInSchema = z
  .strictObject({
    category: hallCategorySchema,
    priorityReason: priorityReasonSchema.optional(),
    idNumber: z.string().trim().toUpperCase().length(18).optional(),
  })
  .meta({ id: 'HallWalkIn', example: { category: 'licence', priorityReason: 'aged-70' } });
export type WalkInInput = z.infer<typeof walkInSchema>;

export const transferSchema = z.strictObject({ counterId: z.uuid() }).meta({ id: 'HallTransfer' });
export const finishSchema = z.strictObject({ caseId: z.uuid().optional() }).meta({ id: 'HallFinish' });

/** The public board: ticket numbers and counters only, never a name or an ID. */
export const hallBoardSchema = z
  .object({
    officeId: z.uuid(),
    at: z.string(),
    counters: z.array(
      z.object({
        counterId: z.uuid(),
        number: z.string(),
        status: z.enum(['open', 'paused', 'closed']),
        categories: z.array(hallCategorySchema),
        current: z
          .object({ number: z.string(), status: ticketStatusSchema, calledAt: z.string().nullable() })
          .nullable(),
      }),
    ),
    waiting: z.array(z.object({ category: hallCategorySchema, letter: z.string(), count: z.number().int() })),
    recentCalls: z.array(z.object({ number: z.string(), counterNumber: z.string(), at: z.string() })),
  })
  .meta({ id: 'HallBoard' });
export type HallBoardDto = z.infer<typeof hallBoardSchema>;

/** Where a ticket stands, for the citizen's phone (by the ticket's unguessable id). */
export const ticketPositionSchema = z
  .object({
    ticketId: z.uuid(),
    number: z.string(),
    category: hallCategorySchema,
    status: ticketStatusSchema,
    ahead: z.number().int(),
    estimatedWaitSeconds: z.number().int().nullable(),
    counterNumber: z.string().nullable(),
  })
  .meta({ id: 'TicketPosition' });
export type TicketPositionDto = z.infer<typeof ticketPositionSchema>;

export const hallStatsQuerySchema = z.strictObject({
  officeId: z.uuid().optional(),
  from: z.iso.date(),
  to: z.iso.date(),
});

const dist = z.object({ count: z.number().int(), p50: z.number().nullable(), p90: z.number().nullable() });
export const hallStatsSchema = z
  .object({
    officeId: z.uuid(),
    from: z.string(),
    to: z.string(),
    tickets: z.number().int(),
    /** Seconds from issue to first call, per category. */
    waitByCategory: z.array(dist.extend({ category: hallCategorySchema })),
    /** Seconds from call to done. */
    serviceByCategory: z.array(dist.extend({ category: hallCategorySchema })),
    serviceByCounter: z.array(dist.extend({ counterId: z.uuid(), counterNumber: z.string() })),
    serviceByOfficer: z.array(dist.extend({ officerUserId: z.uuid(), officerName: z.string() })),
    noShow: z.object({ called: z.number().int(), noShows: z.number().int(), rate: z.number().nullable() }),
    sources: z.object({
      appointment: z.number().int(),
      walkIn: z.number().int(),
      lateAppointment: z.number().int(),
      appointmentShare: z.number().nullable(),
    }),
    /** The wait estimate given at issue against the real wait (seconds). */
    estimateError: z.object({
      count: z.number().int(),
      meanAbsolute: z.number().nullable(),
      p90Absolute: z.number().nullable(),
      meanSigned: z.number().nullable(),
    }),
  })
  .meta({ id: 'HallStats' });
export type HallStatsDto = z.infer<typeof hallStatsSchema>;
