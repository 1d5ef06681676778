import {
  agentSubmitCaseSchema,
  authorizationListSchema,
  authorizationSchema,
  caseActionRequestSchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseListSchema,
  grantAuthorizationSchema,
  idParamsSchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf, userOf } from '../../platform/auth/plugin.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { performAction } from './actions.ts';
import {
  applyAsAgent,
  grantAuthorization,
  listAgentCases,
  listAuthorizations,
  revokeAuthorization,
} from './agency.ts';
import { getCase } from './service.ts';

const meta = (req: FastifyRequest) => ({
  ip: req.ip,
  requestId: req.id,
  locale: localeOf(req.headers['accept-language']),
});

/** 电子委托书 and the agency channel: citizens authorize agents; agents file and follow cases. */
export async function agencyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const citizen = { permission: 'case:apply' } as const;
  const agent = { permission: 'case:act-for' } as const;

  r.post(
    '/api/v1/me/authorizations',
    {
      config: citizen,
      schema: {
        operationId: 'grantAuthorization',
        tags: ['agency'],
        summary: 'Authorize a registered agent to apply for named items on my behalf (电子委托书, ≤ 30 days)',
        body: grantAuthorizationSchema,
        response: { 201: authorizationSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await grantAuthorization(app.ctx, userOf(req), meta(req), req.body)),
  );

  r.get(
    '/api/v1/me/authorizations',
    {
      config: citizen,
      schema: {
        operationId: 'listMyAuthorizations',
        tags: ['agency'],
        summary: 'Authorizations I have granted',
        response: { 200: authorizationListSchema, ...errors },
      },
    },
    async (req) => listAuthorizations(app.ctx, userOf(req)),
  );

  r.post(
    '/api/v1/me/authorizations/:id/revoke',
    {
      config: citizen,
      schema: {
        operationId: 'revokeAuthorization',
        tags: ['agency'],
        summary: 'Revoke an authorization (cases already filed stay mine)',
        params: idParamsSchema,
        response: { 200: authorizationSchema, ...errors },
      },
    },
    async (req) => revokeAuthorization(app.ctx, userOf(req), meta(req), req.params.id),
  );

  r.get(
    '/api/v1/agent/authorizations',
    {
      config: agent,
      schema: {
        operationId: 'listAgentAuthorizations',
        tags: ['agency'],
        summary: 'Active authorizations granted to me (names masked)',
        response: { 200: authorizationListSchema, ...errors },
      },
    },
    async (req) => listAuthorizations(app.ctx, userOf(req)),
  );

  r.post(
    '/api/v1/agent/cases',
    {
      config: agent,
      schema: {
        operationId: 'applyAsAgent',
        tags: ['agency'],
        summary: 'File a case for a citizen under their authorization (agency channel)',
        body: agentSubmitCaseSchema,
        response: { 201: caseDetailSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await applyAsAgent(
            app.ctx,
            userOf(req),
            meta(req),
            req.body,
            localeOf(req.headers['accept-language']),
          ),
        ),
  );

  r.get(
    '/api/v1/agent/cases',
    {
      config: agent,
      schema: {
        operationId: 'listAgentCases',
        tags: ['agency'],
        summary: 'Cases I filed as an agent',
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema, ...errors },
      },
    },
    async (req) => listAgentCases(app.ctx, userOf(req), req.query),
  );

  r.get(
    '/api/v1/agent/cases/:id',
    {
      config: agent,
      schema: {
        operationId: 'getAgentCase',
        tags: ['agency'],
        summary: 'A case I filed',
        params: idParamsSchema,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (req) => getCase(app.ctx, principalOf(req), req.params.id),
  );

  r.post(
    '/api/v1/agent/cases/:id/actions',
    {
      config: agent,
      schema: {
        operationId: 'actOnAgentCase',
        tags: ['agency'],
        summary: 'Answer a correction or withdraw, for the citizen',
        params: idParamsSchema,
        body: caseActionRequestSchema,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (req) => performAction(app.ctx, principalOf(req), meta(req), req.params.id, req.body),
  );
}
