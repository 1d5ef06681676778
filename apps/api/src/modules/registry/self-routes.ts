import {
  licenceSchema,
  personSchema,
  vehicleSchema,
  violationListSchema,
  violationStatusSchema,
} from '@opendmv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../../platform/auth/plugin.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { getMyLicence, getMyPerson, listMyVehicles, listMyViolations } from './self-service.ts';

const tags = ['me'];

/** A citizen's own data: the 12123 home. */
export async function selfRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cfg = { permission: 'self:read' } as const;

  r.get(
    '/api/v1/me/person',
    {
      config: cfg,
      schema: {
        operationId: 'getMyPerson',
        tags,
        summary: 'My personal record (masked)',
        response: { 200: personSchema, ...errors },
      },
    },
    async (req) => getMyPerson(app.ctx, userOf(req).personId),
  );

  r.get(
    '/api/v1/me/licence',
    {
      config: cfg,
      schema: {
        operationId: 'getMyLicence',
        tags,
        summary: 'My driving licence: validity, renewal window, points',
        response: { 200: z.object({ licence: licenceSchema.nullable() }), ...errors },
      },
    },
    async (req) => getMyLicence(app.ctx, userOf(req).personId),
  );

  r.get(
    '/api/v1/me/vehicles',
    {
      config: cfg,
      schema: {
        operationId: 'listMyVehicles',
        tags,
        summary: 'My vehicles with inspection and insurance status',
        response: { 200: z.object({ items: z.array(vehicleSchema) }), ...errors },
      },
    },
    async (req) => listMyVehicles(app.ctx, userOf(req).personId),
  );

  r.get(
    '/api/v1/me/violations',
    {
      config: cfg,
      schema: {
        operationId: 'listMyViolations',
        tags,
        summary: 'My violations with the amount due today (fine + late surcharge)',
        querystring: z.object({
          plate: z.string().trim().min(7).max(10).optional(),
          status: violationStatusSchema.optional(),
        }),
        response: { 200: violationListSchema, ...errors },
      },
    },
    async (req) =>
      listMyViolations(app.ctx, userOf(req).personId, req.query, localeOf(req.headers['accept-language'])),
  );
}
