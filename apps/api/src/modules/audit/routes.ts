import { auditChainReportSchema, auditEventPageSchema, auditEventsQuerySchema } from '@opendmv/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../platform/auth/plugin.ts';
import { auditActorOf } from '../../platform/auth/principal.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { searchAuditEvents, verifyAuditLog } from './service.ts';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/audit/events',
    {
      config: { permission: 'audit:read' },
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: "Audit events of actors in the caller's scope, newest first",
        querystring: auditEventsQuerySchema,
        response: { 200: auditEventPageSchema, ...errors },
      },
    },
    async (req) => searchAuditEvents(app.ctx, principalOf(req), req.query),
  );

  r.get(
    '/api/v1/audit/verify',
    {
      // A full scan of the log: a few calls a minute are plenty.
      config: { permission: 'audit:verify', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'verifyAuditChain',
        tags: ['audit'],
        summary: 'Recompute the hash chain of the audit log and name the first broken record',
        response: { 200: auditChainReportSchema, ...errors },
      },
    },
    async (req) => verifyAuditLog(app.ctx, auditActorOf(principalOf(req), req.ip, req.id)),
  );
}
