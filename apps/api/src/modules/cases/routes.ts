import {
  caseActionRequestSchema,
  caseDetailSchema,
  caseListQuerySchema,
  caseListSchema,
  documentParamsSchema,
  idParamsSchema,
  precheckResultSchema,
  precheckSchema,
  publicProgressQuerySchema,
  publicProgressSchema,
  submitCaseSchema,
  uploadDocumentSchema,
  windowPrecheckSchema,
  windowSubmitCaseSchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, userOf } from '../../platform/auth/plugin.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { performAction } from './actions.ts';
import { downloadDocument, uploadDocument } from './documents.ts';
import {
  acceptAtWindow,
  applyAtDealer,
  applyOnline,
  getCase,
  listMyCases,
  listOfficeCases,
  precheckAtWindow,
  precheckOnline,
  publicProgress,
} from './service.ts';

const meta = (req: FastifyRequest) => ({
  ip: req.ip,
  requestId: req.id,
  locale: localeOf(req.headers['accept-language']),
});
const locale = (req: FastifyRequest) => localeOf(req.headers['accept-language']);

/** Cases: the citizen's online service, the window console, the office's lists, the public lookup. */
export async function casesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mine = { permission: 'case:apply' } as const;
  const office = { permission: 'case:read' } as const;
  const window = { permission: 'case:handle' } as const;

  r.post(
    '/api/v1/me/cases/precheck',
    {
      config: mine,
      schema: {
        operationId: 'precheckMyApplication',
        tags: ['cases'],
        summary:
          'Whether I qualify, rule by rule, and which materials partners already supply — before applying',
        body: precheckSchema,
        response: { 200: precheckResultSchema, ...errors },
      },
    },
    async (req) => precheckOnline(app.ctx, userOf(req), req.body),
  );

  r.post(
    '/api/v1/me/cases',
    {
      config: mine,
      schema: {
        operationId: 'applyOnline',
        tags: ['cases'],
        summary:
          'Apply online (网上办); approved on the spot when every rule passes and every material comes from data',
        body: submitCaseSchema,
        response: { 201: caseDetailSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await applyOnline(app.ctx, userOf(req), meta(req), req.body, locale(req))),
  );

  r.get(
    '/api/v1/me/cases',
    {
      config: mine,
      schema: {
        operationId: 'listMyCases',
        tags: ['cases'],
        summary: 'My cases, newest first',
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema, ...errors },
      },
    },
    async (req) => listMyCases(app.ctx, userOf(req), req.query),
  );

  r.get(
    '/api/v1/me/cases/:id',
    {
      config: mine,
      schema: {
        operationId: 'getMyCase',
        tags: ['cases'],
        summary: 'One of my cases: progress, checks, what I can do next',
        params: idParamsSchema,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (req) => getCase(app.ctx, principalOf(req), req.params.id),
  );

  r.post(
    '/api/v1/me/cases/:id/actions',
    {
      config: mine,
      schema: {
        operationId: 'actOnMyCase',
        tags: ['cases'],
        summary: 'Answer a correction request, withdraw, or confirm receipt',
        params: idParamsSchema,
        body: caseActionRequestSchema,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (req) => performAction(app.ctx, principalOf(req), meta(req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/cases/precheck',
    {
      config: window,
      schema: {
        operationId: 'precheckAtWindow',
        tags: ['cases'],
        summary: 'Window: the automatic check and materials checklist for an applicant and item',
        body: windowPrecheckSchema,
        response: { 200: precheckResultSchema, ...errors },
      },
    },
    async (req) => precheckAtWindow(app.ctx, req.body),
  );

  r.post(
    '/api/v1/cases',
    {
      config: window,
      schema: {
        operationId: 'acceptAtWindow',
        tags: ['cases'],
        summary: 'Window acceptance (一窗通办): any item delegated to the officer’s office',
        body: windowSubmitCaseSchema,
        response: { 201: caseDetailSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await acceptAtWindow(app.ctx, userOf(req), meta(req), req.body, locale(req))),
  );

  r.get(
    '/api/v1/cases',
    {
      config: office,
      schema: {
        operationId: 'listCases',
        tags: ['cases'],
        summary:
          'Cases handled in my office scope; `due` lists those near or past a time limit, or escalated',
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema, ...errors },
      },
    },
    async (req) => listOfficeCases(app.ctx, principalOf(req), req.query),
  );

  r.get(
    '/api/v1/cases/:id',
    {
      config: office,
      schema: {
        operationId: 'getCase',
        tags: ['cases'],
        summary: 'A case in my office scope, with the actions my role may take',
        params: idParamsSchema,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (req) => getCase(app.ctx, principalOf(req), req.params.id),
  );

  r.post(
    '/api/v1/cases/:id/actions',
    {
      config: office,
      schema: {
        operationId: 'actOnCase',
        tags: ['cases'],
        summary: 'A workflow action (accept, request-correction, review, approve, reject, produce, collect…)',
        params: idParamsSchema,
        body: caseActionRequestSchema,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (req) => performAction(app.ctx, principalOf(req), meta(req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/partner/cases',
    {
      config: { permission: 'partner:submit' },
      schema: {
        operationId: 'applyAtDealer',
        tags: ['partner'],
        summary: 'A dealer outlet files a new-car registration for its buyer (partner-outlet channel)',
        body: windowSubmitCaseSchema,
        response: { 201: caseDetailSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await applyAtDealer(app.ctx, principalOf(req), meta(req), req.body, locale(req))),
  );

  r.get(
    '/api/v1/public/progress',
    {
      config: { isPublic: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'publicProgress',
        tags: ['public'],
        summary: 'Progress of a case by its number and the last four characters of the ID number (no login)',
        querystring: publicProgressQuerySchema,
        response: { 200: publicProgressSchema, ...errors },
      },
    },
    async (req) => publicProgress(app.ctx, req.query.number, req.query.idLast4),
  );
}

/** Files for the applicant's materials: uploaded online or scanned at the window; downloaded by either. */
export async function documentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const bodyLimit = 3 * 1024 * 1024;
  const file = z.any().meta({ description: 'The file (application/pdf, image/jpeg or image/png)' });
  for (const [prefix, permission, who] of [
    ['/api/v1/me/cases', 'case:apply', 'Mine'],
    ['/api/v1/cases', 'case:handle', 'AtWindow'],
    ['/api/v1/agent/cases', 'case:act-for', 'AsAgent'],
  ] as const) {
    r.post(
      `${prefix}/:id/documents`,
      {
        bodyLimit,
        config: { permission },
        schema: {
          operationId: `uploadDocument${who}`,
          tags: ['cases'],
          summary: 'Hand in a file for one of the applicant’s materials (PDF, JPEG or PNG, at most 2 MiB)',
          params: idParamsSchema,
          body: uploadDocumentSchema,
          response: { 201: caseDetailSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await uploadDocument(app.ctx, principalOf(req), meta(req), req.params.id, req.body)),
    );
    r.get(
      `${prefix}/:id/documents/:docId`,
      {
        config: { permission: permission === 'case:handle' ? 'case:read' : permission },
        schema: {
          operationId: `downloadDocument${who}`,
          tags: ['cases'],
          summary: 'Download a file handed in for a case',
          params: documentParamsSchema,
          response: { 200: file, ...errors },
        },
      },
      async (req, reply) => {
        const doc = await downloadDocument(app.ctx, principalOf(req), req.params.id, req.params.docId);
        return reply
          .type(doc.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
          .header('x-content-type-options', 'nosniff')
          .send(doc.content);
      },
    );
  }
}
