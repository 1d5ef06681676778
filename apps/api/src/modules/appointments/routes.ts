import {
  agentBookSlotSchema,
  appointmentListSchema,
  appointmentQrSchema,
  appointmentSchema,
  availabilityQuerySchema,
  availabilitySchema,
  bookableOfficeListSchema,
  bookSlotSchema,
  closeOfficeDaySchema,
  closureResultSchema,
  dayListQuerySchema,
  idParamsSchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../platform/auth/plugin.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import {
  bookForAgent,
  bookForCitizen,
  cancelForCitizen,
  closeOfficeDay,
  confirmForCitizen,
  listDay,
  listMine,
  qrForCitizen,
  rescheduleForCitizen,
} from './service.ts';
import { availability, listBookableOffices } from './slots.ts';

const meta = (req: FastifyRequest) => ({ ip: req.ip, requestId: req.id });

/** Appointments: availability, the citizen's bookings, the agent's bookings, the office's day and closures. */
export async function appointmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const book = { permission: 'appointment:book' } as const;
  const citizen = { permission: 'appointment:book', roles: ['citizen'] } as const;
  const agent = { permission: 'appointment:book', roles: ['agent'] } as const;

  r.get(
    '/api/v1/appointments/offices',
    {
      config: book,
      schema: {
        operationId: 'bookableOffices',
        tags: ['appointments'],
        summary: 'The offices that take appointments (the 车管所 and its branches)',
        response: { 200: bookableOfficeListSchema, ...errors },
      },
    },
    async () => listBookableOffices(app.ctx.db),
  );

  r.get(
    '/api/v1/appointments/availability',
    {
      config: book,
      schema: {
        operationId: 'appointmentAvailability',
        tags: ['appointments'],
        summary: "An office's slots for a category with their remaining seats, within the booking horizon",
        querystring: availabilityQuerySchema,
        response: { 200: availabilitySchema, ...errors },
      },
    },
    async (req) => availability(app.ctx, req.query),
  );

  r.post(
    '/api/v1/me/appointments',
    {
      config: citizen,
      schema: {
        operationId: 'holdAppointment',
        tags: ['appointments'],
        summary: 'Hold a seat in a slot (confirm it before the hold lapses); one active per category',
        body: bookSlotSchema,
        response: { 201: appointmentSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await bookForCitizen(app.ctx, userOf(req), req.body.slotId, meta(req))),
  );

  r.get(
    '/api/v1/me/appointments',
    {
      config: citizen,
      schema: {
        operationId: 'listMyAppointments',
        tags: ['appointments'],
        summary: 'My appointments, newest first',
        response: { 200: appointmentListSchema, ...errors },
      },
    },
    async (req) => listMine(app.ctx, userOf(req)),
  );

  r.get(
    '/api/v1/me/appointments/:id/qr',
    {
      config: citizen,
      schema: {
        operationId: 'myAppointmentQr',
        tags: ['appointments'],
        summary: 'The check-in QR code of my appointment (SVG)',
        params: idParamsSchema,
        response: { 200: appointmentQrSchema, ...errors },
      },
    },
    async (req) => qrForCitizen(app.ctx, userOf(req), req.params.id),
  );

  r.post(
    '/api/v1/me/appointments/:id/confirm',
    {
      config: citizen,
      schema: {
        operationId: 'confirmAppointment',
        tags: ['appointments'],
        summary: 'Confirm a held appointment before the hold lapses',
        params: idParamsSchema,
        response: { 200: appointmentSchema, ...errors },
      },
    },
    async (req) => confirmForCitizen(app.ctx, userOf(req), req.params.id, meta(req)),
  );

  r.post(
    '/api/v1/me/appointments/:id/reschedule',
    {
      config: citizen,
      schema: {
        operationId: 'rescheduleAppointment',
        tags: ['appointments'],
        summary: 'Move an appointment to another slot of the same category, before the cancellation deadline',
        params: idParamsSchema,
        body: bookSlotSchema,
        response: { 200: appointmentSchema, ...errors },
      },
    },
    async (req) => rescheduleForCitizen(app.ctx, userOf(req), req.params.id, req.body.slotId, meta(req)),
  );

  r.post(
    '/api/v1/me/appointments/:id/cancel',
    {
      config: citizen,
      schema: {
        operationId: 'cancelAppointment',
        tags: ['appointments'],
        summary: 'Cancel an appointment before the deadline; the seat is given back',
        params: idParamsSchema,
        response: { 200: appointmentSchema, ...errors },
      },
    },
    async (req) => cancelForCitizen(app.ctx, userOf(req), req.params.id, meta(req)),
  );

  r.post(
    '/api/v1/agent/appointments',
    {
      config: agent,
      schema: {
        operationId: 'agentBookAppointment',
        tags: ['appointments'],
        summary: "Book (confirmed at once) for a citizen under the citizen's active authorization",
        body: agentBookSlotSchema,
        response: { 201: appointmentSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await bookForAgent(app.ctx, userOf(req), req.body, meta(req))),
  );

  r.get(
    '/api/v1/appointments',
    {
      config: { permission: 'appointment:read' },
      schema: {
        operationId: 'listOfficeDayAppointments',
        tags: ['appointments'],
        summary: "An office's appointments of a day (in my scope), by slot",
        querystring: dayListQuerySchema,
        response: { 200: appointmentListSchema, ...errors },
      },
    },
    async (req) => listDay(app.ctx, userOf(req), req.query.officeId, req.query.day),
  );

  r.post(
    '/api/v1/appointments/closures',
    {
      config: { permission: 'appointment:manage' },
      schema: {
        operationId: 'closeOfficeDay',
        tags: ['appointments'],
        summary:
          'Close an office for a day: its slots close, its appointments are cancelled, each person told',
        body: closeOfficeDaySchema,
        response: { 200: closureResultSchema, ...errors },
      },
    },
    async (req) => closeOfficeDay(app.ctx, userOf(req), req.body, meta(req)),
  );
}
