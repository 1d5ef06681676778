import { z } from 'zod';
import { APPOINTMENT_STATUSES } from '../appointments/booking.ts';
import { HALL_CATEGORIES } from '../hall/categories.ts';

export const appointmentCategorySchema = z.enum(HALL_CATEGORIES);
export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);

/** Inline, with no component id: @fastify/swagger cannot resolve a `$ref` in a query string. */
export const availabilityQuerySchema = z.strictObject({
  officeId: z.uuid(),
  category: appointmentCategorySchema,
  from: z.iso.date(),
  to: z.iso.date(),
});
export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>;

export const availableSlotSchema = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  remaining: z.number().int(),
  allocation: z.enum(['first-come', 'lottery', 'rank']),
});
export const availabilitySchema = z
  .object({
    officeId: z.uuid(),
    category: appointmentCategorySchema,
    /** The bookable range seen from today (next working day to the horizon). */
    horizon: z.object({ first: z.string(), last: z.string() }),
    days: z.array(z.object({ day: z.string(), slots: z.array(availableSlotSchema) })),
  })
  .meta({ id: 'Availability' });
export type AvailabilityDto = z.infer<typeof availabilitySchema>;

export const bookSlotSchema = z.strictObject({ slotId: z.uuid() }).meta({ id: 'BookSlot' });
export const agentBookSlotSchema = z
  .strictObject({ slotId: z.uuid(), authorizationId: z.uuid() })
  .meta({ id: 'AgentBookSlot' });
export const closeOfficeDaySchema = z
  .strictObject({ officeId: z.uuid(), day: z.iso.date(), reason: z.string().trim().min(2).max(200) })
  .meta({ id: 'CloseOfficeDay' });

export const appointmentSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    status: appointmentStatusSchema,
    category: appointmentCategorySchema,
    officeId: z.uuid(),
    officeName: z.string(),
    day: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    channel: z.enum(['online', 'agency']),
    /** For a hold: when it lapses unless confirmed. */
    holdExpiresAt: z.string().nullable(),
    /** The last moment it can be cancelled or moved online. */
    cancelDeadline: z.string(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    /** Staff lists only: the person's masked name. */
    personName: z.string().optional(),
  })
  .meta({ id: 'Appointment' });
export type AppointmentDto = z.infer<typeof appointmentSchema>;
export const appointmentListSchema = z.object({ items: z.array(appointmentSchema) });

export const dayListQuerySchema = z.strictObject({ officeId: z.uuid(), day: z.iso.date() });

export const closureResultSchema = z
  .object({ officeId: z.uuid(), day: z.string(), slotsClosed: z.number().int(), cancelled: z.number().int() })
  .meta({ id: 'ClosureResult' });

/** The check-in QR of an appointment: the code itself, as SVG (scanned at the hall's kiosk or window). */
export const appointmentQrSchema = z
  .object({ code: z.string(), qrSvg: z.string() })
  .meta({ id: 'AppointmentQr' });

/** Offices that take appointments (the 车管所 and its branches), for the citizen's choice. */
export const bookableOfficeListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        kind: z.enum(['office', 'branch']),
        nameZh: z.string(),
        nameEn: z.string(),
        address: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BookableOfficeList' });
export type BookableOfficeListDto = z.infer<typeof bookableOfficeListSchema>;
