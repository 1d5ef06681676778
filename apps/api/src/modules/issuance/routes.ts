import {
  caseTrackingSchema,
  documentVerificationSchema,
  idParamsSchema,
  issuedDocumentListSchema,
  issuedDocumentSchema,
} from '@opendmv/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/plugin.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { ERROR_RESPONSES as errors } from '../../platform/http/responses.ts';
import { decisionDocument } from './decision.ts';
import { documentForCaller, issuerOf, listMyDocuments } from './documents.ts';
import { renderDocumentPdf } from './pdf.ts';
import { caseTracking } from './tracking.ts';
import { verifyDocument } from './verify.ts';

const locale = (req: FastifyRequest) => localeOf(req.headers['accept-language']);
/** The site's own origin, as the caller reached it (behind a trusted proxy: its forwarded host and scheme). */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** Issued documents (receipts, decision documents) as PDF, their public verification, and parcel tracking. */
export async function issuanceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mine = { permission: 'case:apply' } as const;
  const pdf = z.any().meta({ description: 'The document as PDF (application/pdf)' });

  r.get(
    '/api/v1/me/documents',
    {
      config: mine,
      schema: {
        operationId: 'listMyDocuments',
        tags: ['documents'],
        summary: 'The receipts and decision documents issued to me, newest first',
        response: { 200: issuedDocumentListSchema, ...errors },
      },
    },
    async (req) => listMyDocuments(app.ctx, principalOf(req)),
  );

  r.get(
    '/api/v1/documents/:id/pdf',
    {
      config: { anyUser: true },
      schema: {
        operationId: 'downloadIssuedDocument',
        tags: ['documents'],
        summary:
          'An issued document as PDF: its holder, or staff who may read its case or payment in their office scope',
        params: idParamsSchema,
        response: { 200: pdf, ...errors },
      },
    },
    async (req, reply) => {
      const row = await documentForCaller(app.ctx, principalOf(req), req.params.id);
      const bytes = await renderDocumentPdf(row, {
        origin: originOf(req),
        issuer: await issuerOf(app.ctx.db, row),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${row.number}.pdf"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );

  for (const [prefix, permission, who] of [
    ['/api/v1/me/cases', mine.permission, 'Mine'],
    ['/api/v1/cases', 'case:read', ''],
  ] as const) {
    r.get(
      `${prefix}/:id/decision`,
      {
        config: { permission },
        schema: {
          operationId: `getCaseDecision${who}`,
          tags: ['documents'],
          summary:
            'The decision document (决定书) of a decided case: issued on first request, the same one after (409 before a decision)',
          params: idParamsSchema,
          response: { 200: issuedDocumentSchema, ...errors },
        },
      },
      async (req) => decisionDocument(app.ctx, principalOf(req), req.params.id, locale(req)),
    );
    r.get(
      `${prefix}/:id/tracking`,
      {
        config: { permission },
        schema: {
          operationId: `getCaseTracking${who}`,
          tags: ['documents'],
          summary:
            'Where the licence, plate or label is: the post’s tracking events (newest last), or the outlet to collect it at',
          params: idParamsSchema,
          response: { 200: caseTrackingSchema, ...errors },
        },
      },
      async (req) => caseTracking(app.ctx, principalOf(req), req.params.id),
    );
  }

  r.get(
    '/api/v1/public/documents/:id',
    {
      config: { isPublic: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId: 'verifyDocument',
        tags: ['public'],
        summary:
          'Verify a receipt or decision document by the id in its QR code (no login): what was issued, its hash, valid or void',
        params: idParamsSchema,
        response: { 200: documentVerificationSchema, ...errors },
      },
    },
    async (req) => verifyDocument(app.ctx, req.params.id, { ip: req.ip, requestId: req.id }),
  );
}
