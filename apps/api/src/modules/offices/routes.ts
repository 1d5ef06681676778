import { createOfficeBodySchema, officeSchema } from '@opendmv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/plugin.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { createOffice, listOffices } from './service.ts';

export async function officesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/offices',
    {
      config: { permission: 'office:read' },
      schema: {
        operationId: 'listOffices',
        tags: ['admin'],
        summary: "The caller's office and every office below it",
        response: { 200: z.object({ items: z.array(officeSchema) }), ...errors },
      },
    },
    async (req) => ({ items: await listOffices(app.ctx, principalOf(req)) }),
  );

  r.post(
    '/api/v1/offices',
    {
      config: { permission: 'office:manage' },
      schema: {
        operationId: 'createOffice',
        tags: ['admin'],
        summary: "Open an office (branch, outlet, kiosk…) under an office in the caller's scope",
        body: createOfficeBodySchema,
        response: { 201: officeSchema, ...errors },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const office = await createOffice(
        app.ctx,
        p,
        req.body,
        auditActorOf(p, req.ip, req.id),
        localeOf(req.headers['accept-language']),
      );
      return reply.code(201).send(office);
    },
  );
}
