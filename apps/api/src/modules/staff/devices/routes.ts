import {
  apiTokenSchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
} from '@opendmv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../../platform/auth/plugin.ts';
import { auditActorOf } from '../../../platform/auth/principal.ts';
import { ERROR_RESPONSES as errors } from '../../../platform/http/responses.ts';
import { createApiToken, getDeviceSelf, listApiTokens, revokeApiToken } from './service.ts';

const apiTokenPageSchema = pageOf(apiTokenSchema).meta({ id: 'ApiTokenPage' });
export const deviceSelfSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['kiosk', 'partner']),
    officeId: z.uuid(),
    officeName: z.string(),
  })
  .meta({ id: 'DeviceSelf' });

export async function devicesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/api-tokens',
    {
      config: { permission: 'token:manage' },
      schema: {
        operationId: 'listApiTokens',
        tags: ['admin'],
        summary: "API tokens of kiosks and partner systems at offices in the caller's scope",
        querystring: pageQuerySchema,
        response: { 200: apiTokenPageSchema, ...errors },
      },
    },
    async (req) => listApiTokens(app.ctx, principalOf(req), req.query),
  );

  r.post(
    '/api/v1/api-tokens',
    {
      config: { permission: 'token:manage' },
      schema: {
        operationId: 'createApiToken',
        tags: ['admin'],
        summary: 'Issue an API token for a kiosk or partner system; the secret is shown once',
        body: createApiTokenBodySchema,
        response: { 201: createdApiTokenSchema, ...errors },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      return reply
        .code(201)
        .send(await createApiToken(app.ctx, p, req.body, auditActorOf(p, req.ip, req.id)));
    },
  );

  r.post(
    '/api/v1/api-tokens/:id/revoke',
    {
      config: { permission: 'token:manage' },
      schema: {
        operationId: 'revokeApiToken',
        tags: ['admin'],
        summary: 'Revoke an API token at once',
        params: idParamsSchema,
        response: { 200: apiTokenSchema, ...errors },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return revokeApiToken(app.ctx, p, req.params.id, auditActorOf(p, req.ip, req.id));
    },
  );

  r.get(
    '/api/v1/devices/me',
    {
      config: { permission: 'device:self' },
      schema: {
        operationId: 'getDeviceSelf',
        tags: ['devices'],
        summary: 'The kiosk or partner system behind the bearer token',
        security: [{ apiToken: [] }],
        response: { 200: deviceSelfSchema, ...errors },
      },
    },
    async (req) => getDeviceSelf(app.ctx, principalOf(req)),
  );
}
