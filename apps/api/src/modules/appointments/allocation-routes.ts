import { HALL_CATEGORIES, idParamsSchema } from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../platform/auth/plugin.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { listRiskSignals, reviewRiskSignal } from './abuse.ts';
import {
  createRelease,
  drawBySupervisor,
  listMyRequests,
  publicAllocation,
  requestAllocation,
} from './allocation.ts';

const meta = (req: FastifyRequest) => ({ ip: req.ip, requestId: req.id });

const methodSchema = z.enum(['lottery', 'rank']);
const releaseBodySchema = z.strictObject({
  officeId: z.uuid(),
  category: z.enum(HALL_CATEGORIES),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  capacity: z.number().int().min(1).max(10_000),
  method: methodSchema,
  requestsCloseAt: z.iso.datetime({ offset: true }),
});
const releaseSchema = z.object({
  slotId: z.uuid(),
  officeId: z.uuid(),
  category: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  method: methodSchema,
  requestsCloseAt: z.string(),
  seedCommitment: z
    .string()
    .meta({ description: 'SHA-256 of the lottery seed, published before any request' }),
});
const requestSchema = z.object({
  id: z.uuid(),
  slotId: z.uuid(),
  status: z.enum(['requested', 'won', 'lost', 'withdrawn']),
  appointmentId: z.uuid().nullable(),
  createdAt: z.string(),
  requestsCloseAt: z.string().nullable(),
  method: methodSchema,
});
const publicSchema = z.object({
  slotId: z.uuid(),
  officeId: z.uuid(),
  category: z.string(),
  startsAt: z.string(),
  capacity: z.number().int(),
  method: methodSchema,
  requestsCloseAt: z.string().nullable(),
  seedCommitment: z.string(),
  requestCount: z.number().int(),
  drawn: z.boolean(),
  seed: z.string().nullable(),
  requests: z.array(z.object({ id: z.uuid(), rankKey: z.string().nullable() })).nullable(),
  winners: z.array(z.string()).nullable(),
  resultSha256: z.string().nullable(),
  drawnAt: z.string().nullable(),
});
const drawSchema = z.object({
  slotId: z.uuid(),
  method: methodSchema,
  requestCount: z.number().int(),
  winners: z.number().int(),
  excluded: z.number().int(),
  resultSha256: z.string(),
});
const signalSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['device', 'phone', 'ip']),
  keyRef: z.string(),
  identities: z.number().int(),
  evidence: z.object({
    rule: z.unknown(),
    identities: z.array(z.object({ personId: z.uuid(), name: z.string(), lastSeenAt: z.string() })),
  }),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  reviewedAt: z.string().nullable(),
});

/** Scarce releases (lottery / rank after a request window) and booking risk signals. */
export async function allocationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const citizen = { permission: 'appointment:book', roles: ['citizen'] } as const;
  const supervisor = { permission: 'appointment:manage' } as const;

  r.post(
    '/api/v1/appointments/releases',
    {
      config: supervisor,
      schema: {
        operationId: 'createScarceRelease',
        tags: ['appointments'],
        summary:
          'Publish a scarce release: one slot allocated by lottery or rank after its request window, with the seed commitment',
        body: releaseBodySchema,
        response: { 201: releaseSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createRelease(app.ctx, userOf(req), req.body, meta(req))),
  );

  r.post(
    '/api/v1/appointments/slots/:id/draw',
    {
      config: supervisor,
      schema: {
        operationId: 'drawScarceRelease',
        tags: ['appointments'],
        summary:
          'Draw a release whose window has closed: reveal the committed seed, allocate, confirm winners, notify everyone',
        params: idParamsSchema,
        response: { 200: drawSchema, ...errors },
      },
    },
    async (req) => drawBySupervisor(app.ctx, userOf(req), req.params.id, meta(req)),
  );

  r.post(
    '/api/v1/me/allocation-requests',
    {
      config: citizen,
      schema: {
        operationId: 'requestScarceSlot',
        tags: ['appointments'],
        summary: 'Request a place in a scarce release while its window is open (one per person; real-name)',
        body: z.strictObject({ slotId: z.uuid() }),
        response: { 201: requestSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await requestAllocation(app.ctx, userOf(req), req.body.slotId, meta(req))),
  );

  r.get(
    '/api/v1/me/allocation-requests',
    {
      config: citizen,
      schema: {
        operationId: 'listMyScarceRequests',
        tags: ['appointments'],
        summary: 'My requests for scarce releases and their outcome',
        response: { 200: z.object({ items: z.array(requestSchema) }), ...errors },
      },
    },
    async (req) => listMyRequests(app.ctx, userOf(req)),
  );

  r.get(
    '/api/v1/public/allocations/:slotId',
    {
      config: { isPublic: true },
      schema: {
        operationId: 'getPublicAllocation',
        tags: ['appointments'],
        summary:
          'The public record of a release: the seed commitment before the draw; seed, request ids, winners and result hash after',
        params: z.object({ slotId: z.uuid() }),
        response: { 200: publicSchema, ...errors },
      },
    },
    async (req) => publicAllocation(app.ctx, req.params.slotId),
  );

  r.get(
    '/api/v1/appointments/risk-signals',
    {
      config: supervisor,
      schema: {
        operationId: 'listBookingRiskSignals',
        tags: ['appointments'],
        summary: 'Devices, phones and IPs used by many identities to book, with the evidence',
        querystring: z.strictObject({ status: z.enum(['open', 'reviewed', 'all']).default('open') }),
        response: { 200: z.object({ items: z.array(signalSchema) }), ...errors },
      },
    },
    async (req) => listRiskSignals(app.ctx, req.query.status),
  );

  r.post(
    '/api/v1/appointments/risk-signals/:id/review',
    {
      config: supervisor,
      schema: {
        operationId: 'reviewBookingRiskSignal',
        tags: ['appointments'],
        summary: 'Mark a risk signal reviewed (reopens by itself when more identities appear)',
        params: idParamsSchema,
        body: z.strictObject({ note: z.string().trim().min(1).max(500) }),
        response: { 200: signalSchema, ...errors },
      },
    },
    async (req) =>
      reviewRiskSignal(app.ctx, auditActorOf(req.principal, req.ip, req.id), req.params.id, req.body.note),
  );
}
