import {
  createPersonBodySchema,
  idParamsSchema,
  licenceDetailSchema,
  personDetailSchema,
  personSchema,
  recordViolationBodySchema,
  revealBodySchema,
  searchQuerySchema,
  searchResultSchema,
  vehicleDetailSchema,
  violationListSchema,
  violationSchema,
  violationsByPlateQuerySchema,
} from '@opendmv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf, userOf } from '../../platform/auth/plugin.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { toViolationDto } from './mappers.ts';
import * as svc from './officer-service.ts';
import { transitionViolation } from './workflow.ts';

const tags = ['registry'];

/** Window officers and supervisors: look up and act on the registry, within their office's scope. */
export async function officerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const meta = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });
  const locale = (req: { headers: Record<string, unknown> }) =>
    localeOf(req.headers['accept-language'] as string | undefined);

  r.get(
    '/api/v1/registry/search',
    {
      config: { permission: 'registry:search' },
      schema: {
        operationId: 'searchRegistry',
        tags,
        summary: 'Find a person, vehicle or licence by ID number, plate or VIN',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema, ...errors },
      },
    },
    async (req) => svc.searchRegistry(app.ctx, principalOf(req), req.query.q),
  );

  r.get(
    '/api/v1/persons/:id',
    {
      config: { permission: 'person:read' },
      schema: {
        operationId: 'getPerson',
        tags,
        summary: 'A person with licence, vehicles and violations (masked)',
        params: idParamsSchema,
        response: { 200: personDetailSchema, ...errors },
      },
    },
    async (req) => svc.getPersonDetail(app.ctx, principalOf(req), req.params.id, locale(req)),
  );

  r.post(
    '/api/v1/persons/:id/reveal',
    {
      config: { permission: 'person:read-full' },
      schema: {
        operationId: 'revealPerson',
        tags,
        summary: 'The full ID number and phone, for a stated purpose (audited)',
        params: idParamsSchema,
        body: revealBodySchema,
        response: { 200: personSchema, ...errors },
      },
    },
    async (req) => svc.revealPerson(app.ctx, principalOf(req), meta(req), req.params.id, req.body.purpose),
  );

  r.post(
    '/api/v1/persons',
    {
      config: { permission: 'person:create' },
      schema: {
        operationId: 'createPerson',
        tags,
        summary: 'Register a person (ID number checked per GB 11643)',
        body: createPersonBodySchema,
        response: { 201: personSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await svc.createPerson(app.ctx, userOf(req), meta(req), req.body)),
  );

  r.get(
    '/api/v1/vehicles/:id',
    {
      config: { permission: 'vehicle:read' },
      schema: {
        operationId: 'getVehicle',
        tags,
        summary: 'A vehicle with owner, violations and history',
        params: idParamsSchema,
        response: { 200: vehicleDetailSchema, ...errors },
      },
    },
    async (req) => svc.getVehicleDetail(app.ctx, principalOf(req), req.params.id, locale(req)),
  );

  r.get(
    '/api/v1/licences/:id',
    {
      config: { permission: 'licence:read' },
      schema: {
        operationId: 'getLicence',
        tags,
        summary: 'A driving licence with its holder',
        params: idParamsSchema,
        response: { 200: licenceDetailSchema, ...errors },
      },
    },
    async (req) => svc.getLicenceDetail(app.ctx, principalOf(req), req.params.id),
  );

  r.get(
    '/api/v1/violations',
    {
      config: { permission: 'violation:read' },
      schema: {
        operationId: 'listViolationsByPlate',
        tags: ['violations'],
        summary: 'Violations of a plate, newest first, with the amount due today',
        querystring: violationsByPlateQuerySchema,
        response: { 200: violationListSchema, ...errors },
      },
    },
    async (req) => svc.listViolationsForPlate(app.ctx, principalOf(req), req.query, locale(req)),
  );

  r.post(
    '/api/v1/violations',
    {
      config: { permission: 'violation:record' },
      schema: {
        operationId: 'recordViolation',
        tags: ['violations'],
        summary: 'Record a violation (officer, camera system or partner)',
        body: recordViolationBodySchema,
        response: { 201: violationSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await svc.recordViolation(app.ctx, principalOf(req), meta(req), req.body, locale(req))),
  );

  r.post(
    '/api/v1/violations/:id/decide',
    {
      config: { permission: 'violation:decide' },
      schema: {
        operationId: 'decideViolation',
        tags: ['violations'],
        summary: 'Issue the penalty decision: starts the 15-day payment clock and records the points',
        params: idParamsSchema,
        response: { 200: violationSchema, ...errors },
      },
    },
    async (req) =>
      toViolationDto(
        await transitionViolation(app.ctx, principalOf(req), meta(req), req.params.id, 'decide'),
        app.ctx.clock.today(),
        locale(req),
      ),
  );
}
