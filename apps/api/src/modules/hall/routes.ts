import {
  checkInSchema,
  counterQuerySchema,
  createCounterSchema,
  finishSchema,
  hallBoardSchema,
  hallCounterListSchema,
  hallCounterSchema,
  hallStatsQuerySchema,
  hallStatsSchema,
  idParamsSchema,
  queueTicketSchema,
  ticketPositionSchema,
  ticketStatusSchema,
  transferSchema,
  walkInSchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../platform/auth/plugin.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { hallBoard, hallStats, ticketPosition } from './board.ts';
import { createCounter, listCounters, setCounterOpen } from './counters.ts';
import { actOnTicket, callNext, checkIn, getTicket, issueWalkIn, listTickets } from './tickets.ts';

const meta = (req: FastifyRequest) => ({ ip: req.ip, requestId: req.id });

/** The service hall: counters, check-in and tickets, calling, the public board and the statistics. */
export async function hallRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const serve = { permission: 'hall:serve' } as const;
  const manage = { permission: 'hall:manage' } as const;
  const tags = ['hall'];

  r.get(
    '/api/v1/hall/counters',
    {
      config: serve,
      schema: {
        operationId: 'listMyHallCounters',
        tags,
        summary: "My hall's counters, who staffs each and the ticket at it",
        response: { 200: hallCounterListSchema, ...errors },
      },
    },
    async (req) => listCounters(app.ctx, userOf(req)),
  );

  r.get(
    '/api/v1/hall/manage/counters',
    {
      config: manage,
      schema: {
        operationId: 'listHallCounters',
        tags,
        summary: "An office's counters (mine by default), in my scope",
        querystring: counterQuerySchema,
        response: { 200: hallCounterListSchema, ...errors },
      },
    },
    async (req) => listCounters(app.ctx, userOf(req), req.query.officeId),
  );

  r.post(
    '/api/v1/hall/counters',
    {
      config: manage,
      schema: {
        operationId: 'createHallCounter',
        tags,
        summary: 'A counter in a hall, with the categories it serves',
        body: createCounterSchema,
        response: { 201: hallCounterSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createCounter(app.ctx, userOf(req), req.body, meta(req))),
  );

  for (const [verb, open] of [
    ['open', true],
    ['close', false],
  ] as const)
    r.post(
      `/api/v1/hall/counters/:id/${verb}`,
      {
        config: serve,
        schema: {
          operationId: `${verb}HallCounter`,
          tags,
          summary: open ? 'Open a counter of my hall: it becomes mine' : 'Close my counter',
          params: idParamsSchema,
          response: { 200: hallCounterSchema, ...errors },
        },
      },
      async (req) => setCounterOpen(app.ctx, userOf(req), req.params.id, open, meta(req)),
    );

  r.post(
    '/api/v1/hall/counters/:id/call-next',
    {
      config: serve,
      schema: {
        operationId: 'callNextTicket',
        tags,
        summary:
          'Call the next ticket to my counter (transferred here first, then the weighted priority lane); null when nobody waits',
        params: idParamsSchema,
        response: { 200: z.object({ ticket: queueTicketSchema.nullable() }), ...errors },
      },
    },
    async (req) => ({ ticket: await callNext(app.ctx, userOf(req), req.params.id, meta(req)) }),
  );

  r.post(
    '/api/v1/hall/check-in',
    {
      config: serve,
      schema: {
        operationId: 'hallCheckIn',
        tags,
        summary:
          "Check in an appointment (its code, or the person's ID number): a ticket in its class; late arrivals queue as walk-ins",
        body: checkInSchema,
        response: { 201: queueTicketSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await checkIn(app.ctx, userOf(req), req.body, meta(req))),
  );

  r.post(
    '/api/v1/hall/tickets',
    {
      config: serve,
      schema: {
        operationId: 'issueWalkInTicket',
        tags,
        summary: 'A walk-in ticket in a class, in the priority lane with a reason',
        body: walkInSchema,
        response: { 201: queueTicketSchema, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await issueWalkIn(app.ctx, userOf(req), req.body, meta(req))),
  );

  r.get(
    '/api/v1/hall/tickets',
    {
      config: serve,
      schema: {
        operationId: 'listHallTickets',
        tags,
        summary: "Today's tickets of my hall",
        querystring: z.strictObject({ status: ticketStatusSchema.optional() }),
        response: { 200: z.object({ items: z.array(queueTicketSchema) }), ...errors },
      },
    },
    async (req) => listTickets(app.ctx, userOf(req), req.query.status),
  );

  r.get(
    '/api/v1/hall/tickets/:id',
    {
      config: serve,
      schema: {
        operationId: 'getHallTicket',
        tags,
        summary: 'One ticket of my hall',
        params: idParamsSchema,
        response: { 200: queueTicketSchema, ...errors },
      },
    },
    async (req) => getTicket(app.ctx, userOf(req), req.params.id),
  );

  const actions = [
    ['recall', 'Call the ticket again', undefined],
    ['skip', 'Skip the ticket as a no-show', undefined],
    ['serve', 'Start serving the ticket', undefined],
    [
      'transfer',
      "Send the ticket to another counter: it waits at the head of that counter's queue",
      transferSchema,
    ],
    ['finish', 'Finish the ticket, linking the case it became', finishSchema],
  ] as const;
  for (const [action, summary, body] of actions)
    r.post(
      `/api/v1/hall/tickets/:id/${action}`,
      {
        config: serve,
        schema: {
          operationId: `${action}HallTicket`,
          tags,
          summary,
          params: idParamsSchema,
          ...(body ? { body } : {}),
          response: { 200: queueTicketSchema, ...errors },
        },
      },
      async (req) =>
        actOnTicket(
          app.ctx,
          userOf(req),
          req.params.id,
          action,
          meta(req),
          (req.body ?? {}) as { counterId?: string; caseId?: string },
        ),
    );

  r.get(
    '/api/v1/hall/board',
    {
      config: { isPublic: true },
      schema: {
        operationId: 'hallBoard',
        tags,
        summary: "A hall's public board: counters, ticket numbers called, waiting per class (no names)",
        querystring: z.strictObject({ officeId: z.uuid() }),
        response: { 200: hallBoardSchema, ...errors },
      },
    },
    async (req) => hallBoard(app.ctx, req.query.officeId),
  );

  r.get(
    '/api/v1/hall/tickets/:id/position',
    {
      config: { isPublic: true },
      schema: {
        operationId: 'ticketPosition',
        tags,
        summary:
          "Where a ticket stands (by its unguessable id, the citizen's phone): people ahead, estimated wait",
        params: idParamsSchema,
        response: { 200: ticketPositionSchema, ...errors },
      },
    },
    async (req) => ticketPosition(app.ctx, req.params.id),
  );

  r.get(
    '/api/v1/hall/stats',
    {
      config: manage,
      schema: {
        operationId: 'hallStats',
        tags,
        summary:
          'Hall statistics over days: waiting times, service times per category, counter and officer, no-shows, sources, estimate error',
        querystring: hallStatsQuerySchema,
        response: { 200: hallStatsSchema, ...errors },
      },
    },
    async (req) => hallStats(app.ctx, userOf(req), req.query),
  );
}
